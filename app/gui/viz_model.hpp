// What the visualisation panels derive from the event history, built
// incrementally: each update() only reads the events added since the last one,
// so a frame costs in proportion to new events, not to the history's length.
//
//   viz::Model& m = *model;          // shared by the pool view, timeline, metrics ...
//   m.update(ctx);                   // cheap when nothing new arrived
//   for (const viz::Lane& lane : m.lanes()) { ... lane.spans ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "gui/frame_context.hpp"

namespace poollab::gui::viz {

inline constexpr rt::Nanos kOpen = std::numeric_limits<rt::Nanos>::max();  // span still going on

// State colour of a live goroutine, from its snapshot entry.
StateColour state_of(const rt::GoroutineInfo& g);
// Short words for a state ("parked on send").
const char* state_label(StateColour s);

inline constexpr std::uint64_t kOpenSeq = std::numeric_limits<std::uint64_t>::max();

// One stretch of a goroutine's life in one state: [begin, end) in program time
// and in event order (seq), end == kOpen / kOpenSeq while current. On the
// virtual clock many steps share one instant; event order still tells them apart.
struct Span {
  rt::Nanos begin = 0;
  rt::Nanos end = kOpen;
  StateColour state = StateColour::Running;
  std::uint64_t begin_seq = 0;
  std::uint64_t end_seq = kOpenSeq;
};

// Everything the panels know about one goroutine, from its events.
struct Lane {
  rt::GoId id = 0;
  std::string function;         // "main.worker"
  rt::Nanos started = 0;
  rt::Nanos ended = kOpen;      // GoEnd time
  std::vector<Span> spans;      // sorted, contiguous, one per state change
  StateColour state = StateColour::Running;
  int line = 0;
  // Busy time for utilisation: inside JobStart..JobEnd when the program marks
  // jobs, else any time not parked on a channel, select, WaitGroup or mutex.
  rt::Nanos busy_closed = 0;    // busy time of finished busy stretches
  rt::Nanos busy_since = kOpen; // start of the current busy stretch, kOpen when idle
  bool marks_jobs = false;      // has emitted JobStart
  std::uint64_t jobs_done = 0;  // JobEnd events
  std::string current_job;      // JobStart value, else the last value received from a channel
  rt::ObjId current_job_chan = 0;

  rt::Nanos busy(rt::Nanos now) const { return busy_closed + (busy_since == kOpen ? 0 : now - busy_since); }
  rt::Nanos alive(rt::Nanos now) const { return (ended == kOpen ? now : ended) - started; }
};

// A value travelling between goroutines: send at one time, receive at another.
struct Arrow {
  rt::Nanos send_time = 0;
  rt::Nanos recv_time = 0;
  std::uint64_t send_seq = 0;
  std::uint64_t recv_seq = 0;
  rt::GoId from = 0;
  rt::GoId to = 0;
  rt::ObjId chan = 0;
};

// One channel's traffic: queue depth over time and what Little's law needs.
struct ChannelTrack {
  rt::ObjId id = 0;
  std::int64_t cap_seen = 0;                       // largest buffer length observed
  std::vector<std::pair<rt::Nanos, std::int32_t>> depth;  // (time, buffer length after), by time
  std::uint64_t sends = 0, recvs = 0;              // completed operations
  std::uint64_t buffered_in = 0, buffered_out = 0; // items that went through the buffer
  bool closed = false;
  bool only_empty_structs = true;                  // every value sent was "{}" (semaphore-like)
  // Integral of buffer length over time and total time items spent buffered.
  std::int64_t length = 0;
  rt::Nanos length_since = 0;
  double length_area = 0;                          // ns * items
  double wait_total = 0;                           // ns, items that left the buffer
  struct Queued {
    rt::Nanos time;
    std::uint64_t seq;
    rt::GoId sender;
    std::string value;  // as formatted by the runtime, to draw the buffer once the program has ended
    std::uint64_t pos;  // rt::Event::pos: the buffer's order (0 when the runtime did not say)
  };
  std::deque<Queued> queued;                       // buffered items, head first
  // Who sends and who receives here (goroutine -> operations, waits included).
  std::unordered_map<rt::GoId, std::uint32_t> senders, receivers;
  std::unordered_map<rt::GoId, std::uint32_t> received;  // values each goroutine actually got

  double area(rt::Nanos now) const { return length_area + double(length) * double(now - length_since); }
};

// A recent send or receive, kept briefly to animate the value moving.
struct Transfer {
  enum class Kind : std::uint8_t { IntoBuffer, OutOfBuffer, HandOff };
  Kind kind = Kind::HandOff;
  rt::ObjId chan = 0;
  rt::GoId from = 0;        // sender (0 when it came out of the buffer)
  rt::GoId to = 0;          // receiver (0 when it went into the buffer)
  std::int64_t slot = 0;    // buffer slot index (head = 0) for IntoBuffer
  std::string value;
  double wall = 0;          // ctx.wall_time when it was seen
};

class Model {
 public:
  Model() = default;

  // Process-wide model the panels share by default (one UI thread).
  static std::shared_ptr<Model> shared();

  // Read the events added since the last call (and channel names from the
  // snapshot). Starts over when the history was replaced (reset, step back).
  void update(const FrameContext& ctx);
  // Same, without a context (tests, benchmarks).
  void update(const std::vector<rt::Event>& history, double wall_time = 0);
  void note_snapshot(const rt::Snapshot& snap);
  void clear();

  std::size_t processed() const { return processed_; }
  rt::Nanos last_time() const { return last_time_; }
  std::uint64_t last_seq() const { return last_seq_; }
  std::uint64_t generation() const { return generation_; }  // bumps on every start-over
  bool ended() const { return ended_; }  // the program's outcome has been read

  const std::vector<Lane>& lanes() const { return lanes_; }  // in order of first appearance
  const Lane* lane(rt::GoId id) const;
  const std::vector<Arrow>& arrows() const { return arrows_; }  // sorted by recv_time (and recv_seq)
  rt::Nanos longest_arrow() const { return longest_arrow_; }
  std::uint64_t longest_arrow_seq() const { return longest_arrow_seq_; }
  const std::vector<ChannelTrack>& channels() const { return channels_; }
  const ChannelTrack* channel(rt::ObjId id) const;
  std::string channel_name(rt::ObjId id) const;  // "jobs", or "chan#3" when unnamed
  const std::deque<Transfer>& transfers() const { return transfers_; }
  std::string function_of(rt::GoId id) const;

  static constexpr std::size_t kMaxTransfers = 48;
  static constexpr std::size_t kMaxFreshTransfers = 6;  // animated per update

 private:
  Lane& lane_for(rt::GoId id, rt::Nanos t);
  ChannelTrack& chan_for(rt::ObjId id);
  void set_state(Lane& lane, StateColour s, rt::Nanos t);
  void set_busy(Lane& lane, bool busy, rt::Nanos t);
  void set_length(ChannelTrack& c, std::int64_t len, rt::Nanos t);
  void apply(const rt::Event& e, double wall, bool animate);
  void add_transfer(Transfer t);

  const std::vector<rt::Event>* source_ = nullptr;
  std::size_t processed_ = 0;
  std::uint64_t last_seq_ = 0;
  rt::Event last_event_;  // the last one read, to notice a refilled history
  rt::Nanos last_time_ = 0;
  std::uint64_t generation_ = 0;

  std::vector<Lane> lanes_;
  std::unordered_map<rt::GoId, std::size_t> lane_index_;
  std::vector<Arrow> arrows_;
  rt::Nanos longest_arrow_ = 0;
  std::uint64_t longest_arrow_seq_ = 0;
  std::uint64_t seq_ = 0;  // of the event being applied
  std::vector<ChannelTrack> channels_;
  std::unordered_map<rt::ObjId, std::size_t> chan_index_;
  std::unordered_map<rt::ObjId, std::string> chan_names_;  // survives start-over (names are stable per program)
  std::deque<Transfer> transfers_;
  std::size_t added_ = 0;  // transfers added by the current update
  bool ended_ = false;     // the Outcome event has been read: later events are teardown
};

}  // namespace poollab::gui::viz
