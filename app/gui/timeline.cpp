#include "gui/timeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "gui/theme.hpp"
#include "gui/viz_draw.hpp"

namespace poollab::gui {

using rt::Nanos;

Timeline::Timeline(std::shared_ptr<viz::Model> model) : model_(std::move(model)) {}

void Timeline::set_view(double begin, double end) {
  follow_ = false;
  begin_ = begin;
  end_ = std::max(end, begin + 1.0);
}

namespace {

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `ticks` ticks.
double tick_step(double span, int ticks) {
  double raw = span / std::max(ticks, 1);
  double p = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (p * m >= raw) return p * m;
  return p * 10;
}

}  // namespace

void Timeline::draw(FrameContext& ctx) {
  model_->update(ctx);
  const Theme& th = ctx.theme;
  const auto& lanes = model_->lanes();
  const Nanos now = std::max(ctx.snapshot.now, model_->last_time());
  spans_drawn_ = arrows_drawn_ = 0;

  if (ImGui::SmallButton("Fit")) follow_ = true;
  ImGui::SameLine();
  ImGui::Checkbox("arrows", &show_arrows_);
  ImGui::SameLine();
  const float L0 = ImGui::GetTextLineHeight();
  ImGui::SetNextItemWidth(8 * L0);
  int axis = static_cast<int>(axis_);
  if (ImGui::Combo("x axis", &axis, "auto\0program time\0event order\0")) set_axis(static_cast<Axis>(axis));
  ImGui::SameLine();
  ImGui::TextDisabled("wheel: zoom  drag: pan  shift+wheel: scroll  click a name: step it");
  const bool by_seq = axis_ == Axis::Events || (axis_ == Axis::Auto && now == 0);
  if (by_seq != by_seq_) follow_ = true;  // other units: start from the whole run
  by_seq_ = by_seq;
  // Keys of spans and arrows on the chosen axis.
  const double x_now = by_seq ? static_cast<double>(model_->last_seq()) + 1.0 : static_cast<double>(now);
  auto span_begin = [by_seq](const viz::Span& sp) {
    return by_seq ? static_cast<double>(sp.begin_seq) : static_cast<double>(sp.begin);
  };
  auto span_end = [by_seq, x_now](const viz::Span& sp) {
    if (by_seq) return sp.end_seq == viz::kOpenSeq ? x_now : static_cast<double>(sp.end_seq);
    return sp.end == viz::kOpen ? x_now : static_cast<double>(sp.end);
  };
  auto sent_at = [by_seq](const viz::Arrow& a) {
    return by_seq ? static_cast<double>(a.send_seq) : static_cast<double>(a.send_time);
  };
  auto received_at = [by_seq](const viz::Arrow& a) {
    return by_seq ? static_cast<double>(a.recv_seq) : static_cast<double>(a.recv_time);
  };
  auto label_at = [by_seq](double v) {
    if (by_seq) return "#" + std::to_string(static_cast<long long>(v));
    return viz::format_duration(static_cast<Nanos>(v));
  };
  if (follow_) {
    begin_ = 0;
    end_ = std::max(x_now, 1.0);
  }

  const float L = ImGui::GetTextLineHeight();
  const float label_w = 9.0f * L;
  const float lane_h = std::floor(L * 1.25f);
  ImVec2 area = ImGui::GetContentRegionAvail();
  if (area.x < label_w + 20 || area.y < 2 * L) return;

  // Time axis.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 axis0 = ImGui::GetCursorScreenPos();
  const float plot_x0 = axis0.x + label_w;
  const float plot_w = area.x - label_w - ImGui::GetStyle().ScrollbarSize;
  auto x_of = [&](double t) { return plot_x0 + static_cast<float>((t - begin_) / (end_ - begin_)) * plot_w; };
  const double step = tick_step(end_ - begin_, std::max(2, static_cast<int>(plot_w / (7 * L))));
  for (double t = std::ceil(begin_ / step) * step; t <= end_; t += step) {
    float x = x_of(t);
    dl->AddLine(ImVec2(x, axis0.y + L), ImVec2(x, axis0.y + L + 4), th.text_dim);
    dl->AddText(ImVec2(x + 2, axis0.y), th.text_dim, label_at(t).c_str());
  }
  ImGui::Dummy(ImVec2(area.x, L + 6));

  // Lanes, in a child that scrolls vertically; the wheel is ours (zoom).
  ImGui::BeginChild("##lanes", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();  // already shifted by the scroll
  const float scroll = ImGui::GetScrollY();
  const float view_h = ImGui::GetWindowHeight();
  const std::size_t n = lanes.size();
  const std::size_t first = std::min(n, static_cast<std::size_t>(scroll / lane_h));
  const std::size_t last = std::min(n, first + static_cast<std::size_t>(view_h / lane_h) + 2);
  const float vis_top = origin.y + scroll;

  // Interaction surface over the visible plot.
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetCursorScreenPos(ImVec2(plot_x0, vis_top));
  ImGui::InvisibleButton("##plot", ImVec2(std::max(plot_w, 1.0f), std::max(view_h, 1.0f)));
  const bool plot_hovered = ImGui::IsItemHovered();
  if (ImGui::IsItemActivated()) dragged_ = false;
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    dragged_ = true;
    double dt = -static_cast<double>(io.MouseDelta.x) / plot_w * (end_ - begin_);
    follow_ = false;
    begin_ += dt;
    end_ += dt;
    ImGui::SetScrollY(std::max(0.0f, scroll - io.MouseDelta.y));
  } else if (ImGui::IsItemDeactivated() && !dragged_) {  // a click, not a drag: select
    auto row = static_cast<std::size_t>((io.MousePos.y - origin.y) / lane_h);
    if (row < n) ctx.selected_goroutine = lanes[row].id;
  }
  if (plot_hovered && io.MouseWheel != 0) {
    if (io.KeyShift) {
      ImGui::SetScrollY(std::max(0.0f, scroll - io.MouseWheel * lane_h * 3));
    } else {
      double at = begin_ + (io.MousePos.x - plot_x0) / plot_w * (end_ - begin_);
      double factor = std::pow(0.8, io.MouseWheel);
      double width = std::max((end_ - begin_) * factor, by_seq ? 5.0 : 50.0);  // no closer than 50 ns / 5 events
      begin_ = at - (at - begin_) / (end_ - begin_) * width;
      end_ = begin_ + width;
      follow_ = false;
    }
  }

  const double t0 = begin_, t1 = end_;
  const double ns_per_px = (t1 - t0) / plot_w;
  const float plot_x1 = plot_x0 + plot_w;
  dl->PushClipRect(ImVec2(origin.x, vis_top), ImVec2(plot_x1, vis_top + view_h), true);
  for (std::size_t i = first; i < last; ++i) {
    const viz::Lane& lane = lanes[i];
    const float y = origin.y + i * lane_h;
    const bool selected = ctx.selected_goroutine == lane.id;
    if (selected) dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(plot_x1, y + lane_h), viz::with_alpha(th.accent, 0.18f));

    // Label: click to select and step.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
    ImGui::PushID(static_cast<int>(lane.id));
    ImGui::InvisibleButton("##label", ImVec2(label_w - 4, lane_h));
    if (ImGui::IsItemClicked()) {
      ctx.selected_goroutine = lane.id;
      if (lane.ended == viz::kOpen) ctx.step_request = lane.id;
    }
    ImGui::PopID();
    dl->AddRectFilled(ImVec2(origin.x, y + 3), ImVec2(origin.x + 4, y + lane_h - 3), th.colour(lane.state));
    viz::text_clipped(dl, ImVec2(origin.x + 8, y + (lane_h - L) * 0.5f), lane.ended == viz::kOpen ? th.text : th.text_dim,
                      viz::goroutine_label(lane.id, lane.function), origin.x + label_w - 6);

    // Spans: the first one that reaches t0, then at most one per pixel.
    const auto& spans = lane.spans;
    auto it = std::upper_bound(spans.begin(), spans.end(), t0,
                               [&](double t, const viz::Span& sp) { return t < span_begin(sp); });
    if (it != spans.begin()) --it;
    const float y0 = y + 2, y1 = y + lane_h - 2;
    while (it != spans.end() && span_begin(*it) < t1) {
      const double b = span_begin(*it), end = span_end(*it);
      if (it->state != StateColour::Done && end > t0) {
        float xa = std::max(x_of(b), plot_x0);
        float xb = std::min(x_of(end), plot_x1);
        if (xb - xa < 1.0f) xb = xa + 1.0f;
        dl->AddRectFilled(ImVec2(xa, y0), ImVec2(xb, y1), th.colour(it->state));
        ++spans_drawn_;
      }
      // Skip spans that would land on the pixel just drawn.
      double next_t = std::max(end, b + ns_per_px);
      auto next = it + 1;
      if (next != spans.end() && span_begin(*next) < next_t) {
        next = std::upper_bound(next, spans.end(), next_t,
                                [&](double t, const viz::Span& sp) { return t < span_begin(sp); });
        if (next != it + 1) --next;
        if (next == it) ++next;
      }
      it = next;
    }
  }

  // Arrows: receives sorted by time; a visible arrow is received in [t0, t1 + longest].
  if (show_arrows_) {
    const auto& arrows = model_->arrows();
    const double longest = by_seq ? static_cast<double>(model_->longest_arrow_seq())
                                  : static_cast<double>(model_->longest_arrow());
    auto lo = std::lower_bound(arrows.begin(), arrows.end(), t0,
                               [&](const viz::Arrow& a, double t) { return received_at(a) < t; });
    auto hi = std::upper_bound(lo, arrows.end(), t1 + longest,
                               [&](double t, const viz::Arrow& a) { return t < received_at(a); });
    const auto count = static_cast<std::size_t>(hi - lo);
    if (count > kMaxArrows) {
      char msg[96];
      std::snprintf(msg, sizeof msg, "%zu messages in view: zoom in to see the arrows", count);
      dl->AddText(ImVec2(plot_x0 + 6, vis_top + 2), th.text, msg);
    } else {
      const viz::Lane* base = lanes.empty() ? nullptr : &lanes[0];
      const ImU32 col = viz::with_alpha(th.text, 0.7f);
      for (auto a = lo; a != hi; ++a) {
        if (sent_at(*a) > t1) continue;
        const viz::Lane* from = model_->lane(a->from);
        const viz::Lane* to = model_->lane(a->to);
        if (!from || !to) continue;
        const std::size_t rf = static_cast<std::size_t>(from - base), rt_ = static_cast<std::size_t>(to - base);
        if ((rf < first && rt_ < first) || (rf >= last && rt_ >= last)) continue;  // entirely above or below
        ImVec2 p0(x_of(sent_at(*a)), origin.y + rf * lane_h + lane_h * 0.5f);
        ImVec2 p1(x_of(received_at(*a)), origin.y + rt_ * lane_h + lane_h * 0.5f);
        viz::arrow(dl, p0, p1, col, 1.0f, std::min(6.0f, lane_h * 0.4f));
        ++arrows_drawn_;
      }
    }
  }

  // "Now" marker.
  float xn = x_of(x_now);
  if (xn >= plot_x0 && xn <= plot_x1) dl->AddLine(ImVec2(xn, vis_top), ImVec2(xn, vis_top + view_h), th.accent, 1.5f);
  dl->PopClipRect();

  if (plot_hovered) {
    double at = t0 + (io.MousePos.y >= 0 ? (io.MousePos.x - plot_x0) / plot_w * (t1 - t0) : 0);
    auto row = static_cast<std::size_t>((io.MousePos.y - origin.y) / lane_h);
    if (row < n) {
      const viz::Lane& lane = lanes[row];
      auto it = std::upper_bound(lane.spans.begin(), lane.spans.end(), at,
                                 [&](double t, const viz::Span& sp) { return t < span_begin(sp); });
      if (it != lane.spans.begin() && at <= x_now) {
        --it;
        ImGui::SetTooltip("%s\n%s at %s", viz::goroutine_label(lane.id, lane.function).c_str(),
                          viz::state_label(it->state), label_at(at).c_str());
      }
    }
  }

  // Scroll extent: every lane.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(1, std::max(1.0f, n * lane_h)));
  ImGui::EndChild();
}

}  // namespace poollab::gui
