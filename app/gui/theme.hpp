// Colours shared by every panel: one per goroutine state (StateColour), plus
// background, text and accent. The high-contrast variant is for projectors.
//
//   const Theme& t = ctx.theme;
//   draw->AddRectFilled(a, b, t.colour(StateColour::ParkedRecv));
#pragma once

#include <array>
#include <cstddef>

#include <imgui.h>

#include "gui/frame_context.hpp"

namespace poollab::gui {

struct Theme {
  static constexpr std::size_t kStates = static_cast<std::size_t>(StateColour::Done) + 1;

  std::array<ImU32, kStates> state{};  // indexed by StateColour
  ImU32 background = 0;
  ImU32 panel = 0;       // boxes, channel slots
  ImU32 text = 0;
  ImU32 text_dim = 0;    // secondary labels, grid lines
  ImU32 accent = 0;      // selection, moving values
  bool high_contrast = false;

  ImU32 colour(StateColour s) const { return state[static_cast<std::size_t>(s)]; }

  // Default dark theme.
  static Theme dark() {
    Theme t;
    t.state = {
        IM_COL32(76, 175, 80, 255),    // Running: green
        IM_COL32(139, 195, 74, 255),   // Runnable: light green (at the gate, may move)
        IM_COL32(255, 152, 0, 255),    // ParkedSend: orange
        IM_COL32(66, 165, 245, 255),   // ParkedRecv: blue
        IM_COL32(171, 71, 188, 255),   // InSelect: purple
        IM_COL32(120, 144, 156, 255),  // Sleeping: blue grey
        IM_COL32(239, 83, 80, 255),    // BlockedSync: red (WaitGroup, mutex)
        IM_COL32(97, 97, 97, 255),     // Done: grey
    };
    t.background = IM_COL32(30, 30, 34, 255);
    t.panel = IM_COL32(48, 50, 56, 255);
    t.text = IM_COL32(230, 230, 230, 255);
    t.text_dim = IM_COL32(150, 150, 155, 255);
    t.accent = IM_COL32(255, 213, 79, 255);
    return t;
  }

  // Saturated colours on black, white text: legible on a washed-out projector.
  static Theme high_contrast_theme() {
    Theme t;
    t.state = {
        IM_COL32(0, 230, 0, 255),      // Running
        IM_COL32(180, 255, 0, 255),    // Runnable
        IM_COL32(255, 140, 0, 255),    // ParkedSend
        IM_COL32(0, 170, 255, 255),    // ParkedRecv
        IM_COL32(230, 0, 255, 255),    // InSelect
        IM_COL32(200, 200, 200, 255),  // Sleeping
        IM_COL32(255, 40, 40, 255),    // BlockedSync
        IM_COL32(90, 90, 90, 255),     // Done
    };
    t.background = IM_COL32(0, 0, 0, 255);
    t.panel = IM_COL32(25, 25, 25, 255);
    t.text = IM_COL32(255, 255, 255, 255);
    t.text_dim = IM_COL32(200, 200, 200, 255);
    t.accent = IM_COL32(255, 255, 0, 255);
    t.high_contrast = true;
    return t;
  }
};

}  // namespace poollab::gui
