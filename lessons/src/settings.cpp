// Rendering a listing under settings: toggles and variants comment lines in or
// out, parameters replace one integer literal. Line count never changes.
#include "poollab/lessons/settings.hpp"

#include <charconv>
#include <regex>

namespace poollab::lessons {

namespace {

const std::regex& toggle_re() {
  static const std::regex re(R"(//\s*toggle:\s*([A-Za-z0-9_-]+)\s*$)");
  return re;
}
const std::regex& variant_re() {
  static const std::regex re(R"(//\s*variant:\s*([A-Za-z0-9_-]+)=([A-Za-z0-9_-]+)\s*$)");
  return re;
}
// `const name [type] = 123...` at top level, or `\tname [type] = 123...` inside `const (`.
const std::regex& const_line_re() {
  static const std::regex re(R"(^(const\s+([A-Za-z_]\w*)\s*(?:[A-Za-z_][\w.]*\s*)?=\s*)(-?\d+)(\b.*)$)");
  return re;
}
const std::regex& const_block_re() {
  static const std::regex re(R"(^(\t([A-Za-z_]\w*)\s*(?:[A-Za-z_][\w.]*\s*)?=\s*)(-?\d+)(\b.*)$)");
  return re;
}

template <class Map>
std::string names_of(const Map& m) {
  std::string out;
  for (const auto& [k, v] : m) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "(none)" : out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::pair<std::string, std::string> split_kv(std::string_view text, std::string_view flag) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw SettingsError(std::string(flag) + " needs NAME=VALUE, got '" + std::string(text) + "'");
  return {std::string(trim(text.substr(0, eq))), std::string(trim(text.substr(eq + 1)))};
}

}  // namespace

Settings Settings::merged(const Settings& over) const {
  Settings out = *this;
  for (const auto& [k, v] : over.params) out.params[k] = v;
  for (const auto& [k, v] : over.toggles) out.toggles[k] = v;
  for (const auto& [k, v] : over.variants) out.variants[k] = v;
  return out;
}

std::string Settings::str() const {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
  for (const auto& [k, v] : params) add(k + "=" + std::to_string(v));
  for (const auto& [k, v] : toggles) add(k + "=" + (v ? "on" : "off"));
  for (const auto& [k, v] : variants) add(k + "=" + v);
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      return lines;
    }
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

bool line_is_commented(std::string_view line) {
  auto body = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
  return body.rfind("//", 0) == 0;
}

std::string set_commented(std::string_view line, bool commented) {
  std::size_t indent_len = std::min(line.size(), line.find_first_not_of(" \t"));
  std::string indent(line.substr(0, indent_len));
  std::string_view body = line.substr(indent_len);
  bool is = body.rfind("//", 0) == 0;
  if (commented && !is) return indent + "// " + std::string(body);
  if (!commented && is) {
    body.remove_prefix(2);
    if (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    return indent + std::string(body);
  }
  return std::string(line);
}

Markers scan_listing(std::string_view source) {
  Markers m;
  auto lines = split_lines(source);
  bool in_block = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    int lineno = static_cast<int>(i) + 1;
    std::smatch sm;
    if (std::regex_search(line, sm, toggle_re())) {
      auto& v = m.toggles[sm[1].str()];
      if (v.empty()) m.toggle_order.push_back(sm[1].str());
      v.push_back(lineno);
    }
    if (std::regex_search(line, sm, variant_re())) {
      auto& opts = m.variants[sm[1].str()];
      if (opts.empty()) m.variant_order.push_back(sm[1].str());
      opts[sm[2].str()].push_back(lineno);
    }
    if (line.rfind("const (", 0) == 0) {
      in_block = true;
      continue;
    }
    if (in_block && line.rfind(")", 0) == 0) {
      in_block = false;
      continue;
    }
    bool matched = false;
    if (line.rfind("const ", 0) == 0)
      matched = std::regex_match(line, sm, const_line_re());
    else if (in_block)
      matched = std::regex_match(line, sm, const_block_re());
    if (matched) {
      ParamSite site;
      site.line = lineno;
      site.literal_pos = static_cast<std::size_t>(sm.length(1));
      site.literal_len = static_cast<std::size_t>(sm.length(3));
      std::string lit = sm[3].str();
      auto [p, ec] = std::from_chars(lit.data(), lit.data() + lit.size(), site.value);
      if (ec == std::errc()) m.params[sm[2].str()] = site;
    }
  }
  return m;
}

std::string apply_settings(std::string_view source, const Settings& settings, const ParamRanges* ranges) {
  Markers m = scan_listing(source);
  auto lines = split_lines(source);
  for (const auto& [name, on] : settings.toggles) {
    auto it = m.toggles.find(name);
    if (it == m.toggles.end())
      throw SettingsError("unknown toggle '" + name + "'; valid toggles: " + names_of(m.toggles));
    for (int l : it->second) lines[l - 1] = set_commented(lines[l - 1], !on);
  }
  for (const auto& [name, option] : settings.variants) {
    auto it = m.variants.find(name);
    if (it == m.variants.end())
      throw SettingsError("unknown variant '" + name + "'; valid variants: " + names_of(m.variants));
    if (!it->second.count(option))
      throw SettingsError("unknown option '" + option + "' of variant '" + name + "'; valid options: " +
                          names_of(it->second));
    for (const auto& [opt, ls] : it->second)
      for (int l : ls) lines[l - 1] = set_commented(lines[l - 1], opt != option);
  }
  for (const auto& [name, value] : settings.params) {
    auto it = m.params.find(name);
    bool known = it != m.params.end() && (!ranges || ranges->count(name));
    if (!known) {
      std::string valid;
      if (ranges) {
        for (const auto& [k, r] : *ranges)
          valid += (valid.empty() ? "" : ", ") + k + " (" + std::to_string(r.first) + ".." + std::to_string(r.second) + ")";
        if (valid.empty()) valid = "(none)";
      } else {
        valid = names_of(m.params);
      }
      throw SettingsError("unknown parameter '" + name + "'; valid parameters: " + valid);
    }
    if (ranges) {
      auto [lo, hi] = ranges->at(name);
      if (value < lo || value > hi)
        throw SettingsError("parameter " + name + "=" + std::to_string(value) + " is out of range; valid range: " +
                            std::to_string(lo) + ".." + std::to_string(hi));
    }
    const ParamSite& s = it->second;
    std::string& line = lines[s.line - 1];
    line = line.substr(0, s.literal_pos) + std::to_string(value) + line.substr(s.literal_pos + s.literal_len);
  }
  return join_lines(lines);
}

void parse_set(std::string_view text, Settings& into) {
  auto [k, v] = split_kv(text, "--set");
  std::int64_t value = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || p != v.data() + v.size())
    throw SettingsError("--set " + k + " needs an integer value, got '" + v + "'");
  into.params[k] = value;
}

void parse_toggle(std::string_view text, Settings& into) {
  auto [k, v] = split_kv(text, "--toggle");
  if (v == "on" || v == "true" || v == "1")
    into.toggles[k] = true;
  else if (v == "off" || v == "false" || v == "0")
    into.toggles[k] = false;
  else
    throw SettingsError("--toggle " + k + " must be on or off, got '" + v + "'");
}

void parse_variant(std::string_view text, Settings& into) {
  auto [k, v] = split_kv(text, "--variant");
  if (v.empty()) throw SettingsError("--variant " + k + " needs an option");
  into.variants[k] = v;
}

}  // namespace poollab::lessons
