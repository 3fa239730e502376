// What every panel gets each frame: the session it shows (read via snapshot and
// event history, never runtime internals), shared selection state and the theme.
// The App lays out the window: a panel draws into the child region it is given
// (ImGui::GetContentRegionAvail()) and does not call ImGui::Begin itself.
//
//   void PoolView::draw(FrameContext& ctx) {
//     for (const auto& g : ctx.snapshot.goroutines) { ... ctx.select_goroutine(g.id); }
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "poollab/lessons/session.hpp"
#include "poollab/runtime.hpp"

namespace poollab::gui {

struct Theme;        // colours of goroutine states etc. (theme.hpp)
struct LessonView;   // the open lesson's metadata (roles, toggles, ...) (lesson_view.hpp)

// Colour meaning shared by every panel: one entry per goroutine state.
enum class StateColour : std::uint8_t { Running, Runnable, ParkedSend, ParkedRecv, InSelect, Sleeping, BlockedSync, Done };

struct FrameContext {
  lessons::Session* session = nullptr;           // null when no program is loaded
  const rt::Snapshot& snapshot;                  // taken once per frame
  const std::vector<rt::Event>& history;         // every event so far (drained once per frame)
  const LessonView* lesson = nullptr;            // null for a free-form program
  const Theme& theme;
  float font_scale = 1.0f;
  double wall_time = 0.0;                         // seconds since app start (animations)

  // Shared selection: panels read and write these.
  rt::GoId selected_goroutine = 0;               // highlighted everywhere
  int highlighted_line = 0;                      // code pane highlight (e.g. clicked dump line)
  std::optional<rt::GoId> step_request;          // a panel asks the controller to step this goroutine
};

}  // namespace poollab::gui
