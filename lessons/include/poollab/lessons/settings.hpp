// Lesson settings (parameters, toggles, variants) and how they rewrite main.go.
// Every rewrite keeps the line count, so line numbers stay those of the listing.
//
//   lessons::Settings s;
//   s.params["numWorkers"] = 5;
//   s.toggles["close-jobs"] = false;
//   std::string variant = lessons::apply_settings(source, s);   // throws SettingsError
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace poollab::lessons {

struct Settings {
  std::map<std::string, std::int64_t> params;      // --set NAME=VALUE
  std::map<std::string, bool> toggles;             // --toggle NAME=on|off
  std::map<std::string, std::string> variants;     // --variant NAME=OPTION
  bool empty() const { return params.empty() && toggles.empty() && variants.empty(); }
  // `over`'s entries win.
  Settings merged(const Settings& over) const;
  std::string str() const;  // "numWorkers=5 close-jobs=off results=buffered"
};

// A bad setting: the message names it and lists what is valid.
struct SettingsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A top-level integer constant of main.go (a parameter site).
struct ParamSite {
  int line = 0;             // 1-based
  std::int64_t value = 0;   // the literal
  std::size_t literal_pos = 0, literal_len = 0;  // inside the line
};

// The markers of a listing, found by its trailing comments.
struct Markers {
  std::map<std::string, std::vector<int>> toggles;                           // name -> lines
  std::map<std::string, std::map<std::string, std::vector<int>>> variants;   // name -> option -> lines
  std::map<std::string, ParamSite> params;                                   // const name -> site
  std::vector<std::string> toggle_order;  // names in listing order
  std::vector<std::string> variant_order;
};

Markers scan_listing(std::string_view source);
bool line_is_commented(std::string_view line);
// Comment a line out ("// " after its indentation) or back in; unchanged if already so.
std::string set_commented(std::string_view line, bool commented);
std::vector<std::string> split_lines(std::string_view text);  // keeps a trailing "" after a final \n
std::string join_lines(const std::vector<std::string>& lines);

// Valid ranges for parameters when a lesson declares them (name -> [min, max]).
using ParamRanges = std::map<std::string, std::pair<std::int64_t, std::int64_t>>;

// Apply `settings` to `source` exactly as docs/lesson-format.md defines. Unknown
// names, unknown variant options and parameters out of `ranges` throw SettingsError.
// When `ranges` is given, only the parameters it names may be set.
std::string apply_settings(std::string_view source, const Settings& settings, const ParamRanges* ranges = nullptr);

// Command-line forms: "numWorkers=5", "close-jobs=on", "results=buffered".
void parse_set(std::string_view text, Settings& into);      // throws SettingsError
void parse_toggle(std::string_view text, Settings& into);
void parse_variant(std::string_view text, Settings& into);

}  // namespace poollab::lessons
