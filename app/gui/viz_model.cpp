#include "gui/viz_model.hpp"

#include <algorithm>

namespace poollab::gui::viz {

using rt::EventKind;
using rt::GoId;
using rt::Nanos;
using rt::ObjId;

StateColour state_of(const rt::GoroutineInfo& g) {
  switch (g.state) {
    case rt::GState::Runnable: return StateColour::Runnable;
    case rt::GState::Running: return StateColour::Running;
    case rt::GState::Sleeping: return StateColour::Sleeping;
    case rt::GState::Done: return StateColour::Done;
    case rt::GState::Blocked: break;
  }
  const std::string& r = g.wait_reason;
  if (r.rfind("chan send", 0) == 0) return StateColour::ParkedSend;
  if (r.rfind("chan receive", 0) == 0) return StateColour::ParkedRecv;
  if (r.rfind("select", 0) == 0) return StateColour::InSelect;
  return StateColour::BlockedSync;
}

const char* state_label(StateColour s) {
  switch (s) {
    case StateColour::Running: return "running";
    case StateColour::Runnable: return "ready";
    case StateColour::ParkedSend: return "parked on send";
    case StateColour::ParkedRecv: return "parked on receive";
    case StateColour::InSelect: return "in select";
    case StateColour::Sleeping: return "sleeping";
    case StateColour::BlockedSync: return "blocked (sync)";
    case StateColour::Done: return "done";
  }
  return "?";
}

std::shared_ptr<Model> Model::shared() {
  static std::shared_ptr<Model> model = std::make_shared<Model>();
  return model;
}

void Model::clear() {
  source_ = nullptr;
  processed_ = 0;
  last_seq_ = 0;
  last_time_ = 0;
  ++generation_;
  lanes_.clear();
  lane_index_.clear();
  arrows_.clear();
  longest_arrow_ = 0;
  longest_arrow_seq_ = 0;
  channels_.clear();
  chan_index_.clear();
  transfers_.clear();
  ended_ = false;
}

void Model::note_snapshot(const rt::Snapshot& snap) {
  for (const rt::ChannelInfo& c : snap.channels) {
    if (c.name.empty()) continue;
    auto it = chan_names_.find(c.id);
    if (it == chan_names_.end()) {
      chan_names_.emplace(c.id, c.name);
    } else if (it->second != c.name) {
      it->second = c.name;
    }
  }
  for (const auto& [id, name] : snap.gone_channel_names) chan_names_.try_emplace(id, name);
  for (const rt::GoroutineInfo& g : snap.goroutines) {
    auto it = lane_index_.find(g.id);
    if (it != lane_index_.end() && lanes_[it->second].function.empty()) lanes_[it->second].function = g.function;
  }
}

void Model::update(const FrameContext& ctx) {
  update(ctx.history, ctx.wall_time);
  note_snapshot(ctx.snapshot);
}

void Model::update(const std::vector<rt::Event>& history, double wall_time) {
  // A reset or step back refills the same vector: the last event read must still be there.
  auto same = [](const rt::Event& a, const rt::Event& b) {
    return a.seq == b.seq && a.time_ns == b.time_ns && a.kind == b.kind && a.goroutine == b.goroutine &&
           a.object == b.object && a.peer == b.peer && a.count == b.count && a.value == b.value;
  };
  bool replaced = source_ != &history || history.size() < processed_ ||
                  (processed_ > 0 && !same(history[processed_ - 1], last_event_));
  if (replaced) {
    clear();
    source_ = &history;
  }
  const std::size_t n = history.size();
  // Only the newest operations are worth animating; older ones have already "arrived".
  const std::size_t animate_from = n > 4 * kMaxTransfers ? n - 4 * kMaxTransfers : 0;
  added_ = 0;
  for (std::size_t i = processed_; i < n; ++i) apply(history[i], wall_time, i >= animate_from);
  processed_ = n;
  // A big batch (running flat out) would be a swarm of dots: keep its last few.
  const std::size_t fresh = std::min(added_, transfers_.size());
  for (std::size_t i = kMaxFreshTransfers; i < fresh; ++i) transfers_[transfers_.size() - 1 - i].wall = -1e9;
  if (n > 0) {
    last_seq_ = history[n - 1].seq;
    last_event_ = history[n - 1];
  }
}

const Lane* Model::lane(GoId id) const {
  auto it = lane_index_.find(id);
  return it == lane_index_.end() ? nullptr : &lanes_[it->second];
}

const ChannelTrack* Model::channel(ObjId id) const {
  auto it = chan_index_.find(id);
  return it == chan_index_.end() ? nullptr : &channels_[it->second];
}

std::string Model::channel_name(ObjId id) const {
  auto it = chan_names_.find(id);
  if (it != chan_names_.end()) return it->second;
  return "chan#" + std::to_string(id);
}

std::string Model::function_of(GoId id) const {
  const Lane* l = lane(id);
  return l ? l->function : std::string();
}

Lane& Model::lane_for(GoId id, Nanos t) {
  auto [it, fresh] = lane_index_.try_emplace(id, lanes_.size());
  if (fresh) {
    Lane lane;
    lane.id = id;
    lane.started = t;
    lane.spans.push_back({t, kOpen, StateColour::Running, seq_, kOpenSeq});
    lane.busy_since = t;
    lanes_.push_back(std::move(lane));
  }
  return lanes_[it->second];
}

ChannelTrack& Model::chan_for(ObjId id) {
  auto [it, fresh] = chan_index_.try_emplace(id, channels_.size());
  if (fresh) {
    ChannelTrack c;
    c.id = id;
    channels_.push_back(std::move(c));
  }
  return channels_[it->second];
}

void Model::set_busy(Lane& lane, bool busy, Nanos t) {
  if (busy && lane.busy_since == kOpen) {
    lane.busy_since = t;
  } else if (!busy && lane.busy_since != kOpen) {
    lane.busy_closed += t - lane.busy_since;
    lane.busy_since = kOpen;
  }
}

void Model::set_state(Lane& lane, StateColour s, Nanos t) {
  if (!lane.marks_jobs) {
    bool busy = s == StateColour::Running || s == StateColour::Runnable || s == StateColour::Sleeping;
    set_busy(lane, busy, t);
  }
  lane.state = s;
  if (lane.spans.empty()) {
    lane.spans.push_back({t, kOpen, s, seq_, kOpenSeq});
    return;
  }
  Span& last = lane.spans.back();
  if (last.state == s) return;
  if (last.begin_seq >= seq_) {
    // Changed twice within one event: keep only the second, merging with the span before.
    lane.spans.pop_back();
    if (!lane.spans.empty() && lane.spans.back().state == s) {
      lane.spans.back().end = kOpen;
      lane.spans.back().end_seq = kOpenSeq;
      return;
    }
  } else {
    last.end = t;
    last.end_seq = seq_;
  }
  lane.spans.push_back({t, kOpen, s, seq_, kOpenSeq});
}

void Model::set_length(ChannelTrack& c, std::int64_t len, Nanos t) {
  c.length_area += double(c.length) * double(t - c.length_since);
  c.length = len;
  c.length_since = t;
  c.cap_seen = std::max(c.cap_seen, len);
  if (!c.depth.empty() && c.depth.back().first == t) {
    c.depth.back().second = static_cast<std::int32_t>(len);
  } else {
    c.depth.emplace_back(t, static_cast<std::int32_t>(len));
  }
}

void Model::add_transfer(Transfer t) {
  transfers_.push_back(std::move(t));
  ++added_;
  while (transfers_.size() > kMaxTransfers) transfers_.pop_front();
}

void Model::apply(const rt::Event& e, double wall, bool animate) {
  // Once the outcome is decided the runtime tears the remaining goroutines
  // down; their GoEnd is not the program finishing them: a deadlocked worker
  // stays parked in the picture, as Go's dump shows it.
  if (ended_) return;
  if (e.kind == EventKind::Outcome) ended_ = true;
  const Nanos t = e.time_ns;
  seq_ = e.seq;
  last_time_ = std::max(last_time_, t);
  Lane* lane = e.goroutine != 0 && e.kind != EventKind::Outcome ? &lane_for(e.goroutine, t) : nullptr;
  if (lane && e.line > 0) lane->line = e.line;
  const bool channel_op = e.kind == EventKind::SendDone || e.kind == EventKind::RecvDone ||
                          e.kind == EventKind::SendWait || e.kind == EventKind::RecvWait || e.kind == EventKind::Close;
  if (!lane && !channel_op) return;  // the timer or the outcome: nothing to draw per goroutine

  switch (e.kind) {
    case EventKind::GoStart:
      lane->function = e.value;
      set_state(*lane, StateColour::Running, t);
      break;
    case EventKind::GoEnd:
      set_state(*lane, StateColour::Done, t);
      lane->ended = t;
      lane->current_job.clear();
      break;
    case EventKind::SendWait:
      if (e.object) ++chan_for(e.object).senders[e.goroutine];
      if (lane) set_state(*lane, StateColour::ParkedSend, t);
      break;
    case EventKind::RecvWait:
      if (e.object) ++chan_for(e.object).receivers[e.goroutine];
      if (lane) set_state(*lane, StateColour::ParkedRecv, t);
      break;
    case EventKind::SendDone: {
      ChannelTrack& c = chan_for(e.object);
      ++c.sends;
      ++c.senders[e.goroutine];
      if (!e.value.empty() && e.value != "{}") c.only_empty_structs = false;
      if (e.peer == 0) {  // into the buffer
        // Concurrent senders' events may come in another order than their values went in.
        auto at = c.queued.end();
        while (e.pos != 0 && at != c.queued.begin() && std::prev(at)->pos > e.pos) --at;
        c.queued.insert(at, {t, e.seq, e.goroutine, e.value, e.pos});
        ++c.buffered_in;
        set_length(c, e.count, t);
        if (animate) add_transfer({Transfer::Kind::IntoBuffer, e.object, e.goroutine, 0, e.count - 1, e.value, wall});
      }
      if (lane) set_state(*lane, StateColour::Running, t);
      break;
    }
    case EventKind::RecvDone: {
      ChannelTrack& c = chan_for(e.object);
      if (e.flag) {  // a receive of "closed" says nothing about who consumes here
        ++c.recvs;
        ++c.receivers[e.goroutine];
        ++c.received[e.goroutine];
        GoId from = e.peer;
        Nanos sent = t;
        std::uint64_t sent_seq = e.seq;
        if (e.peer == 0) {  // out of the buffer: its head, or the value numbered as this receive says
          auto it = c.queued.begin();
          if (e.pos != 0) {
            auto match = std::find_if(c.queued.begin(), c.queued.end(), [&](const auto& q) { return q.pos == e.pos; });
            if (match != c.queued.end()) it = match;
          }
          if (it != c.queued.end()) {
            from = it->sender;
            sent = it->time;
            sent_seq = it->seq;
            c.queued.erase(it);
          }
          c.wait_total += double(t - sent);
          ++c.buffered_out;
          set_length(c, e.count, t);
          if (animate) add_transfer({Transfer::Kind::OutOfBuffer, e.object, 0, e.goroutine, 0, e.value, wall});
        } else if (animate) {
          add_transfer({Transfer::Kind::HandOff, e.object, e.peer, e.goroutine, 0, e.value, wall});
        }
        if (from != 0 && e.goroutine != 0) {
          arrows_.push_back({sent, t, sent_seq, e.seq, from, e.goroutine, e.object});
          longest_arrow_ = std::max(longest_arrow_, t - sent);
          longest_arrow_seq_ = std::max(longest_arrow_seq_, e.seq - sent_seq);
        }
        if (lane && !lane->marks_jobs) {
          lane->current_job = e.value;
          lane->current_job_chan = e.object;
        }
      }
      if (lane) set_state(*lane, StateColour::Running, t);
      break;
    }
    case EventKind::Close:
      chan_for(e.object).closed = true;
      break;
    case EventKind::SelectWait:
      set_state(*lane, StateColour::InSelect, t);
      break;
    case EventKind::WgWait:
    case EventKind::MutexWait:
      set_state(*lane, StateColour::BlockedSync, t);
      break;
    case EventKind::SleepStart:
      set_state(*lane, StateColour::Sleeping, t);
      break;
    case EventKind::SelectDone:
    case EventKind::WgRelease:
    case EventKind::MutexLock:
    case EventKind::SleepEnd:
      set_state(*lane, StateColour::Running, t);
      break;
    case EventKind::JobStart:
      if (!lane->marks_jobs) {  // switch utilisation to the program's own job marks
        lane->marks_jobs = true;
        lane->busy_closed = 0;
        lane->busy_since = kOpen;
      }
      lane->current_job = e.value;
      lane->current_job_chan = 0;
      set_busy(*lane, true, t);
      break;
    case EventKind::JobEnd:
      ++lane->jobs_done;
      set_busy(*lane, false, t);
      break;
    case EventKind::Line:
      if (e.count > 0) lane->line = static_cast<int>(e.count);
      break;
    default:
      break;
  }
}

}  // namespace poollab::gui::viz
