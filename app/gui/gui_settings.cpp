#include "gui/gui_settings.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace poollab::gui {
namespace fs = std::filesystem;

namespace {
std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

bool parse_bool(const std::string& v, bool& out) {
  if (v == "true" || v == "1") return out = true, true;
  if (v == "false" || v == "0") return out = false, true;
  return false;
}

bool parse_float(const std::string& v, float& out, float lo, float hi) {
  try {
    std::size_t used = 0;
    float f = std::stof(v, &used);
    if (used != v.size() || f < lo || f > hi) return false;
    out = f;
    return true;
  } catch (...) {
    return false;
  }
}
}  // namespace

std::string GuiSettings::config_dir() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return (fs::path(x) / "poollab").string();
  if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".config" / "poollab").string();
  return {};
}

GuiSettings GuiSettings::load(const std::string& dir, std::vector<std::string>& problems) {
  GuiSettings s;
  if (dir.empty()) return s;
  fs::path file = fs::path(dir) / "gui.conf";
  std::ifstream in(file);
  if (!in) return s;
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto eq = line.find('=');
    auto where = file.string() + ":" + std::to_string(line_no);
    if (eq == std::string::npos) {
      problems.push_back(where + ": expected `key = value`");
      continue;
    }
    std::string key = trim(line.substr(0, eq)), v = trim(line.substr(eq + 1));
    bool ok = true;
    if (key == "font_scale") ok = parse_float(v, s.font_scale, 1.0f, 3.0f);
    else if (key == "high_contrast") ok = parse_bool(v, s.high_contrast);
    else if (key == "fullscreen") ok = parse_bool(v, s.fullscreen);
    else if (key == "virtual_clock") ok = parse_bool(v, s.virtual_clock);
    else if (key == "speed") ok = parse_float(v, s.speed, 0.01f, 100.0f);
    else if (key == "step_lines") ok = parse_bool(v, s.step_lines);
    else if (key == "free_threads") ok = parse_bool(v, s.free_threads);
    else if (key == "instructor") ok = parse_bool(v, s.instructor);
    else if (key == "last_lesson") s.last_lesson = v;
    else if (key == "left_width") ok = parse_float(v, s.left_width, 0.1f, 0.5f);
    else if (key == "code_width") ok = parse_float(v, s.code_width, 0.2f, 0.7f);
    else if (key == "bottom_height") ok = parse_float(v, s.bottom_height, 0.15f, 0.7f);
    else if (key == "seed") {
      try {
        std::size_t used = 0;
        s.seed = std::stoull(v, &used);
        ok = used == v.size();
      } catch (...) {
        ok = false;
      }
    } else {
      problems.push_back(where + ": unknown key `" + key + "`");
      continue;
    }
    if (!ok) problems.push_back(where + ": bad value for `" + key + "`: " + v);
  }
  return s;
}

bool GuiSettings::save(const std::string& dir, std::string* error) const {
  if (dir.empty()) return true;
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::path file = fs::path(dir) / "gui.conf", tmp = fs::path(dir) / "gui.conf.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) {
      if (error) *error = "cannot write " + tmp.string();
      return false;
    }
    out << "# PoolLab window settings\n"
        << "font_scale = " << font_scale << "\nhigh_contrast = " << (high_contrast ? "true" : "false")
        << "\nfullscreen = " << (fullscreen ? "true" : "false")
        << "\nvirtual_clock = " << (virtual_clock ? "true" : "false") << "\nspeed = " << speed
        << "\nseed = " << seed << "\nstep_lines = " << (step_lines ? "true" : "false")
        << "\nfree_threads = " << (free_threads ? "true" : "false")
        << "\ninstructor = " << (instructor ? "true" : "false") << "\nlast_lesson = " << last_lesson
        << "\nleft_width = " << left_width << "\ncode_width = " << code_width
        << "\nbottom_height = " << bottom_height << "\n";
    if (!out.flush()) {
      if (error) *error = "cannot write " + tmp.string();
      return false;
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    if (error) *error = "cannot replace " + file.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace poollab::gui
