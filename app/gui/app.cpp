#include "gui/app.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <imgui.h>

#include "gui/code_pane.hpp"
#include "gui/controls.hpp"
#include "gui/keys.hpp"
#include "gui/lesson_browser.hpp"
#include "gui/lesson_pane.hpp"
#include "gui/outcome_card.hpp"
#include "gui/probe.hpp"
#include "gui/quiz_pane.hpp"
#include "gui/shortcuts_overlay.hpp"
#include "gui/visual_panels.hpp"
#include "poollab/lessons/settings.hpp"

namespace poollab::gui {

// Every panel object, kept across frames (they hold scroll, zoom, animation state).
class Panels {
 public:
  LessonBrowser browser;
  LessonPane lesson;
  CodePane code;
  Controls controls;
  OutcomeCard outcome;
  QuizPane quiz;
  ShortcutsOverlay shortcuts;
  VisualPanels visual;
  bool select_outcome_tab = false;
  bool select_quiz_tab = false;
};

namespace {
double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

LessonView make_view(const lessons::Lesson& l) {
  LessonView v;
  v.id = l.id;
  v.title = l.title;
  v.group = l.group;
  v.goal = l.goal;
  v.narrative = l.narrative;
  v.hints = l.hints;
  lessons::Markers markers = lessons::scan_listing(l.source);
  for (const auto& p : l.params)
    v.params.push_back({p.name, p.label, static_cast<int>(p.min), static_cast<int>(p.max),
                        static_cast<int>(p.default_value), p.line});
  for (const auto& t : l.toggles) v.toggles.push_back({t.name, t.label, t.help, t.default_on, t.lines});
  for (const auto& var : l.variants) {
    LessonView::Variant out;
    out.name = var.name;
    out.label = var.label;
    out.options = var.options;
    out.labels = var.labels.size() == var.options.size() ? var.labels : var.options;
    for (std::size_t i = 0; i < var.options.size(); ++i) {
      if (var.options[i] == var.default_option) out.selected = static_cast<int>(i);
      std::vector<int> lines;
      if (auto it = markers.variants.find(var.name); it != markers.variants.end())
        if (auto jt = it->second.find(var.options[i]); jt != it->second.end()) lines = jt->second;
      out.lines.push_back(lines);
    }
    v.variants.push_back(std::move(out));
  }
  const auto& r = l.roles;
  v.roles = {r.workers, r.producers, r.consumers, r.stages, r.jobs, r.results, r.waitgroup, r.semaphore};
  return v;
}
}  // namespace

App::App(AppOptions options) : options_(std::move(options)), panels_(std::make_unique<Panels>()) {
  std::vector<std::string> problems;
  settings_ = GuiSettings::load(options_.config_dir, problems);
  for (auto& p : problems) {
    std::cerr << "poollab: " << p << "\n";
    notify(p, true);
  }
  if (options_.free_threads) settings_.free_threads = *options_.free_threads;
  theme_ = settings_.high_contrast ? Theme::high_contrast_theme() : Theme::dark();
  start_time_ = now_seconds();
  load_catalogue();
  panels_->quiz.attach(*this);  // after the catalogue: the quiz bank points into it
  std::string first = options_.lesson;
  if (first.empty() && catalogue_.find(settings_.last_lesson)) first = settings_.last_lesson;
  if (first.empty())
    for (const auto& l : catalogue_.lessons)
      if (l.ok()) {
        first = l.id;
        break;
      }
  if (!first.empty() && open_lesson(first)) {
    // Command-line settings apply to the first lesson only.
    try {
      lessons::Settings s;
      for (const auto& x : options_.sets) lessons::parse_set(x, s);
      for (const auto& x : options_.toggles) lessons::parse_toggle(x, s);
      for (const auto& x : options_.variants) lessons::parse_variant(x, s);
      if (!s.empty()) {
        for (auto& p : view_.params)
          if (auto it = s.params.find(p.name); it != s.params.end()) p.value = static_cast<int>(it->second);
        for (auto& t : view_.toggles)
          if (auto it = s.toggles.find(t.name); it != s.toggles.end()) t.on = it->second;
        for (auto& var : view_.variants)
          if (auto it = s.variants.find(var.name); it != s.variants.end())
            for (std::size_t i = 0; i < var.options.size(); ++i)
              if (var.options[i] == it->second) var.selected = static_cast<int>(i);
        rebuild_listing();
        reset();
      }
    } catch (const std::exception& e) {
      notify(e.what(), true);
    }
  }
}

App::~App() {
  if (options_.save_on_exit) save_settings();
  session_.reset();  // joins every goroutine thread before the panels go
}

void App::load_catalogue() {
  catalogue_ = lessons::load_catalogue(options_.lessons_dir);
  for (const auto& e : catalogue_.errors) notify(e.str(), true);
  for (const auto& l : catalogue_.lessons)
    if (!l.ok()) notify("lesson " + l.id + " is broken: " + l.errors.front().str(), true);
}

void App::notify(std::string text, bool error) {
  if (notices_.size() > 20) notices_.erase(notices_.begin());
  notices_.push_back({std::move(text), error});
}

void App::init_fonts() {
  fonts_ = build_fonts(settings_.font_scale);
  apply_style(theme_, settings_.font_scale);
  fonts_dirty_ = false;
}

void App::rebuild_fonts() { init_fonts(); }

void App::set_font_scale(float scale) {
  scale = std::clamp(std::round(scale * 4.0f) / 4.0f, 1.0f, 3.0f);
  if (scale == settings_.font_scale) return;
  settings_.font_scale = scale;
  fonts_dirty_ = true;
}

void App::set_high_contrast(bool on) {
  settings_.high_contrast = on;
  theme_ = on ? Theme::high_contrast_theme() : Theme::dark();
  apply_style(theme_, settings_.font_scale);
}

void App::save_settings() {
  std::string error;
  if (!settings_.save(options_.config_dir, &error)) std::cerr << "poollab: " << error << "\n";
}

double App::fps() const { return ImGui::GetCurrentContext() ? ImGui::GetIO().Framerate : 0.0; }

// ---- Actions. Those that replace the session are deferred while a frame is
// being drawn: panels hold references into the current one.

void App::defer_or_run(std::function<void()> action) {
  if (in_frame_) deferred_.push_back(std::move(action));
  else action();
}

bool App::open_lesson(const std::string& id) {
  const lessons::Lesson* l = catalogue_.find(id);
  if (!l) {
    notify("no lesson `" + id + "`; the lessons are: " + catalogue_.ids_text(), true);
    return false;
  }
  if (!l->ok()) {
    notify("lesson " + id + " is broken: " + l->errors.front().str(), true);
    return false;
  }
  defer_or_run([this, l] {
    lesson_ = l;
    view_ = make_view(*l);
    hints_shown_ = 0;
    edited_ = false;
    editing_ = false;
    highlighted_line_ = 0;
    selected_ = 0;
    settings_.last_lesson = l->id;
    panels_->quiz.lesson_changed(*this);
    rebuild_listing();
    start_session(pending_);
  });
  return true;
}

void App::open_program(std::string source, std::string name) {
  defer_or_run([this, source = std::move(source), name = std::move(name)] {
    lesson_ = nullptr;
    view_ = LessonView{};
    program_name_ = name;
    edited_ = true;
    pending_ = source;
    panels_->quiz.lesson_changed(*this);
    start_session(pending_);
  });
}

lessons::Settings App::current_settings() const {
  lessons::Settings s;
  for (const auto& p : view_.params) s.params[p.name] = p.value;
  for (const auto& t : view_.toggles) s.toggles[t.name] = t.on;
  for (const auto& v : view_.variants)
    if (v.selected >= 0 && v.selected < static_cast<int>(v.options.size())) s.variants[v.name] = v.options[v.selected];
  return s;
}

void App::rebuild_listing() {
  if (!lesson_ || edited_) return;
  try {
    pending_ = lesson_->render(current_settings());
  } catch (const std::exception& e) {
    notify(e.what(), true);
  }
}

void App::start_session(const std::string& source) {
  session_.reset();
  lessons::SessionOptions o;
  o.clock = settings_.virtual_clock ? rt::ClockKind::Virtual : rt::ClockKind::Real;
  o.speed = settings_.speed;
  o.seed = settings_.seed;
  o.stepping = !settings_.free_threads;
  o.program_nice = 10;  // a program running flat out must not starve the frames
  o.step_lines = settings_.step_lines;
  session_ = std::make_unique<lessons::Session>(source, program_name_, o);
  listing_ = source;
  compile_errors_ = session_->compile_errors();
  // Stepped runs start paused at the gate; free-thread runs start on Run.
  if (session_->compiled() && !settings_.free_threads) {
    session_->start();
    session_->wait_quiescent(200);
  }
  session_->poll();
  outcome_seen_ = false;
}

void App::reset() {
  defer_or_run([this] {
    editing_ = false;
    start_session(pending_);
  });
}

void App::set_running(bool running) {
  if (!session_) return;
  if (running && !session_->started() && settings_.free_threads) session_->start();
  if (session_->started()) session_->set_running(running);
}

bool App::running() const { return session_ && session_->running(); }

bool App::step(rt::GoId which) {
  if (!session_ || !session_->started() || session_->outcome()) return false;
  if (session_->running()) session_->set_running(false);
  session_->wait_quiescent(200);
  bool ok = session_->step(which);
  session_->wait_quiescent(200);
  if (!ok && which != 0) notify("goroutine " + std::to_string(which) + " cannot move now: it is parked or finished");
  return ok;
}

void App::step_back() {
  defer_or_run([this] {
    if (!session_ || !session_->can_step_back()) return;
    session_->step_back();
    session_->wait_quiescent(500);
  });
}

bool App::run_to_outcome(int timeout_ms) {
  if (!session_) return false;
  set_running(true);
  if (!session_->started()) return false;
  bool done = session_->wait(timeout_ms).has_value();
  session_->poll();
  return done;
}

void App::set_toggle(const std::string& name, bool on) {
  for (auto& t : view_.toggles)
    if (t.name == name) t.on = on;
  if (edited_) {
    try {
      lessons::Settings s;
      s.toggles[name] = on;
      pending_ = lessons::apply_settings(pending_, s);
    } catch (const std::exception& e) {
      notify(e.what(), true);
    }
  }
  rebuild_listing();
}

void App::set_variant(const std::string& name, int option) {
  for (auto& v : view_.variants)
    if (v.name == name && option >= 0 && option < static_cast<int>(v.options.size())) {
      v.selected = option;
      if (edited_) {
        try {
          lessons::Settings s;
          s.variants[name] = v.options[option];
          pending_ = lessons::apply_settings(pending_, s);
        } catch (const std::exception& e) {
          notify(e.what(), true);
        }
      }
    }
  rebuild_listing();
}

void App::set_param(const std::string& name, int value) {
  for (auto& p : view_.params)
    if (p.name == name) p.value = std::clamp(value, p.min, p.max);
  rebuild_listing();
}

void App::begin_edit(std::string text) {
  edit_buffer_ = std::move(text);
  editing_ = true;
}

void App::apply_edit() {
  defer_or_run([this] {
    editing_ = false;
    edited_ = true;
    pending_ = edit_buffer_;
    start_session(pending_);
    if (!compile_errors_.empty()) editing_ = true;  // keep the editor open to fix it
  });
}

void App::restore_original() {
  defer_or_run([this] {
    editing_ = false;
    edited_ = false;
    compile_errors_.clear();
    if (lesson_) {
      view_ = make_view(*lesson_);
      rebuild_listing();
    }
    start_session(pending_);
  });
}

void App::line_clicked(int line) {
  if (on_line_click && on_line_click(line)) return;
  highlighted_line_ = highlighted_line_ == line ? 0 : line;
}

void App::reveal_hint() {
  if (hints_shown_ < static_cast<int>(view_.hints.size())) ++hints_shown_;
  panels_->quiz.hint_used(*this, hints_shown_);
}

bool App::layout_settling() const { return panels_->visual.layout_settling(); }

float App::completion(const std::string& id) const { return panels_->quiz.completion(id); }

void App::show_quiz() { panels_->select_quiz_tab = true; }

void App::run_with_settings(const lessons::Settings& settings, bool run) {
  defer_or_run([this, settings, run] {
    if (!lesson_) return;
    view_ = make_view(*lesson_);
    for (auto& p : view_.params)
      if (auto it = settings.params.find(p.name); it != settings.params.end()) p.value = static_cast<int>(it->second);
    for (auto& t : view_.toggles)
      if (auto it = settings.toggles.find(t.name); it != settings.toggles.end()) t.on = it->second;
    for (auto& v : view_.variants)
      if (auto it = settings.variants.find(v.name); it != settings.variants.end())
        for (std::size_t i = 0; i < v.options.size(); ++i)
          if (v.options[i] == it->second) v.selected = static_cast<int>(i);
    edited_ = false;
    editing_ = false;
    rebuild_listing();
    start_session(pending_);
    if (run) set_running(true);
  });
}

// ---- The frame.

void App::handle_shortcuts() {
  ImGuiIO& io = ImGui::GetIO();
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(keys::F1)) show_shortcuts = !show_shortcuts;
  if (pressed(keys::Escape)) show_shortcuts = false;
  if (pressed(keys::F11)) toggle_fullscreen();
  if (io.KeyCtrl && (pressed(keys::Equal) || pressed(keys::KpAdd))) set_font_scale(settings_.font_scale + 0.25f);
  if (io.KeyCtrl && (pressed(keys::Minus) || pressed(keys::KpSubtract))) set_font_scale(settings_.font_scale - 0.25f);
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return;  // typing in the editor or a field
  if (pressed(keys::Space)) set_running(!running());
  if (pressed(keys::Right) || pressed(keys::N)) step();
  if (pressed(keys::Left)) step_back();
  if (pressed(keys::R)) reset();
  for (int k = 1; k <= 9; ++k)
    if (pressed(keys::Digit0 + k)) step(k);
}

namespace {
// Once the program has ended the runtime tears its goroutines down, but the
// student needs them as they were at the end, as Go's dump shows them: the
// deadlocked worker parked on receive, the leaked sender parked on send.
void show_goroutines_as_ended(rt::Snapshot& snap) {
  const rt::Outcome& o = *snap.outcome;
  snap.goroutines = o.kind == rt::OutcomeKind::Completed ? o.leaked : o.goroutines;
  std::sort(snap.goroutines.begin(), snap.goroutines.end(),
            [](const rt::GoroutineInfo& a, const rt::GoroutineInfo& b) { return a.id < b.id; });
  snap.at_gate.clear();  // nobody moves any more
}
}  // namespace

void App::frame() {
  probe::new_frame();
  ++frames_;
  in_frame_ = true;
  if (session_) session_->poll();
  static const std::vector<rt::Event> no_events;
  rt::Snapshot snap = session_ ? session_->snapshot() : rt::Snapshot{};
  if (snap.outcome) show_goroutines_as_ended(snap);
  const rt::GoId selected_at_start = selected_;
  const int highlighted_at_start = highlighted_line_;
  FrameContext ctx{.session = session_.get(),
                   .snapshot = snap,
                   .history = session_ ? session_->history() : no_events,
                   .lesson = lesson_ ? &view_ : nullptr,
                   .theme = theme_,
                   .font_scale = settings_.font_scale,
                   .wall_time = now_seconds() - start_time_,
                   .selected_goroutine = selected_,
                   .highlighted_line = highlighted_line_,
                   .step_request = std::nullopt};
  if (snap.outcome && !outcome_seen_) {
    outcome_seen_ = true;
    panels_->select_outcome_tab = true;
    panels_->quiz.run_finished(*this, *snap.outcome);
  }
  handle_shortcuts();
  layout(ctx);
  panels_->shortcuts.draw(*this);
  in_frame_ = false;
  probe::end_frame();

  // Panels change the selection through ctx or through the App's own setters
  // (a listing click); whichever changed it during the frame wins.
  if (ctx.selected_goroutine != selected_at_start) selected_ = ctx.selected_goroutine;
  if (ctx.highlighted_line != highlighted_at_start) highlighted_line_ = ctx.highlighted_line;
  if (ctx.step_request) step(*ctx.step_request);
  auto actions = std::move(deferred_);
  deferred_.clear();
  for (auto& a : actions) a();
}

namespace {
// A draggable bar between two regions; `fraction` of `total` is the first one's size.
void splitter(const char* id, bool vertical, float& fraction, float total, float lo, float hi, ImVec2 size) {
  ImGui::InvisibleButton(id, size);
  if (ImGui::IsItemHovered() || ImGui::IsItemActive())
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  if (ImGui::IsItemActive() && total > 1) {
    float d = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    fraction = std::clamp(fraction + d / total, lo, hi);
  }
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImU32 col = ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_SeparatorActive
                                 : ImGui::IsItemHovered() ? ImGuiCol_SeparatorHovered
                                                          : ImGuiCol_Separator);
  if (vertical) ImGui::GetWindowDrawList()->AddLine(ImVec2((a.x + b.x) * 0.5f, a.y), ImVec2((a.x + b.x) * 0.5f, b.y), col);
  else ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, (a.y + b.y) * 0.5f), ImVec2(b.x, (a.y + b.y) * 0.5f), col);
}
}  // namespace

void App::layout(FrameContext& ctx) {
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::Begin("PoolLab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  Panels& p = *panels_;

  // Title and toolbar.
  ImGui::PushFont(fonts_.heading);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme_.accent), "PoolLab");
  ImGui::PopFont();
  ImGui::SameLine();
  p.controls.draw_toolbar(*this, ctx);
  p.controls.draw_parameters(*this, ctx);

  const float split = std::max(4.0f, 5.0f * settings_.font_scale);
  const float status_h = ImGui::GetFrameHeightWithSpacing();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float body_h = std::max(100.0f, avail.y - status_h);
  float left_w = std::floor(avail.x * settings_.left_width);
  float code_w = std::floor(avail.x * settings_.code_width);
  float right_w = std::max(50.0f, avail.x - left_w - code_w - 2 * (split + ImGui::GetStyle().ItemSpacing.x * 2));

  // Left column: lesson browser over the lesson / quiz tabs.
  ImGui::BeginChild("left", ImVec2(left_w, body_h), false);
  {
    float browser_h = std::floor(body_h * 0.36f);
    ImGui::BeginChild("browser", ImVec2(0, browser_h), true);
    p.browser.draw(*this, ctx);
    ImGui::EndChild();
    if (ImGui::BeginTabBar("left-tabs")) {
      if (ImGui::BeginTabItem("Lesson")) {
        ImGui::BeginChild("lesson", ImVec2(0, 0), true);
        p.lesson.draw(*this, ctx);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      ImGuiTabItemFlags qf = p.select_quiz_tab ? ImGuiTabItemFlags_SetSelected : 0;
      p.select_quiz_tab = false;
      bool quiz_open = ImGui::BeginTabItem("Quiz", nullptr, qf);
      probe::record("tab/quiz");
      if (quiz_open) {
        ImGui::BeginChild("quiz", ImVec2(0, 0), true);
        p.quiz.draw(*this, ctx);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::EndChild();
  ImGui::SameLine();
  splitter("##split-left", true, settings_.left_width, avail.x, 0.12f, 0.45f, ImVec2(split, body_h));
  ImGui::SameLine();

  // Centre: the listing.
  ImGui::BeginChild("code", ImVec2(code_w, body_h), true);
  p.code.draw(*this, ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  splitter("##split-code", true, settings_.code_width, avail.x, 0.2f, 0.65f, ImVec2(split, body_h));
  ImGui::SameLine();

  // Right: pool view over the tabs.
  ImGui::BeginChild("right", ImVec2(right_w, body_h), false);
  {
    float bottom_h = std::floor(body_h * settings_.bottom_height);
    float top_h = std::max(60.0f, body_h - bottom_h - split - ImGui::GetStyle().ItemSpacing.y * 2);
    ImGui::BeginChild("pool", ImVec2(0, top_h), true);
    p.visual.draw_pool(ctx);
    ImGui::EndChild();
    splitter("##split-bottom", false, settings_.bottom_height, body_h, 0.15f, 0.7f, ImVec2(right_w, split));
    ImGui::BeginChild("bottom", ImVec2(0, 0), false);
    if (ImGui::BeginTabBar("bottom-tabs")) {
      ImGuiTabItemFlags of = p.select_outcome_tab ? ImGuiTabItemFlags_SetSelected : 0;
      p.select_outcome_tab = false;
      bool outcome_open = ImGui::BeginTabItem("Outcome", nullptr, of);
      probe::record("tab/outcome");
      if (outcome_open) {
        ImGui::BeginChild("outcome", ImVec2(0, 0), true);
        p.outcome.draw(*this, ctx);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      p.visual.draw_tabs(ctx);
      ImGui::EndTabBar();
    }
    ImGui::EndChild();
  }
  ImGui::EndChild();

  // Status line: run state and the latest notice.
  p.controls.draw_status(*this, ctx);
  if (!notices_.empty()) {
    ImGui::SameLine();
    const Notice& n = notices_.back();
    ImGui::TextColored(n.error ? ImVec4(1, 0.45f, 0.45f, 1) : ImVec4(0.8f, 0.8f, 0.8f, 1), "   %s", n.text.c_str());
    if (ImGui::IsItemHovered()) {
      std::string all;
      for (const auto& x : notices_) all += x.text + "\n";
      ImGui::SetTooltip("%s", all.c_str());
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) notices_.clear();
  }
  ImGui::End();
}

}  // namespace poollab::gui
