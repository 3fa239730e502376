#include "gui/pool_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "gui/lesson_view.hpp"
#include "gui/probe.hpp"
#include "gui/theme.hpp"
#include "gui/viz_draw.hpp"

namespace poollab::gui {

using rt::GoId;
using rt::ObjId;

namespace {

constexpr int kMaxSlots = 10;          // longer buffers show their first slots and "+N"
constexpr std::size_t kMaxBoxes = 96;  // more workers than this are summarised
constexpr std::size_t kMaxWaiters = 4; // parked senders / receivers listed under a channel

ImVec2 operator+(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

}  // namespace

PoolView::PoolView(std::shared_ptr<viz::Model> model) : model_(std::move(model)) {}

ImVec2 PoolView::ChanGeo::slot_centre(std::int64_t i) const {
  float y = (min.y + max.y) * 0.5f;
  if (slots == 0) return ImVec2((min.x + max.x) * 0.5f, y);
  i = std::clamp<std::int64_t>(i, 0, slots - 1);
  return ImVec2(max.x - (static_cast<float>(i) + 0.5f) * slot_w, y);
}

std::optional<PoolView::Box> PoolView::box_of(GoId id) const {
  auto it = boxes_.find(id);
  if (it == boxes_.end()) return std::nullopt;
  return it->second;
}

const rt::GoroutineInfo* PoolView::live(GoId id) const {
  auto it = live_.find(id);
  return it == live_.end() ? nullptr : it->second;
}

const rt::ChannelInfo* PoolView::chan_info(ObjId id) const {
  auto it = chans_.find(id);
  return it == chans_.end() ? nullptr : it->second;
}

void PoolView::add_ended_channels(const FrameContext& ctx) {
  if (caps_generation_ != model_->generation()) {
    caps_.clear();
    caps_generation_ = model_->generation();
  }
  for (const rt::ChannelInfo& c : ctx.snapshot.channels) caps_[c.id] = c.cap;
  ended_chans_.clear();
  cap_guessed_.clear();
  if (!ctx.snapshot.outcome) return;
  // With events dropped the model does not know how the channels ended.
  if (ctx.session && ctx.session->dropped_events() > 0) return;
  // Mid-teardown the snapshot's channels have already lost their waiters (or
  // are gone): every channel is drawn from the events and the parked goroutines.
  ended_chans_.reserve(model_->channels().size());  // chans_ points into it
  for (const viz::ChannelTrack& t : model_->channels()) {
    rt::ChannelInfo c;
    c.id = t.id;
    c.name = model_->channel_name(t.id);
    auto cap = caps_.find(t.id);
    // A program can end between two frames: then all we know is the most it held.
    c.cap = cap != caps_.end() ? cap->second : static_cast<std::size_t>(t.cap_seen);
    if (cap == caps_.end()) cap_guessed_[t.id] = true;
    c.closed = t.closed;
    for (const auto& q : t.queued) c.buffer.push_back(q.value);
    c.sends = t.sends;
    c.recvs = t.recvs;
    std::vector<const rt::GoroutineInfo*> senders, receivers;
    for (const rt::GoroutineInfo& g : ctx.snapshot.goroutines) {
      if (g.state != rt::GState::Blocked || g.waiting_on != t.id) continue;
      const StateColour s = viz::state_of(g);
      if (s == StateColour::ParkedSend) senders.push_back(&g);
      if (s == StateColour::ParkedRecv) receivers.push_back(&g);
    }
    auto by_arrival = [](const rt::GoroutineInfo* a, const rt::GoroutineInfo* b) {
      return a->parked_since != b->parked_since ? a->parked_since < b->parked_since : a->id < b->id;
    };
    std::sort(senders.begin(), senders.end(), by_arrival);
    std::sort(receivers.begin(), receivers.end(), by_arrival);
    for (const auto* g : senders) c.senders.push_back(g->id);
    for (const auto* g : receivers) c.receivers.push_back(g->id);
    ended_chans_.push_back(std::move(c));
    chans_[t.id] = &ended_chans_.back();
  }
}

void PoolView::draw(FrameContext& ctx) {
  model_->update(ctx);
  layout_ = layouts_.get(ctx, *model_);
  live_.clear();
  for (const rt::GoroutineInfo& g : ctx.snapshot.goroutines) live_[g.id] = &g;
  chans_.clear();
  for (const rt::ChannelInfo& c : ctx.snapshot.channels) chans_[c.id] = &c;
  add_ended_channels(ctx);
  boxes_.clear();
  out_pos_.clear();
  in_pos_.clear();
  chan_geo_.clear();
  // A resized panel or a new presentation font starts again from full size (measured
  // outside the child, whose own font carries last frame's scale). Goroutines or
  // channels joining or leaving the drawing change what fits too: the search goes on
  // from the present scale. Either way both bounds are forgotten.
  const float width_in_lines = ImGui::GetContentRegionAvail().x / ImGui::GetTextLineHeight();
  const bool new_panel = std::abs(width_in_lines - fit_for_width_) > 0.5f || fit_for_lesson_ != ctx.lesson;
  const std::array<std::size_t, 8> shape{layout_.producers.size(), layout_.workers.size(), layout_.consumers.size(),
                                         layout_.others.size(), layout_.other_channels.size(), layout_.stages.size(),
                                         static_cast<std::size_t>(layout_.jobs != 0), static_cast<std::size_t>(layout_.results != 0)};
  if (new_panel) {
    fit_scale_ = 1.0f;
    fit_for_width_ = width_in_lines;
    fit_for_lesson_ = ctx.lesson;
  }
  if (new_panel || shape != fit_for_shape_) {
    fit_too_big_ = 1.01f;
    fit_known_ = 0.0f;
    fit_for_shape_ = shape;
  }
  font_scale_ = ctx.font_scale;
  ImGui::BeginChild("##pool", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::SetWindowFontScale(fit_scale_);
  line_ = ImGui::GetTextLineHeight();
  // Laid out as if the vertical scrollbar were always there: a width that changed with it
  // would change the drawing's height, which could take the scrollbar away again, and
  // the layout would flip between two forms frame after frame.
  const float scrollbar_gap = ImGui::GetScrollMaxY() > 0.0f ? 0.0f : ImGui::GetStyle().ScrollbarSize;
  layout_right_ = ImGui::GetCursorScreenPos().x + std::max(0.0f, ImGui::GetContentRegionAvail().x - scrollbar_gap);
  probe::record_rect("pool/area", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                            ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
  draw_header(ctx);
  if (model_->lanes().empty() && ctx.snapshot.goroutines.empty()) {
    ImGui::TextDisabled("No program running yet: press Run or Step.");
    ImGui::EndChild();
    return;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Theme& th = ctx.theme;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail(std::max(1.0f, layout_right_ - origin.x), ImGui::GetContentRegionAvail().y);
  const float L = line_;
  const float gap = 2.2f * L;
  width_scale_ = 1.0f;
  max_slots_ = kMaxSlots;
  vertical_ = false;
  const float pad = 0.5f * L;
  float y = origin.y;
  float content_w = avail.x;

  const auto& P = layout_;
  const bool has_pool = P.has_pool();
  if (has_pool) {
    // Workers: a grid that fits the height left, compact boxes when there are many.
    // Widths shrink (to 45%) before the view needs a horizontal scrollbar.
    const std::size_t n = std::min(P.workers.size(), kMaxBoxes);
    const bool compact = P.workers.size() > 12;
    const float cell_gap = 0.4f * L;
    // One row of the strip below: its heading, a box (draw_flow) and the gap under it.
    const float others_reserve = P.others.empty() && P.other_channels.empty() ? 0.0f : (L + 6) + (3.0f * L + 10.0f) + 0.8f * L;
    ImVec2 box, side_box, jobs_sz, res_sz;
    std::size_t cols = 0, rows = 0;
    float grid_w = 0, grid_h = 0, need = 0;
    int columns = 1;
    auto measure = [&] {
      const float k = width_scale_;
      box = ImVec2((compact ? 6.0f : 11.0f) * L * k, compact ? 2.0f * L + 8.0f : 3.0f * L + 10.0f);
      const float height_left = std::max(box.y, avail.y - others_reserve - 2.0f * L);
      std::size_t rows_fit = std::max<std::size_t>(1, static_cast<std::size_t>((height_left + cell_gap) / (box.y + cell_gap)));
      cols = n == 0 ? 0 : (n + rows_fit - 1) / rows_fit;
      rows = cols == 0 ? 0 : (n + cols - 1) / cols;
      grid_w = cols == 0 ? box.x : cols * box.x + (cols - 1) * cell_gap;
      grid_h = rows == 0 ? box.y : rows * box.y + (rows - 1) * cell_gap;
      jobs_sz = P.jobs ? channel_size(P.jobs) : ImVec2(0, 0);
      res_sz = P.results ? channel_size(P.results) : ImVec2(0, 0);
      side_box = ImVec2(11.0f * L * k, 3.0f * L + 10.0f);
      need = 2 * pad + grid_w;
      columns = 1;
      if (!P.producers.empty()) need += side_box.x, ++columns;
      if (P.jobs) need += jobs_sz.x, ++columns;
      if (P.results) need += res_sz.x, ++columns;
      if (!P.consumers.empty()) need += side_box.x, ++columns;
    };
    width_scale_ = 1.0f;
    measure();
    const float min_gaps = (columns - 1) * 1.2f * L;
    // Too narrow for the row at full size: a top-to-bottom column, when the height
    // allows, keeps every box and slot readable; otherwise the row squeezes.
    if (need + min_gaps > avail.x && draw_pool_column(ctx, origin, ImVec2(avail.x, avail.y - others_reserve), y)) {
      vertical_ = true;
      fit_result(true, need, avail.x);
    } else {
    vertical_ = false;
    probe::record("pool/form", "row");
    for (int i = 0; i < 3 && need + min_gaps > avail.x && width_scale_ > 0.45f; ++i) {
      width_scale_ = std::max(0.45f, width_scale_ * (avail.x - min_gaps) / need);
      measure();
    }
    // Still too wide: long buffers show fewer slots (the rest as "+N") before a scrollbar appears.
    while (need + min_gaps > avail.x && max_slots_ > 3) {
      max_slots_ = std::max(3, max_slots_ - 2);
      measure();
    }
    auto stack_h = [&](std::size_t k) { return k == 0 ? 0.0f : k * side_box.y + (k - 1) * cell_gap; };
    const float main_h = std::max({grid_h, stack_h(P.producers.size()), stack_h(P.consumers.size()), jobs_sz.y, res_sz.y});

    fit_result(need + min_gaps <= avail.x * 1.01f, need + min_gaps, avail.x);
    // Columns left to right; spare width spreads the gaps.
    float g = columns > 1 ? std::max(1.2f * L, (avail.x - need) / (columns - 1)) : gap;
    g = std::min(g, 6.0f * L);
    content_w = std::max(avail.x, need + (columns - 1) * g);
    // Centred in the height left (a line above for titles), never above the top.
    const float mid = y + std::max(main_h * 0.5f + L, (avail.y - others_reserve) * 0.45f);
    float x = origin.x + pad;

    auto draw_stack = [&](const std::vector<GoId>& ids, float sx, bool consumers) {
      float sy = mid - stack_h(ids.size()) * 0.5f;
      for (GoId id : ids) {
        draw_goroutine(ctx, id, ImVec2(sx, sy), side_box, false);
        // main often both produces and consumes: results arrive at its consumer box
        if (consumers) in_pos_[id] = ImVec2(sx, sy + side_box.y * 0.5f);
        sy += side_box.y + cell_gap;
      }
    };
    float producers_right = 0, jobs_left = 0, jobs_right = 0, grid_left = 0, grid_right = 0, res_left = 0,
          res_right = 0, consumers_left = 0;
    if (!P.producers.empty()) {
      draw_stack(P.producers, x, false);
      producers_right = x + side_box.x;
      x += side_box.x + g;
    }
    if (P.jobs) {
      draw_channel(ctx, P.jobs, ImVec2(x, mid - jobs_sz.y * 0.5f));
      jobs_left = x;
      jobs_right = x + jobs_sz.x;
      x += jobs_sz.x + g;
    }
    grid_left = x;
    {
      float gy = mid - grid_h * 0.5f;
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t c = i / rows, r = i % rows;
        draw_goroutine(ctx, P.workers[i], ImVec2(x + c * (box.x + cell_gap), gy + r * (box.y + cell_gap)), box, compact);
      }
      if (P.workers.size() > n) {
        char more[48];
        std::snprintf(more, sizeof more, "+%zu more workers", P.workers.size() - n);
        dl->AddText(ImVec2(x, gy + grid_h + 2), th.text_dim, more);
      }
      if (n == 0) {
        dl->AddRect(ImVec2(x, mid - box.y * 0.5f), ImVec2(x + box.x, mid + box.y * 0.5f), th.text_dim, 4.0f);
        viz::text_clipped(dl, ImVec2(x + pad, mid - L * 0.5f), th.text_dim, "no workers yet", x + box.x - pad);
      }
      ImVec2 title(x, mid - grid_h * 0.5f - L - 2);
      dl->AddText(title, th.text_dim, "workers");
    }
    grid_right = x + grid_w;
    x += grid_w + g;
    if (P.results) {
      draw_channel(ctx, P.results, ImVec2(x, mid - res_sz.y * 0.5f));
      res_left = x;
      res_right = x + res_sz.x;
      x += res_sz.x + g;
    }
    if (!P.consumers.empty()) {
      draw_stack(P.consumers, x, true);
      consumers_left = x;
    }

    // Flow arrows between the columns.
    const ImU32 flow = viz::with_alpha(th.text_dim, 0.55f);
    const float head = 0.5f * L;
    auto connect = [&](float x0, float x1) {
      if (x0 > 0 && x1 > 0) viz::arrow(dl, ImVec2(x0 + 3, mid), ImVec2(x1 - 3, mid), flow, 1.5f, head);
    };
    if (P.jobs) connect(producers_right, jobs_left);
    if (P.jobs) {
      if (n > 0 && n <= 12) {  // fan out to each worker
        for (std::size_t i = 0; i < n; ++i) {
          if (auto b = box_of(P.workers[i]); b && i < rows)
            viz::arrow(dl, ImVec2(jobs_right + 3, mid), ImVec2(b->min.x - 2, b->centre().y), viz::with_alpha(flow, 0.35f), 1.0f, head * 0.8f);
        }
      } else {
        connect(jobs_right, grid_left);
      }
    }
    if (P.results) {
      if (n > 0 && n <= 12) {
        for (std::size_t i = n - std::min(n, rows); i < n; ++i) {
          if (auto b = box_of(P.workers[i]))
            viz::arrow(dl, ImVec2(b->max.x + 2, b->centre().y), ImVec2(res_left - 3, mid), viz::with_alpha(flow, 0.35f), 1.0f, head * 0.8f);
        }
      } else {
        connect(grid_right, res_left);
      }
      connect(res_right, consumers_left);
    } else if (!P.consumers.empty()) {
      connect(grid_right, consumers_left);
    }
    y = std::max(y + main_h + 2.5f * L, mid + main_h * 0.5f + 1.5f * L);
    }
  }

  if (!P.stages.empty()) {
    y += draw_pipeline(ctx, ImVec2(origin.x + pad, y), origin.x + avail.x - pad) + L;
  }

  if (!P.others.empty() || !P.other_channels.empty()) {
    if (has_pool || !P.stages.empty()) {
      dl->AddLine(ImVec2(origin.x, y), ImVec2(origin.x + content_w, y), viz::with_alpha(th.text_dim, 0.3f));
      dl->AddText(ImVec2(origin.x + pad, y + 2), th.text_dim, has_pool ? "other goroutines and channels" : "goroutines and channels");
      y += L + 6;
    }
    y += draw_flow(ctx, ImVec2(origin.x + pad, y), origin.x + avail.x - pad, P.others, P.other_channels);
  }

  draw_moving_values(ctx);

  // Tell ImGui how big the drawing is, so the child scrolls when it does not fit.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(content_w, std::max(1.0f, y - origin.y)));
  probe::record("pool/scroll-max", std::to_string(ImGui::GetScrollMaxX()) + " " + std::to_string(ImGui::GetScrollMaxY()));
  ImGui::EndChild();
}

// Finds, over a few frames, the largest scale at which the pool fits: a bisection
// between the largest scale seen to fit and the smallest seen to overflow, the first
// overflow jumping straight to the proportional estimate (every width follows the
// font). Remembering both bounds keeps the row and column forms from taking turns.
void PoolView::fit_result(bool fits, float need, float avail) {
  // No smaller than 60%, nor than 0.8x the normal text size under a presentation font:
  // smaller than that is not worth reading.
  const float kMinFitScale = std::min(0.6f, 0.8f / std::max(1.0f, font_scale_));
  const float before = fit_scale_;
  if (!fits) {
    fit_too_big_ = std::min(fit_too_big_, fit_scale_);
    if (fit_known_ >= fit_too_big_) fit_known_ = 0.0f;  // that fit is out of date
    float next = fit_scale_ * avail / need;
    if (fit_known_ > 0.0f) next = std::max(next, 0.5f * (fit_known_ + fit_too_big_));
    fit_scale_ = std::clamp(next, kMinFitScale, std::max(kMinFitScale, fit_scale_ - 0.02f));
  } else {
    fit_known_ = std::max(fit_known_, fit_scale_);
    if (fit_scale_ < 1.0f && fit_too_big_ - fit_scale_ > 0.04f) fit_scale_ = std::min(1.0f, 0.5f * (fit_scale_ + fit_too_big_));
  }
  fit_settling_ = fit_scale_ != before;
  probe::record("pool/fit-scale", std::to_string(fit_scale_));
}

bool PoolView::draw_pool_column(FrameContext& ctx, ImVec2 origin, ImVec2 avail, float& y) {
  const auto& P = layout_;
  const float L = line_;
  const float pad = 0.5f * L;
  const float cell_gap = 0.4f * L;
  const float min_gap = 1.2f * L;
  const float pair_gap = 2.5f * L;  // between a side box and its channel in the paired form
  const std::size_t n = std::min(P.workers.size(), kMaxBoxes);
  const bool compact = P.workers.size() > 12;
  const ImVec2 side_box(11.0f * L, 3.0f * L + 10.0f);
  const float width = avail.x - 2 * pad;
  auto row_w = [&](std::size_t k, float w) { return k == 0 ? 0.0f : k * w + (k - 1) * cell_gap; };

  vertical_ = true;  // channel_size below measures the column form
  width_scale_ = 1.0f;
  max_slots_ = kMaxSlots;
  ImVec2 jobs_sz, res_sz;
  auto measure_channels = [&] {
    jobs_sz = P.jobs ? channel_size(P.jobs) : ImVec2(0, 0);
    res_sz = P.results ? channel_size(P.results) : ImVec2(0, 0);
  };
  measure_channels();
  while ((jobs_sz.x > width * 0.6f || res_sz.x > width * 0.6f) && max_slots_ > 3) {
    max_slots_ = std::max(3, max_slots_ - 2);
    measure_channels();
  }
  // Waiters sit beside the slots (at most three lines), so a channel's height is fixed.
  const float chan_h = L + 3.0f * L + 4;
  const float prods_w = row_w(P.producers.size(), side_box.x), cons_w = row_w(P.consumers.size(), side_box.x);

  ImVec2 box;
  std::size_t cols = 1, rows = 1;
  float grid_w = 0, grid_h = 0;
  auto measure_grid = [&](float k) {
    box = ImVec2((compact ? 6.0f : 11.0f) * L * k, compact ? 2.0f * L + 8.0f : 3.0f * L + 10.0f);
    cols = n == 0 ? 1 : std::clamp<std::size_t>(static_cast<std::size_t>((width + cell_gap) / (box.x + cell_gap)), 1, n);
    rows = n == 0 ? 1 : (n + cols - 1) / cols;
    grid_w = n == 0 ? box.x : row_w(cols, box.x);
    grid_h = rows * box.y + (rows - 1) * cell_gap;
  };
  // Five rows (producers, jobs, workers, results, consumers) when the height
  // allows; else three, each side box beside its channel. Narrower worker boxes
  // (to 60%) put more of them on a row when the rows are too tall.
  bool paired = false, fits = false;
  float content = 0;
  int gaps = 0;
  for (int form = 0; form < 2 && !fits; ++form) {
    paired = form == 1;
    const float top_h = paired ? std::max(P.producers.empty() ? 0.0f : side_box.y, P.jobs ? chan_h : 0.0f)
                               : (P.producers.empty() ? 0.0f : side_box.y) + (P.jobs ? chan_h : 0.0f);
    const float bottom_h = paired ? std::max(P.consumers.empty() ? 0.0f : side_box.y, P.results ? chan_h : 0.0f)
                                  : (P.consumers.empty() ? 0.0f : side_box.y) + (P.results ? chan_h : 0.0f);
    gaps = paired ? (top_h > 0 ? 1 : 0) + (bottom_h > 0 ? 1 : 0)
                  : (P.producers.empty() ? 0 : 1) + (P.jobs ? 1 : 0) + (P.results ? 1 : 0) + (P.consumers.empty() ? 0 : 1);
    const float top_w = paired ? prods_w + (P.jobs && prods_w > 0 ? pair_gap : 0.0f) + jobs_sz.x : std::max(prods_w, jobs_sz.x);
    const float bottom_w = paired ? cons_w + (P.results && cons_w > 0 ? pair_gap : 0.0f) + res_sz.x : std::max(cons_w, res_sz.x);
    for (float k = 1.0f; k > 0.55f && !fits; k -= 0.1f) {
      measure_grid(k);
      content = top_h + L + grid_h + bottom_h;
      fits = grid_w <= width && top_w <= width && bottom_w <= width && content + gaps * min_gap + 2 * L <= avail.y;
      if (rows == 1) break;  // narrower boxes would not save a row
    }
  }
  if (!fits) {
    vertical_ = false;
    max_slots_ = kMaxSlots;
    return false;
  }
  probe::record("pool/form", paired ? "column, paired" : "column");
  column_left_ = origin.x + pad;
  column_right_ = origin.x + avail.x - pad;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Boxes and channels on top (1); the faint worker arrows beneath them (0), so an
  // arrow to a lower row of workers passes under the row above.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const Theme& th = ctx.theme;
  const float cx = origin.x + avail.x * 0.5f;
  const float g = gaps == 0 ? min_gap : std::clamp((avail.y - 2 * L - content) / gaps, min_gap, 2.5f * L);
  const ImU32 flow = viz::with_alpha(th.text_dim, 0.55f);
  const float head = 0.5f * L;
  auto arrow = [&](ImVec2 a, ImVec2 b, float alpha = 1.0f, float thick = 1.5f) {
    viz::arrow(dl, a, b, viz::with_alpha(flow, alpha), thick, head * (alpha < 1.0f ? 0.8f : 1.0f));
  };
  auto draw_side = [&](const std::vector<GoId>& ids, float sx, float sy, bool consumers) {
    for (GoId id : ids) {
      draw_goroutine(ctx, id, ImVec2(sx, sy), side_box, false);
      // main often both produces and consumes: results arrive at its consumer box
      if (consumers) in_pos_[id] = paired ? ImVec2(sx, sy + side_box.y * 0.5f) : ImVec2(sx + side_box.x * 0.5f, sy);
      sx += side_box.x + cell_gap;
    }
  };
  const float body_top = L + 2, body_bottom = L + 2 + 2.0f * L;  // a channel's slots, from its top
  float cy = y + 0.5f * L;

  // Top: producers, then (or beside them) jobs.
  float jobs_x = cx;  // centre of the jobs channel, where the fan to the workers starts
  float jobs_bottom = -1;
  if (paired) {
    const float h = std::max(P.producers.empty() ? 0.0f : side_box.y, P.jobs ? chan_h : 0.0f);
    float x = cx - (prods_w + (P.jobs && prods_w > 0 ? pair_gap : 0.0f) + jobs_sz.x) * 0.5f;
    if (!P.producers.empty()) {
      draw_side(P.producers, x, cy + (h - side_box.y) * 0.5f, false);
      x += prods_w + pair_gap;
    }
    if (P.jobs) {
      const float jy = cy + (h - chan_h) * 0.5f;
      senders_beside_ = P.producers.empty();  // the producer's box is there, saying "send -> jobs"
      draw_channel(ctx, P.jobs, ImVec2(x, jy));
      senders_beside_ = true;
      if (!P.producers.empty()) arrow(ImVec2(x - pair_gap + 3, jy + (body_top + body_bottom) * 0.5f), ImVec2(x + (jobs_sz.x - slot_body_w(P.jobs)) * 0.5f - 3, jy + (body_top + body_bottom) * 0.5f));
      jobs_x = x + jobs_sz.x * 0.5f;
      jobs_bottom = jy + body_bottom;
    }
    if (h > 0) cy += h + g;
  } else {
    float above = -1;
    if (!P.producers.empty()) {
      draw_side(P.producers, cx - prods_w * 0.5f, cy, false);
      cy += side_box.y;
      above = cy;
      cy += g;
    }
    if (P.jobs) {
      if (above >= 0) arrow(ImVec2(cx, above + 3), ImVec2(cx, cy - 3));
      draw_channel(ctx, P.jobs, ImVec2(cx - jobs_sz.x * 0.5f, cy));
      jobs_bottom = cy + body_bottom;
      cy += chan_h + g;
    }
  }

  // Middle: the workers, each row centred.
  const float grid_left = cx - grid_w * 0.5f;
  dl->AddText(ImVec2(grid_left, cy), th.text_dim, "workers");
  cy += L;
  const float grid_top = cy;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t r = i / cols, c = i % cols;
    std::size_t in_row = std::min(cols, n - r * cols);
    float row_left = cx - row_w(in_row, box.x) * 0.5f;
    draw_goroutine(ctx, P.workers[i], ImVec2(row_left + c * (box.x + cell_gap), grid_top + r * (box.y + cell_gap)), box, compact);
  }
  if (n == 0) {
    dl->AddRect(ImVec2(grid_left, cy), ImVec2(grid_left + box.x, cy + box.y), th.text_dim, 4.0f);
    viz::text_clipped(dl, ImVec2(grid_left + pad, cy + box.y * 0.5f - L * 0.5f), th.text_dim, "no workers yet", grid_left + box.x - pad);
  }
  if (P.workers.size() > n) {
    char more[48];
    std::snprintf(more, sizeof more, "+%zu more workers", P.workers.size() - n);
    dl->AddText(ImVec2(grid_left + grid_w + pad, grid_top), th.text_dim, more);
  }
  if (jobs_bottom >= 0) {  // fan out to every worker (under the boxes of the rows above)
    if (n > 0 && n <= 12) {
      dl->ChannelsSetCurrent(0);
      for (std::size_t i = 0; i < n; ++i)
        if (auto b = box_of(P.workers[i])) arrow(ImVec2(jobs_x, jobs_bottom + 3), ImVec2(b->centre().x, b->min.y - 2), 0.35f, 1.0f);
      dl->ChannelsSetCurrent(1);
    } else {
      arrow(ImVec2(jobs_x, jobs_bottom + 3), ImVec2(cx, grid_top - L - 2));
    }
  }
  cy = grid_top + grid_h;
  const float grid_bottom = cy;

  // Bottom: results, then (or beside it) the consumers.
  auto gather = [&](float to_x, float to_y) {  // every worker into results (under the boxes below it)
    if (n > 0 && n <= 12) {
      dl->ChannelsSetCurrent(0);
      for (std::size_t i = 0; i < n; ++i)
        if (auto b = box_of(P.workers[i])) arrow(ImVec2(b->centre().x, b->max.y + 2), ImVec2(to_x, to_y - 3), 0.35f, 1.0f);
      dl->ChannelsSetCurrent(1);
    } else {
      arrow(ImVec2(cx, grid_bottom + 3), ImVec2(to_x, to_y - 3));
    }
  };
  if (paired) {
    const float h = std::max(P.consumers.empty() ? 0.0f : side_box.y, P.results ? chan_h : 0.0f);
    if (h > 0) cy += g;
    float x = cx - (res_sz.x + (P.results && cons_w > 0 ? pair_gap : 0.0f) + cons_w) * 0.5f;
    if (P.results) {
      const float ry = cy + (h - chan_h) * 0.5f;
      gather(x + res_sz.x * 0.5f, ry);
      receivers_beside_ = P.consumers.empty();  // the consumer's box is there, saying "recv <- results"
      draw_channel(ctx, P.results, ImVec2(x, ry));
      receivers_beside_ = true;
      x += res_sz.x;
      if (!P.consumers.empty()) {
        const float mid = ry + (body_top + body_bottom) * 0.5f;
        arrow(ImVec2(x - (res_sz.x - slot_body_w(P.results)) * 0.5f + 3, mid), ImVec2(x + pair_gap - 3, mid));
      }
      x += pair_gap;
    } else if (!P.consumers.empty()) {
      gather(x + cons_w * 0.5f, cy);
    }
    if (!P.consumers.empty()) draw_side(P.consumers, x, cy + (h - side_box.y) * 0.5f, true);
    cy += h;
  } else {
    float above = grid_bottom;
    if (P.results) {
      cy += g;
      gather(cx, cy);
      draw_channel(ctx, P.results, ImVec2(cx - res_sz.x * 0.5f, cy));
      above = cy + body_bottom;
      cy += chan_h;
    }
    if (!P.consumers.empty()) {
      cy += g;
      if (P.results) arrow(ImVec2(cx, above + 3), ImVec2(cx, cy - 3));
      else gather(cx, cy);
      draw_side(P.consumers, cx - cons_w * 0.5f, cy, true);
      cy += side_box.y;
    }
  }
  dl->ChannelsMerge();
  y = cy + 1.5f * L;
  return true;
}

void PoolView::draw_header(FrameContext& ctx) {
  viz::state_legend(ctx.theme, layout_right_);
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = draw_wait_groups_and_semaphore(ctx, p, layout_right_);
  if (h > 0) ImGui::Dummy(ImVec2(1, h));
  ImGui::Spacing();
}

float PoolView::draw_wait_groups_and_semaphore(FrameContext& ctx, ImVec2 pos, float max_x) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Theme& th = ctx.theme;
  const float L = line_;
  float x = pos.x;
  float h = 0;
  char buf[128];
  for (ObjId id : layout_.wait_groups) {
    const rt::WaitGroupInfo* wg = nullptr;
    for (const auto& w : ctx.snapshot.wait_groups)
      if (w.id == id) wg = &w;
    if (!wg) continue;
    std::snprintf(buf, sizeof buf, "WaitGroup %s  counter %lld", wg->name.empty() ? "" : wg->name.c_str(),
                  static_cast<long long>(wg->counter));
    std::string text = buf;
    if (!wg->waiters.empty()) {
      text += "  waiting:";
      for (GoId w : wg->waiters) text += " " + viz::goroutine_label(w, model_->function_of(w));
    }
    float w = ImGui::CalcTextSize(text.c_str()).x + L;
    if (x + w > max_x && x > pos.x) break;  // one row; the goroutine table has the rest
    ImU32 col = wg->waiters.empty() ? th.panel : viz::mix(th.panel, th.colour(StateColour::BlockedSync), 0.45f);
    dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + w, pos.y + L + 6), col, 4.0f);
    dl->AddText(ImVec2(x + L * 0.5f, pos.y + 3), th.text, text.c_str());
    x += w + L;
    h = L + 6;
  }
  if (layout_.semaphore) {
    const rt::ChannelInfo* c = chan_info(layout_.semaphore);
    std::size_t cap = c ? c->cap : 0;
    std::size_t held = c ? c->buffer.size() : 0;
    const std::string name = layout_.channel_name(*model_, layout_.semaphore);
    const float r = L * 0.35f;
    const std::size_t shown = std::min<std::size_t>(cap, 16);
    const float tokens_w = shown * (2 * r + 4);
    auto chip_w = [&] { return ImGui::CalcTextSize(buf).x + L + tokens_w + L; };
    std::snprintf(buf, sizeof buf, "semaphore %s  %zu of %zu tokens held", name.c_str(), held, cap);
    // The semaphore is what its lesson is about: it goes on a row of its own rather than
    // off the edge, and says it in fewer words where even that row is too narrow.
    float row_y = pos.y;
    if (x > pos.x && x + chip_w() > max_x) {
      x = pos.x;
      row_y += L + 6 + 0.4f * L;
    }
    if (x + chip_w() > max_x) std::snprintf(buf, sizeof buf, "%s  %zu/%zu held", name.c_str(), held, cap);
    const float w = chip_w();
    dl->AddRectFilled(ImVec2(x, row_y), ImVec2(x + w, row_y + L + 6), th.panel, 4.0f);
    dl->AddText(ImVec2(x + L * 0.5f, row_y + 3), th.text, buf);
    probe::record_rect("pool/semaphore", ImVec2(x, row_y), ImVec2(x + w, row_y + L + 6), buf);
    float cx = x + L * 0.5f + ImGui::CalcTextSize(buf).x + L;
    for (std::size_t i = 0; i < shown; ++i) {
      ImVec2 centre(cx + r, row_y + 3 + L * 0.5f);
      if (i < held) {
        dl->AddCircleFilled(centre, r, th.accent);
      } else {
        dl->AddCircle(centre, r, th.text_dim, 0, 1.5f);
      }
      cx += 2 * r + 4;
    }
    h = row_y - pos.y + L + 6;
    if (c && !c->senders.empty()) {
      std::snprintf(buf, sizeof buf, "%zu waiting for a token", c->senders.size());
      ImVec2 at(x + w + 4, row_y + 3);
      if (at.x + ImGui::CalcTextSize(buf).x > max_x) {  // under the chip instead
        at = ImVec2(x, row_y + L + 8);
        h += L + 2;
      }
      dl->AddText(at, th.colour(StateColour::ParkedSend), buf);
    }
  }
  return h;
}

void PoolView::draw_goroutine(FrameContext& ctx, GoId id, ImVec2 pos, ImVec2 size, bool compact) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Theme& th = ctx.theme;
  const float L = line_;
  const rt::GoroutineInfo* g = live(id);
  const viz::Lane* lane = model_->lane(id);
  const StateColour state = g ? viz::state_of(*g) : StateColour::Done;
  const ImU32 colour = th.colour(state);
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  const bool selected = ctx.selected_goroutine == id;
  const bool at_gate =
      g && std::find(ctx.snapshot.at_gate.begin(), ctx.snapshot.at_gate.end(), id) != ctx.snapshot.at_gate.end();

  ImGui::PushID(static_cast<int>(id));
  ImGui::SetCursorScreenPos(pos);
  ImGui::InvisibleButton("##g", size);
  probe::record_rect("pool/goroutine/" + std::to_string(id), pos, max, viz::state_label(state));
  const bool hovered = ImGui::IsItemHovered();
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    ctx.selected_goroutine = id;
    if (g && state != StateColour::Done) ctx.step_request = id;
  }
  ImGui::PopID();

  const float stripe = 0.45f * L;
  dl->AddRectFilled(pos, max, viz::mix(th.panel, colour, th.high_contrast ? 0.15f : 0.3f), 5.0f);
  dl->AddRectFilled(pos, ImVec2(pos.x + stripe, max.y), colour, 5.0f, ImDrawFlags_RoundCornersLeft);
  dl->AddRect(pos, max, selected ? th.accent : (hovered ? th.text : colour), 5.0f, 0, selected ? 3.0f : 1.5f);
  if (at_gate) {  // may move next: a small play mark in the corner
    float s = 0.35f * L;
    ImVec2 c(max.x - s - 4, pos.y + s + 4);
    dl->AddTriangleFilled(ImVec2(c.x - s * 0.6f, c.y - s), ImVec2(c.x - s * 0.6f, c.y + s), ImVec2(c.x + s, c.y), th.accent);
  }

  const std::string function = g ? g->function : (lane ? lane->function : std::string());
  const float tx = pos.x + stripe + 0.35f * L;
  const float right = max.x - (at_gate ? L : 0.3f * L);
  float ty = pos.y + 4;
  // Compact boxes sit under a "workers" title: the id is enough there.
  viz::text_clipped(dl, ImVec2(tx, ty), th.text, compact ? "G" + std::to_string(id) : viz::goroutine_label(id, function), right);
  ty += L;

  std::string what = viz::state_label(state);
  if (g && g->state == rt::GState::Blocked && g->waiting_on != 0 &&
      (state == StateColour::ParkedSend || state == StateColour::ParkedRecv)) {
    what = (state == StateColour::ParkedSend ? "send -> " : "recv <- ") + layout_.channel_name(*model_, g->waiting_on);
  } else if (g && state == StateColour::BlockedSync) {
    what = g->wait_reason;
  }
  std::string job;
  if (lane && !lane->current_job.empty()) job = (layout_.is_worker(id) ? "job " : "got ") + lane->current_job;
  const int line = g ? g->line : (lane ? lane->line : 0);
  char line_text[24] = "";
  if (line > 0) std::snprintf(line_text, sizeof line_text, compact ? "L%d" : "line %d", line);

  if (compact) {
    std::string second = job.empty() ? what : job;
    viz::text_clipped(dl, ImVec2(tx, ty), th.text_dim, second, max.x - 0.3f * L);
  } else {
    viz::text_clipped(dl, ImVec2(tx, ty), th.text, what, max.x - 0.3f * L);
    ty += L;
    std::string third = job;
    if (line > 0) third += (third.empty() ? "" : "   ") + std::string(line_text);
    viz::text_clipped(dl, ImVec2(tx, ty), th.text_dim, third, max.x - 0.3f * L);
  }

  if (hovered) {
    ImGui::BeginTooltip();
    ImGui::Text("%s", viz::goroutine_label(id, function).c_str());
    ImGui::Text("state: %s%s%s", viz::state_label(state), g && !g->wait_reason.empty() ? "  (" : "",
                g && !g->wait_reason.empty() ? (g->wait_reason + ")").c_str() : "");
    if (line > 0) ImGui::Text("line %d", line);
    if (!job.empty()) ImGui::Text("%s", job.c_str());
    if (g && state != StateColour::Done) ImGui::TextDisabled("click: select and step this goroutine");
    ImGui::EndTooltip();
  }

  Box b{pos, max};
  boxes_.try_emplace(id, b);
  if (vertical_) {  // values flow downwards: in at the top, out at the bottom
    out_pos_.try_emplace(id, ImVec2((pos.x + max.x) * 0.5f, max.y));
    in_pos_.try_emplace(id, ImVec2((pos.x + max.x) * 0.5f, pos.y));
  } else {
    out_pos_.try_emplace(id, ImVec2(max.x, (pos.y + max.y) * 0.5f));
    in_pos_.try_emplace(id, ImVec2(pos.x, (pos.y + max.y) * 0.5f));
  }
}

int PoolView::shown_slots(std::size_t cap) const {
  return static_cast<int>(std::min<std::size_t>(cap, static_cast<std::size_t>(max_slots_)));
}

float PoolView::slot_width(ObjId id) const {
  const float L = line_;
  float widest = 0;
  if (const rt::ChannelInfo* c = chan_info(id)) {
    for (std::size_t i = 0; i < c->buffer.size() && i < static_cast<std::size_t>(max_slots_); ++i)
      widest = std::max(widest, ImGui::CalcTextSize(c->buffer[i].c_str()).x);
    const std::size_t shown = static_cast<std::size_t>(shown_slots(c->cap));
    if (shown > 0 && c->buffer.size() > shown)  // the last slot reads "+N"
      widest = std::max(widest, ImGui::CalcTextSize(("+" + std::to_string(c->buffer.size() - shown + 1)).c_str()).x);
  }
  return std::clamp(widest + 0.6f * L, 2.2f * L * width_scale_, std::max(2.2f, 6.0f * width_scale_) * L);
}

float PoolView::slot_body_w(ObjId id) const {
  const rt::ChannelInfo* c = chan_info(id);
  std::size_t cap = c ? c->cap : 0;
  if (!c) {
    if (const viz::ChannelTrack* t = model_->channel(id)) cap = static_cast<std::size_t>(t->cap_seen);
  }
  const int slots = shown_slots(cap);
  return slots == 0 ? 3.2f * line_ : slots * slot_width(id);
}

ImVec2 PoolView::channel_size(ObjId id) const {
  const float L = line_;
  const rt::ChannelInfo* c = chan_info(id);
  std::size_t cap = c ? c->cap : 0;
  if (!c) {
    if (const viz::ChannelTrack* t = model_->channel(id)) cap = static_cast<std::size_t>(t->cap_seen);
  }
  const float slot_w = slot_width(id);
  int slots = shown_slots(cap);
  float w = slots == 0 ? 3.2f * L : slots * slot_w;
  std::size_t waiting = 0;
  if (c) waiting = std::min(kMaxWaiters + 1, std::max(c->senders.size(), c->receivers.size()));
  // title line + slots + a caption line + waiting lines (in a column they sit
  // beside the slots instead)
  float h = vertical_ ? L + 3.0f * L + 4 : L + 2.0f * L + 4 + L + waiting * L;
  // Wide enough for its title ("jobs  12/64", "chan#2 (unbuffered)"), which is centred over it.
  const std::string name = layout_.channel_name(*model_, id);
  const float title_w = ImGui::CalcTextSize((name + (cap == 0 ? " (unbuffered)" : "  000/000")).c_str()).x;
  // Room under the slots for the "N slots" caption beside the closed badge.
  const float caption_w = cap > static_cast<std::size_t>(slots)
                              ? ImGui::CalcTextSize((std::to_string(cap) + " slots").c_str()).x +
                                    ImGui::CalcTextSize("closed").x + 1.0f * L
                              : 0.0f;
  return ImVec2(std::max({w, 7.0f * L * width_scale_, title_w, caption_w}), h);
}

void PoolView::draw_channel(FrameContext& ctx, ObjId id, ImVec2 pos) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Theme& th = ctx.theme;
  const float L = line_;
  const rt::ChannelInfo* c = chan_info(id);
  const viz::ChannelTrack* track = model_->channel(id);
  const std::size_t cap = c ? c->cap : (track ? static_cast<std::size_t>(track->cap_seen) : 0);
  const bool closed = c ? c->closed : (track && track->closed);
  const std::size_t len = c ? c->buffer.size() : 0;
  const ImVec2 size = channel_size(id);
  const float slot_w = slot_width(id);
  const int slots = shown_slots(cap);
  const float body_w = slots == 0 ? 3.2f * L : slots * slot_w;
  const float bx = pos.x + (size.x - body_w) * 0.5f;
  const float by = pos.y + L + 2;
  const ImVec2 bmin(bx, by), bmax(bx + body_w, by + 2.0f * L);

  // Title: name, fill and the closed flag.
  std::string name = layout_.channel_name(*model_, id);
  char title[96];
  if (cap_guessed_.count(id)) {  // ended before a frame saw it: no capacity to claim
    std::snprintf(title, sizeof title, "%s  %zu queued", name.c_str(), len);
  } else if (cap == 0) {
    std::snprintf(title, sizeof title, "%s (unbuffered)", name.c_str());
  } else {
    std::snprintf(title, sizeof title, "%s  %zu/%zu", name.c_str(), len, cap);
  }
  float tw = ImGui::CalcTextSize(title).x;
  float title_x = pos.x + (size.x - tw) * 0.5f;
  dl->AddText(ImVec2(title_x, pos.y), th.text, title);
  if (closed) {
    const char* badge = "closed";
    ImVec2 bs = ImGui::CalcTextSize(badge);
    const bool captioned = slots > 0 && cap > static_cast<std::size_t>(slots);  // "N slots" sits at the left
    ImVec2 b0((captioned ? std::max(bmax.x, pos.x + size.x) : bmax.x) - bs.x - 6, bmax.y + 2);
    dl->AddRectFilled(b0, ImVec2(b0.x + bs.x + 6, b0.y + L), th.colour(StateColour::BlockedSync), 3.0f);
    dl->AddText(ImVec2(b0.x + 3, b0.y), IM_COL32(255, 255, 255, 255), badge);
  }

  // Body: slots, head (next to leave) on the right.
  const ImU32 outline = closed ? th.colour(StateColour::BlockedSync) : th.text_dim;
  if (slots == 0) {
    dl->AddRectFilled(bmin, bmax, th.panel, 4.0f);
    dl->AddRect(bmin, bmax, outline, 4.0f, 0, 1.5f);
    viz::arrow(dl, ImVec2(bmin.x + 4, (bmin.y + bmax.y) * 0.5f), ImVec2(bmax.x - 4, (bmin.y + bmax.y) * 0.5f), th.text_dim, 1.0f, 0.4f * L);
  } else {
    for (int i = 0; i < slots; ++i) {  // i = 0 is the head
      ImVec2 s0(bmax.x - (i + 1) * slot_w, bmin.y), s1(bmax.x - i * slot_w, bmax.y);
      bool full = static_cast<std::size_t>(i) < len;
      dl->AddRectFilled(ImVec2(s0.x + 1, s0.y + 1), ImVec2(s1.x - 1, s1.y - 1), full ? viz::mix(th.panel, th.accent, 0.35f) : th.panel, 3.0f);
      if (full) {
        const std::string& v = (i == slots - 1 && len > static_cast<std::size_t>(slots)) ? "+" + std::to_string(len - slots + 1) : c->buffer[i];
        float vw = ImGui::CalcTextSize(v.c_str()).x;
        viz::text_clipped(dl, ImVec2(std::max(s0.x + 3, (s0.x + s1.x - vw) * 0.5f), s0.y + L * 0.5f), th.text, v, s1.x - 2);
      }
    }
    dl->AddRect(bmin, bmax, outline, 3.0f, 0, 1.5f);
    if (cap > static_cast<std::size_t>(slots)) {
      char more[32];
      std::snprintf(more, sizeof more, "%zu slots", cap);
      dl->AddText(ImVec2(std::min(bmin.x, pos.x), bmax.y + 2), th.text_dim, more);
    }
  }

  // Parked senders (left, with the value each holds) and receivers (right):
  // under the slots in a row, beside them in a column.
  float wy = vertical_ ? bmin.y : bmax.y + L + 4;
  // Line i of each list: the goroutine, or (summary) how many more there are from it on.
  auto sender_label = [&](std::size_t i, bool summary) {
    return summary ? "+" + std::to_string(c->senders.size() - i) + " senders"
                   : "G" + std::to_string(c->senders[i]) + (i < c->pending_values.size() ? " holds " + c->pending_values[i] : "");
  };
  auto receiver_label = [&](std::size_t i, bool summary) {
    return summary ? "+" + std::to_string(c->receivers.size() - i) + " waiting" : "G" + std::to_string(c->receivers[i]) + " waits";
  };
  const ImU32 send_col = th.colour(StateColour::ParkedSend), recv_col = th.colour(StateColour::ParkedRecv);
  if (c && vertical_) {
    constexpr std::size_t kBeside = 2;  // names beside the slots; a third line says how many more
    // Where the words do not fit beside the slots, the goroutine alone ("G3"; "+2" for the
    // rest): its colour already says whether it sends or receives.
    auto fitted = [](std::string full, float room) {
      if (ImGui::CalcTextSize(full.c_str()).x <= room) return full;
      return full.substr(0, full.find(' '));
    };
    for (std::size_t i = 0; senders_beside_ && i < c->senders.size() && i <= kBeside; ++i) {
      std::string s = fitted(sender_label(i, i == kBeside && c->senders.size() > kBeside + 1),
                             bmin.x - 0.8f * L - column_left_);
      float w = ImGui::CalcTextSize(s.c_str()).x;
      float sx = std::max(column_left_, bmin.x - 0.5f * L - w);
      viz::text_clipped(dl, ImVec2(sx, wy + i * L), send_col, s, bmin.x - 0.3f * L);
    }
    for (std::size_t i = 0; receivers_beside_ && i < c->receivers.size() && i <= kBeside; ++i) {
      const float rx = std::max(bmax.x, pos.x + size.x) + 0.5f * L;
      std::string s = fitted(receiver_label(i, i == kBeside && c->receivers.size() > kBeside + 1), column_right_ - rx);
      viz::text_clipped(dl, ImVec2(rx, wy + i * L), recv_col, s, column_right_);
    }
  } else if (c) {
    for (std::size_t i = 0; i < c->senders.size() && i <= kMaxWaiters; ++i) {
      std::string s = sender_label(i, i == kMaxWaiters);
      viz::text_clipped(dl, ImVec2(pos.x, wy + i * L), send_col, s,
                        c->receivers.empty() ? pos.x + size.x : pos.x + size.x * 0.5f);
    }
    for (std::size_t i = 0; i < c->receivers.size() && i <= kMaxWaiters; ++i) {
      std::string s = receiver_label(i, i == kMaxWaiters);
      float w = ImGui::CalcTextSize(s.c_str()).x;
      const float left = c->senders.empty() ? pos.x : pos.x + size.x * 0.5f + 2;  // the whole width when alone
      viz::text_clipped(dl, ImVec2(std::max(left, pos.x + size.x - w), wy + i * L), recv_col, s, pos.x + size.x);
    }
  }

  if (ImGui::IsMouseHoveringRect(bmin, bmax) && ImGui::IsWindowHovered()) {
    ImGui::BeginTooltip();
    ImGui::Text("channel %s: %zu of %zu buffered%s", name.c_str(), len, cap, closed ? ", closed" : "");
    if (track) ImGui::Text("%llu sent, %llu received", static_cast<unsigned long long>(track->sends),
                           static_cast<unsigned long long>(track->recvs));
    if (c && !c->senders.empty()) ImGui::Text("%zu parked senders", c->senders.size());
    if (c && !c->receivers.empty()) ImGui::Text("%zu parked receivers", c->receivers.size());
    ImGui::EndTooltip();
  }

  std::string who = title;  // for tests: "jobs  0/4 | senders: | receivers: G2 G3 | slots: 4"
  who += closed ? " closed | senders:" : " | senders:";
  for (GoId g : c ? c->senders : std::vector<GoId>{}) who += " G" + std::to_string(g);
  who += " | receivers:";
  for (GoId g : c ? c->receivers : std::vector<GoId>{}) who += " G" + std::to_string(g);
  who += " | slots: " + std::to_string(slots);
  probe::record_rect("pool/channel/" + name, bmin, bmax, who);

  ChanGeo geo{bmin, bmax, slots, slot_w};
  chan_geo_.try_emplace(id, geo);
}

float PoolView::draw_flow(FrameContext& ctx, ImVec2 pos, float max_x, const std::vector<GoId>& gs,
                          const std::vector<ObjId>& chans) {
  const float L = line_;
  const ImVec2 box(11.0f * L, 3.0f * L + 10.0f);
  const float gap = 0.8f * L;
  float x = pos.x, y = pos.y, row_h = 0;
  auto place = [&](ImVec2 size) {
    if (x > pos.x && x + size.x > max_x) {
      x = pos.x;
      y += row_h + gap;
      row_h = 0;
    }
    ImVec2 at(x, y);
    x += size.x + gap;
    row_h = std::max(row_h, size.y);
    return at;
  };
  std::size_t shown = 0;
  for (GoId id : gs) {
    if (++shown > kMaxBoxes) break;
    draw_goroutine(ctx, id, place(box), box, false);
  }
  if (gs.size() > kMaxBoxes) {
    char more[48];
    std::snprintf(more, sizeof more, "+%zu more goroutines", gs.size() - kMaxBoxes);
    ImVec2 at = place(ImVec2(ImGui::CalcTextSize(more).x, L));
    ImGui::GetWindowDrawList()->AddText(at, ctx.theme.text_dim, more);
  }
  shown = 0;
  for (ObjId id : chans) {
    if (++shown > 32) break;
    ImVec2 size = channel_size(id);
    draw_channel(ctx, id, place(size));
  }
  return y + row_h - pos.y + gap;
}

float PoolView::draw_pipeline(FrameContext& ctx, ImVec2 pos, float max_x) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float L = line_;
  const ImVec2 box(10.0f * L, 3.0f * L + 10.0f);
  const float gap = 1.6f * L;
  const float row_gap = 1.4f * L;
  const float cell_gap = 0.4f * L;
  float h = 0;
  for (const auto& st : layout_.stages) {
    h = std::max(h, std::min<std::size_t>(st.goroutines.size(), 6) * (box.y + cell_gap));
    if (st.out) h = std::max(h, channel_size(st.out).y);
  }
  h = std::max(h, box.y);
  dl->AddText(pos, ctx.theme.text_dim, "pipeline");
  const ImU32 flow = viz::with_alpha(ctx.theme.text_dim, 0.55f);

  // Stages and the channels between them, left to right; a panel too narrow for the
  // whole chain continues it on the next row (the arrow goes down and back), so every
  // stage stays in view without scrolling sideways.
  float row_top = pos.y + L + 4;
  float x = pos.x;
  bool first = true;
  ImVec2 prev_right, prev_bottom;  // where the flow leaves the item before
  auto place = [&](float w, float item_h) {
    bool wrapped = false;
    if (x > pos.x && x + w > max_x) {
      row_top += h + row_gap;
      x = pos.x;
      wrapped = true;
    }
    const float mid = row_top + h * 0.5f;
    const ImVec2 at(x, mid - item_h * 0.5f);
    if (!first) {
      if (wrapped) viz::arrow(dl, prev_bottom + ImVec2(0, 3), ImVec2(x + 0.5f * w, at.y - 3), flow, 1.5f, 0.5f * L);
      else viz::arrow(dl, prev_right + ImVec2(3, 0), ImVec2(x - 3, mid), flow, 1.5f, 0.5f * L);
    }
    first = false;
    prev_right = ImVec2(x + w, mid);
    prev_bottom = ImVec2(x + 0.5f * w, at.y + item_h);
    x += w + gap;
    return at;
  };
  for (const auto& st : layout_.stages) {
    const std::size_t k = std::min<std::size_t>(st.goroutines.size(), 6);
    const float stack_h = k == 0 ? box.y : k * (box.y + cell_gap) - cell_gap;
    const ImVec2 at = place(box.x, stack_h);
    if (k == 0) {
      dl->AddRect(at, at + box, ctx.theme.text_dim, 4.0f);
      viz::text_clipped(dl, ImVec2(at.x + 0.5f * L, at.y + box.y * 0.5f - 0.5f * L), ctx.theme.text_dim,
                        viz::short_function(st.function), at.x + box.x);
    }
    for (std::size_t i = 0; i < k; ++i) draw_goroutine(ctx, st.goroutines[i], ImVec2(at.x, at.y + i * (box.y + cell_gap)), box, false);
    if (st.out) {
      const ImVec2 cs = channel_size(st.out);
      draw_channel(ctx, st.out, place(cs.x, cs.y));
    }
  }
  return row_top + h - pos.y;
}

void PoolView::draw_moving_values(FrameContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float L = line_;
  auto point = [&](const std::unordered_map<GoId, ImVec2>& m, GoId id) -> std::optional<ImVec2> {
    auto it = m.find(id);
    if (it == m.end()) return std::nullopt;
    return it->second;
  };
  for (const viz::Transfer& tr : model_->transfers()) {
    double age = ctx.wall_time - tr.wall;
    if (age < 0 || age > kMoveSeconds) continue;
    auto geo = chan_geo_.find(tr.chan);
    if (geo == chan_geo_.end()) continue;
    float t = static_cast<float>(age / kMoveSeconds);
    t = t * t * (3 - 2 * t);  // ease in and out
    std::optional<ImVec2> a, b;
    switch (tr.kind) {
      case viz::Transfer::Kind::IntoBuffer:
        a = point(out_pos_, tr.from);
        b = geo->second.slot_centre(tr.slot);
        break;
      case viz::Transfer::Kind::OutOfBuffer:
        a = geo->second.slot_centre(0);
        b = point(in_pos_, tr.to);
        break;
      case viz::Transfer::Kind::HandOff: {
        ImVec2 m = geo->second.centre();
        if (t < 0.5f) {
          a = point(out_pos_, tr.from);
          b = m;
          t *= 2;
        } else {
          a = m;
          b = point(in_pos_, tr.to);
          t = (t - 0.5f) * 2;
        }
        break;
      }
    }
    if (!a || !b) continue;
    ImVec2 p(a->x + (b->x - a->x) * t, a->y + (b->y - a->y) * t);
    dl->AddCircleFilled(p, 0.45f * L, ctx.theme.accent);
    dl->AddCircle(p, 0.45f * L, IM_COL32(0, 0, 0, 160), 0, 1.0f);
    if (!tr.value.empty()) {
      std::string v = tr.value.size() > 12 ? tr.value.substr(0, 11) + ".." : tr.value;
      dl->AddText(p + ImVec2(0.55f * L, -L), ctx.theme.accent, v.c_str());
    }
  }
}

}  // namespace poollab::gui
