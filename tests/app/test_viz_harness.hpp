// ImGui with the null backend for panel tests: no window, no GPU. Builds the
// font atlas, sets the display size, runs frames and writes mouse state.
#pragma once

#include <functional>
#include <vector>

#include <imgui.h>

#include "gui/frame_context.hpp"
#include "gui/theme.hpp"

namespace poollab::test {

struct NullImGui {
  NullImGui(float w = 1600, float h = 1000) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    // As the OpenGL 3 renderer the window uses: draw lists may pass 65,536 vertices.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  }
  ~NullImGui() { ImGui::DestroyContext(); }
  NullImGui(const NullImGui&) = delete;
  NullImGui& operator=(const NullImGui&) = delete;

  // One frame: `body` draws inside a window covering `pos`/`size`.
  void frame(const std::function<void()>& body, ImVec2 pos = ImVec2(0, 0), ImVec2 size = ImVec2(1600, 1000)) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("panel", nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    body();
    ImGui::End();
    ImGui::Render();
  }

  void mouse(ImVec2 pos, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pos;
    io.MouseDown[0] = down;
  }

  std::size_t vertices() const { return static_cast<std::size_t>(ImGui::GetDrawData()->TotalVtxCount); }
};

}  // namespace poollab::test
