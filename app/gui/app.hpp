// The window's brain: the lesson catalogue, the open lesson and its settings,
// the current run (lessons::Session), selection, theme and fonts, and the
// frame function that lays out every panel. Platform-free: the GLFW loop
// (window.cpp) and the null-backend tests both call frame() between
// ImGui::NewFrame() and ImGui::Render().
//
//   App app({.lessons_dir = "assets/lessons", .lesson = "close-jobs"});
//   app.init_fonts();                 // builds the font atlas
//   for (;;) { ImGui::NewFrame(); app.frame(); ImGui::Render(); }
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gui/fonts.hpp"
#include "gui/frame_context.hpp"
#include "gui/gui_settings.hpp"
#include "gui/lesson_view.hpp"
#include "gui/theme.hpp"
#include "poollab/lessons/lesson.hpp"
#include "poollab/lessons/session.hpp"

namespace poollab::gui {

class Panels;  // every panel object (app.cpp)

struct AppOptions {
  std::filesystem::path lessons_dir;                  // assets/lessons
  std::string lesson;                                 // open this one ("" = last used, else the first)
  std::vector<std::string> sets, toggles, variants;   // "name=value", applied when `lesson` opens
  std::string config_dir = GuiSettings::config_dir(); // "" = do not load or save settings
  std::string progress_path;                          // "" = the default XDG location
  bool save_on_exit = true;
  std::optional<bool> free_threads;                   // overrides the saved schedule (--schedule free|serial)
};

// What the student is told in the status line (errors stay until dismissed).
struct Notice {
  std::string text;
  bool error = false;
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Fonts: build once after ImGui::CreateContext, and again (between frames)
  // whenever fonts_dirty(); the platform layer re-uploads the atlas texture.
  void init_fonts();
  bool fonts_dirty() const { return fonts_dirty_; }
  void rebuild_fonts();
  const Fonts& fonts() const { return fonts_; }

  // One frame of the whole window (between NewFrame and Render).
  void frame();
  // A panel is still fitting its drawing to its region: a still picture taken now
  // would catch it part way (the screenshot tool draws frames until this is false).
  bool layout_settling() const;

  // ---- Actions: the toolbar, shortcuts, tests and the screenshot tool use these.
  bool open_lesson(const std::string& id);
  void open_program(std::string source, std::string name);  // a free-form listing
  void reset();                         // apply pending settings and edits; fresh run
  void set_running(bool running);
  bool running() const;
  bool step(rt::GoId which = 0);        // one gate release (waits briefly for quiescence)
  void step_back();
  bool run_to_outcome(int timeout_ms);  // run flat out until the program ends
  // Free threads: the program runs on real threads with no gate (flat out,
  // real parallelism); Step and step back need the stepped schedule.
  bool free_threads() const { return settings_.free_threads; }
  void set_font_scale(float scale);
  void set_high_contrast(bool on);
  void toggle_fullscreen() { settings_.fullscreen = !settings_.fullscreen; }
  bool fullscreen() const { return settings_.fullscreen; }
  bool wants_quit() const { return quit_; }
  void save_settings();

  // Listing edits (code pane, fill-the-blank).
  void set_toggle(const std::string& name, bool on);   // listing changes now; the run on reset
  void set_variant(const std::string& name, int option);
  void set_param(const std::string& name, int value);
  void begin_edit(std::string text);                  // enter edit mode with this text
  void apply_edit();                                   // compile the edit; run it when it compiles
  void restore_original();                             // drop edits, back to the lesson's listing
  void line_clicked(int line);                         // code pane: spot-the-bug answers, highlight
  void reveal_hint();                                  // the next rung of the hint ladder
  float completion(const std::string& lesson_id) const;  // 0..1 from progress
  void show_quiz();
  // Open the current lesson's listing under `settings` (over its defaults) and
  // start a fresh run; `run` = let it run flat out. Used by the quiz.
  void run_with_settings(const lessons::Settings& settings, bool run);                                    // bring the quiz tab to the front

  // ---- State (panels and tests read these).
  lessons::Session* session() { return session_.get(); }
  const lessons::Catalogue& catalogue() const { return catalogue_; }
  const lessons::Lesson* lesson() const { return lesson_; }
  const LessonView& view() const { return view_; }
  LessonView& view() { return view_; }
  const std::string& listing() const { return listing_; }       // text the current run was built from
  const std::string& pending_listing() const { return pending_; } // text the next reset runs
  bool pending_changes() const { return pending_ != listing_; }
  const std::vector<golite::Diagnostic>& compile_errors() const { return compile_errors_; }
  bool editing() const { return editing_; }
  std::string& edit_buffer() { return edit_buffer_; }
  GuiSettings& settings() { return settings_; }
  const Theme& theme() const { return theme_; }
  int& highlighted_line() { return highlighted_line_; }
  rt::GoId& selected_goroutine() { return selected_; }
  int& hints_shown() { return hints_shown_; }
  std::vector<Notice>& notices() { return notices_; }
  void notify(std::string text, bool error = false);
  const std::string& progress_path() const { return options_.progress_path; }
  std::uint64_t frames() const { return frames_; }
  double fps() const;

  bool show_shortcuts = false;  // the F1 overlay

  // Hook for panels that want a line click (the quiz's spot-the-bug).
  std::function<bool(int line)> on_line_click;  // returns true if consumed

 private:
  void defer_or_run(std::function<void()> action);  // session-replacing actions wait for the frame's end
  void load_catalogue();
  void rebuild_listing();   // pending_ from the lesson + view settings
  void start_session(const std::string& source);
  void handle_shortcuts();
  void layout(FrameContext& ctx);
  lessons::Settings current_settings() const;

  AppOptions options_;
  GuiSettings settings_;
  Theme theme_;
  Fonts fonts_;
  bool fonts_dirty_ = false;
  bool quit_ = false;

  lessons::Catalogue catalogue_;
  const lessons::Lesson* lesson_ = nullptr;
  LessonView view_;
  std::string listing_, pending_, program_name_ = "main.go";
  std::vector<golite::Diagnostic> compile_errors_;
  std::unique_ptr<lessons::Session> session_;
  bool editing_ = false;
  std::string edit_buffer_;
  bool edited_ = false;     // the pending listing is a student edit, not lesson settings

  int highlighted_line_ = 0;
  rt::GoId selected_ = 0;
  int hints_shown_ = 0;
  std::vector<Notice> notices_;
  bool outcome_seen_ = false;
  std::uint64_t frames_ = 0;
  double start_time_ = 0;

  bool in_frame_ = false;
  std::vector<std::function<void()>> deferred_;
  std::unique_ptr<Panels> panels_;
  friend class Panels;
};

}  // namespace poollab::gui
