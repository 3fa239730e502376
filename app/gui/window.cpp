#include "gui/window.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include "gui/app.hpp"
#include "gui/pool_view.hpp"
#include "gui/gui_settings.hpp"

namespace poollab::gui {
namespace fs = std::filesystem;

std::string find_lessons_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("POOLLAB_ASSETS"); env && *env) candidates.push_back(fs::path(env) / "lessons");
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path().parent_path() / "share" / "poollab" / "lessons");
    candidates.push_back(exe.parent_path() / "assets" / "lessons");
  }
#ifdef POOLLAB_INSTALLED_ASSETS
  candidates.push_back(fs::path(POOLLAB_INSTALLED_ASSETS) / "lessons");
#endif
#ifdef POOLLAB_DEFAULT_ASSETS
  candidates.push_back(fs::path(POOLLAB_DEFAULT_ASSETS) / "lessons");
#endif
  for (const auto& c : candidates)
    if (fs::is_directory(c, ec)) return c.string();
  return candidates.empty() ? std::string("assets/lessons") : candidates.back().string();
}

namespace {

void glfw_error(int code, const char* text) { std::cerr << "poollab: GLFW error " << code << ": " << text << "\n"; }

// GLFW + GL context + ImGui backends; undone in reverse by the destructor.
struct Platform {
  GLFWwindow* window = nullptr;
  bool imgui = false;
  bool no_mouse = false;  // screenshots: the pointer hovers nothing

  bool open(int width, int height, const char* title, bool visible) {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
      std::cerr << "poollab: cannot open a window: no display (set DISPLAY, or run under xvfb-run)\n";
      return false;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!window) {
      std::cerr << "poollab: cannot create an OpenGL 3 window\n";
      return false;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    imgui = true;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return true;
  }

  ~Platform() {
    if (imgui) {
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplGlfw_Shutdown();
      ImGui::DestroyContext();
    }
    if (window) glfwDestroyWindow(window);
    glfwTerminate();
  }

  void upload_fonts() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  void render(const Theme& theme) {
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(theme.background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }

  void frame(App& app) {
    if (app.fonts_dirty()) {
      app.rebuild_fonts();
      upload_fonts();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (no_mouse) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    app.frame();
    render(app.theme());
  }
};

// Full screen on the primary monitor, or back to the saved window rectangle.
void apply_fullscreen(GLFWwindow* window, bool on, int rect[4]) {
  bool is = glfwGetWindowMonitor(window) != nullptr;
  if (on == is) return;
  if (on) {
    glfwGetWindowPos(window, &rect[0], &rect[1]);
    glfwGetWindowSize(window, &rect[2], &rect[3]);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (!monitor) return;
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(window, nullptr, rect[0], rect[1], rect[2], rect[3], 0);
  }
}

}  // namespace

int run_window(const WindowOptions& options) {
  Platform platform;
  if (!platform.open(options.width, options.height, "PoolLab", true)) return 1;
  std::string config = GuiSettings::config_dir();
  std::string ini;
  if (!config.empty()) {
    std::error_code ec;
    fs::create_directories(config, ec);
    ini = (fs::path(config) / "imgui.ini").string();
  }
  ImGui::GetIO().IniFilename = ini.empty() ? nullptr : ini.c_str();

  AppOptions ao;
  ao.lessons_dir = options.lessons_dir.empty() ? find_lessons_dir() : options.lessons_dir;
  ao.lesson = options.lesson;
  ao.sets = options.sets;
  ao.toggles = options.toggles;
  ao.variants = options.variants;
  ao.config_dir = config;
  ao.free_threads = options.free_threads;
  App app(std::move(ao));
  app.init_fonts();
  platform.upload_fonts();

  int rect[4] = {100, 100, options.width, options.height};
  std::string title;
  while (!glfwWindowShouldClose(platform.window) && !app.wants_quit()) {
    // Paused: wake on input, or often enough for the short value animations.
    if (app.running()) glfwPollEvents();
    else glfwWaitEventsTimeout(1.0 / 30.0);
    apply_fullscreen(platform.window, app.fullscreen(), rect);
    std::string want = "PoolLab" + (app.view().title.empty() ? std::string() : " - " + app.view().title);
    if (want != title) glfwSetWindowTitle(platform.window, (title = want).c_str());
    platform.frame(app);
    glfwSwapBuffers(platform.window);
  }
  return 0;
}

int run_screenshot(const ScreenshotOptions& options) {
  if (options.output.empty()) {
    std::cerr << "poollab screenshot: -o FILE.png is required\n";
    return 1;
  }
  if (options.width < 320 || options.height < 240 || options.width > 8192 || options.height > 8192) {
    std::cerr << "poollab screenshot: --size must be between 320x240 and 8192x8192\n";
    return 1;
  }
  Platform platform;
  if (!platform.open(options.width, options.height, "PoolLab", true)) return 1;
  ImGui::GetIO().IniFilename = nullptr;  // a screenshot never touches the user's layout
  platform.no_mouse = true;

  AppOptions ao;
  ao.lessons_dir = options.lessons_dir.empty() ? find_lessons_dir() : options.lessons_dir;
  ao.lesson = options.lesson;
  ao.sets = options.sets;
  ao.toggles = options.toggles;
  ao.variants = options.variants;
  ao.config_dir = "";  // defaults, not the user's settings: the same shot on every machine
  ao.save_on_exit = false;
  ao.free_threads = options.free_threads;
  const bool program = !options.program_source.empty();
  if (program) ao.lesson.clear();
  App app(std::move(ao));
  if (program) {
    app.open_program(options.program_source, options.program_name);
  } else if (!app.lesson() || app.lesson()->id != options.lesson) {
    for (const auto& n : app.notices())
      if (n.error) std::cerr << "poollab screenshot: " << n.text << "\n";
    if (!app.catalogue().find(options.lesson)) return 1;
  }
  app.set_font_scale(options.font_scale);
  if (options.high_contrast) app.set_high_contrast(true);
  app.init_fonts();
  platform.upload_fonts();

  platform.frame(app);  // first layout pass
  if (options.steps < 0) {
    // Run with frames drawn, as in the window: the panels see the channels
    // while they are live (their capacity, their contents), not only the end.
    app.set_running(true);
    const double started = glfwGetTime(), give_up = started + 30.0;
    int frames = 0;
    double slowest = 0;
    while (app.session() && !app.session()->outcome() && glfwGetTime() < give_up) {
      const double t0 = glfwGetTime();
      platform.frame(app);
      glfwSwapBuffers(platform.window);
      slowest = std::max(slowest, glfwGetTime() - t0);
      ++frames;
    }
    if (options.frame_stats) {
      const double seconds = glfwGetTime() - started;
      const lessons::Session* s = app.session();
      const double events = s ? static_cast<double>(s->history().size() + s->dropped_events()) : 0.0;
      std::fprintf(stderr, "poollab screenshot: %d frames in %.2f s while it ran: %.1f fps, slowest %.1f ms; %.0f events/s\n",
                   frames, seconds, seconds > 0 ? frames / seconds : 0.0, slowest * 1e3, seconds > 0 ? events / seconds : 0.0);
    }
    if (!app.run_to_outcome(1000)) std::cerr << "poollab screenshot: the program was still running after 30 s\n";
  } else {
    for (int k = 0; k < options.steps; ++k)
      if (!app.step()) break;
  }
  // Frames until the layout settles and values in flight have arrived: a
  // still picture of a value halfway between two boxes only looks misplaced.
  const double settle_until = glfwGetTime() + PoolView::kMoveSeconds + 0.1;
  for (int i = 0; i < 4 || ((glfwGetTime() < settle_until || app.layout_settling()) && i < 200); ++i) {
    platform.frame(app);
    glfwSwapBuffers(platform.window);
  }
  platform.frame(app);  // the frame we read (back buffer, not yet swapped)

  int w = 0, h = 0;
  glfwGetFramebufferSize(platform.window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's origin is bottom-left; PNG rows go top-down.
  std::vector<unsigned char> flipped(pixels.size());
  std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * row, row, flipped.data() + y * row);
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  if (!stbi_write_png(options.output.c_str(), w, h, 4, flipped.data(), static_cast<int>(row))) {
    std::cerr << "poollab screenshot: cannot write " << options.output << "\n";
    return 1;
  }
  return 0;
}

}  // namespace poollab::gui
