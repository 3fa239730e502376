// The pool view: producer -> jobs channel (buffer slots, values, closed flag,
// parked senders and receivers) -> worker boxes coloured by state -> results
// channel -> consumer; WaitGroup counters, semaphore tokens, pipeline stages,
// and every other goroutine and channel below. Values glide along on send and
// receive. Clicking a goroutine selects it and asks the controller to step it.
//
//   PoolView pool;              // shares viz::Model::shared() with the other panels
//   pool.draw(ctx);             // inside an ImGui window
//   if (ctx.step_request) session.step(*ctx.step_request);
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "gui/frame_context.hpp"
#include "gui/viz_layout.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui {

class PoolView {
 public:
  struct Box {
    ImVec2 min, max;
    ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  };

  explicit PoolView(std::shared_ptr<viz::Model> model = viz::Model::shared());
  void draw(FrameContext& ctx);

  // Where a goroutine's box was drawn in the last frame (screen coordinates).
  std::optional<Box> box_of(rt::GoId id) const;
  const viz::PoolLayout& layout() const { return layout_; }  // as of the last frame

  static constexpr double kMoveSeconds = 0.3;  // how long a value takes to travel
  // True while the drawing is still finding the scale at which it fits the panel (a
  // frame or a few after the panel, the font or the goroutines drawn change).
  bool layout_settling() const { return fit_settling_; }

 private:
  struct ChanGeo {
    ImVec2 min, max;
    int slots = 0;  // slots drawn (0 = unbuffered)
    float slot_w = 0;
    ImVec2 slot_centre(std::int64_t i) const;  // 0 = head (rightmost)
    ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  };

  void draw_header(FrameContext& ctx);
  float draw_wait_groups_and_semaphore(FrameContext& ctx, ImVec2 pos, float max_x);
  // The pool top to bottom (producers, jobs, workers, results, consumers) in a
  // pane too narrow for the row; false (nothing drawn) when it does not fit either.
  bool draw_pool_column(FrameContext& ctx, ImVec2 origin, ImVec2 avail, float& y);
  void draw_goroutine(FrameContext& ctx, rt::GoId id, ImVec2 pos, ImVec2 size, bool compact);
  int shown_slots(std::size_t cap) const;  // slots drawn for a buffer of capacity cap
  float slot_width(rt::ObjId id) const;  // fits the values buffered now
  ImVec2 channel_size(rt::ObjId id) const;
  float slot_body_w(rt::ObjId id) const;  // width of the slots themselves, centred in channel_size
  void draw_channel(FrameContext& ctx, rt::ObjId id, ImVec2 pos);
  float draw_flow(FrameContext& ctx, ImVec2 pos, float max_x, const std::vector<rt::GoId>& gs,
                  const std::vector<rt::ObjId>& chans);
  float draw_pipeline(FrameContext& ctx, ImVec2 pos, float max_x);
  void draw_moving_values(FrameContext& ctx);
  const rt::GoroutineInfo* live(rt::GoId id) const;
  const rt::ChannelInfo* chan_info(rt::ObjId id) const;
  void add_ended_channels(const FrameContext& ctx);

  std::shared_ptr<viz::Model> model_;
  viz::PoolLayout layout_;
  viz::LayoutCache layouts_;

  // Rebuilt every frame.
  std::unordered_map<rt::GoId, const rt::GoroutineInfo*> live_;
  std::unordered_map<rt::ObjId, const rt::ChannelInfo*> chans_;
  std::unordered_map<rt::GoId, Box> boxes_;
  std::unordered_map<rt::GoId, ImVec2> out_pos_, in_pos_;  // where values leave / arrive
  std::unordered_map<rt::ObjId, ChanGeo> chan_geo_;
  // Once the program has ended its channels are gone from the snapshot; they
  // are drawn as the events and the parked goroutines left them.
  std::vector<rt::ChannelInfo> ended_chans_;
  std::unordered_map<rt::ObjId, std::size_t> caps_;  // capacity of every channel seen live, this run
  std::unordered_map<rt::ObjId, bool> cap_guessed_;   // ended, never seen live: cap is the most it held
  std::uint64_t caps_generation_ = 0;
  float line_ = 13.0f;  // text line height this frame
  float layout_right_ = 0;  // screen x the drawing keeps left of (room kept for a vertical scrollbar)
  float width_scale_ = 1.0f;  // < 1 when the pool row is squeezed
  // The drawing's text scale: below 1 when even the squeezed row is wider than the panel
  // (big presentation fonts), so the whole pool stays in view instead of scrolling.
  // Adjusted from one frame to the next.
  float fit_scale_ = 1.0f;
  float fit_too_big_ = 1.01f;  // the smallest scale seen to overflow (above 1: none yet)
  float fit_known_ = 0.0f;     // the largest scale seen to fit (0: none yet)
  bool fit_settling_ = false;  // the last frame changed the scale
  std::array<std::size_t, 8> fit_for_shape_{};  // how many boxes of each kind the bounds were found for
  float fit_for_width_ = 0;    // the panel width (in lines at scale 1) these were found for
  const void* fit_for_lesson_ = nullptr;
  float font_scale_ = 1.0f;  // the window's presentation font scale this frame
  // After drawing at fit_scale_: did the pool fit? Picks next frame's scale.
  void fit_result(bool fits, float need, float avail);
  int max_slots_ = 10;        // buffer slots drawn per channel (set each frame); fewer when squeezed
  bool vertical_ = false;     // this frame's pool runs top to bottom (a narrow, tall pane)
  float column_left_ = 0, column_right_ = 0;  // the column's drawable width, for labels beside channels
  bool senders_beside_ = true, receivers_beside_ = true;  // false where a side box sits beside the channel
};

}  // namespace poollab::gui
