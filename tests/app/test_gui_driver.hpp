// Drives the App with ImGui's null backend: no window, no GPU. The font atlas
// is built, the display size set, frames run, and clicks are made by writing
// the mouse state across frames at the centre of a widget the last frame drew
// (see gui/probe.hpp).
//
//   GuiDriver ui("close-jobs");
//   CHECK(ui.click("controls/step"));
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"
#include "test_support.hpp"

namespace poollab::gui::testing {

// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::mt19937_64 rng(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    path = std::filesystem::temp_directory_path() / ("poollab-gui-" + std::to_string(rng()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct GuiDriver {
  TempDir dir;
  ImGuiContext* context = nullptr;
  std::unique_ptr<App> app;

  // `before_start` runs before the App is built, e.g. to write a progress file
  // at dir.path / "data" / "progress.json".
  explicit GuiDriver(const std::string& lesson, std::vector<std::string> toggles = {},
                     const std::function<void(const TempDir&)>& before_start = {}) {
    if (before_start) before_start(dir);
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    AppOptions o;
    o.lessons_dir = std::filesystem::path(poollab::test::source_dir()) / "assets" / "lessons";
    o.lesson = lesson;
    o.toggles = std::move(toggles);
    o.config_dir = (dir.path / "config").string();
    o.progress_path = (dir.path / "data" / "progress.json").string();
    app = std::make_unique<App>(o);
    app->init_fonts();
    frame();
    frame();
  }
  ~GuiDriver() {
    app.reset();
    ImGui::DestroyContext(context);
  }
  GuiDriver(const GuiDriver&) = delete;
  GuiDriver& operator=(const GuiDriver&) = delete;

  void frame() {
    if (app->fonts_dirty()) app->rebuild_fonts();
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
  }

  // Press and release the left button over the widget `name`; false if the
  // last frame did not draw it.
  bool click(const std::string& name) {
    auto at = probe::centre(name);
    if (!at) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = *at;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-1, -1);
    frame();
    return true;
  }

  void press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame();
  }
};

}  // namespace poollab::gui::testing
