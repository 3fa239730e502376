// Loading and validating lessons: lesson.toml against main.go's markers.
#include "poollab/lessons/lesson.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "poollab/golite/golite.hpp"
#include "toml_reader.hpp"

namespace poollab::lessons {

namespace fs = std::filesystem;
using detail::join_path;
using detail::TomlReader;

std::string SourceError::str() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (line > 0 && column > 0) out += ":" + std::to_string(column);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  return out + message;
}

std::string_view to_string(QuizKind kind) {
  switch (kind) {
    case QuizKind::Choice: return "choice";
    case QuizKind::Predict: return "predict";
    case QuizKind::Spot: return "spot";
    case QuizKind::Fill: return "fill";
  }
  return "?";
}

const Param* Lesson::find_param(std::string_view name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}
const Toggle* Lesson::find_toggle(std::string_view name) const {
  for (const auto& t : toggles)
    if (t.name == name) return &t;
  return nullptr;
}
const Variant* Lesson::find_variant(std::string_view name) const {
  for (const auto& v : variants)
    if (v.name == name) return &v;
  return nullptr;
}
const Expectation* Lesson::find_expect(std::string_view name) const {
  for (const auto& e : expects)
    if (e.name == name) return &e;
  return nullptr;
}

std::string Lesson::render(const Settings& settings) const {
  for (const auto& [name, on] : settings.toggles) {
    if (!find_toggle(name)) {
      std::string valid;
      for (const auto& t : toggles) valid += (valid.empty() ? "" : ", ") + t.name;
      throw SettingsError("unknown toggle '" + name + "' for lesson " + id + "; valid toggles: " +
                          (valid.empty() ? "(none)" : valid));
    }
    (void)on;
  }
  for (const auto& [name, option] : settings.variants) {
    const Variant* v = find_variant(name);
    if (!v) {
      std::string valid;
      for (const auto& x : variants) valid += (valid.empty() ? "" : ", ") + x.name;
      throw SettingsError("unknown variant '" + name + "' for lesson " + id + "; valid variants: " +
                          (valid.empty() ? "(none)" : valid));
    }
    if (std::find(v->options.begin(), v->options.end(), option) == v->options.end()) {
      std::string valid;
      for (const auto& o : v->options) valid += (valid.empty() ? "" : ", ") + o;
      throw SettingsError("unknown option '" + option + "' of variant '" + name + "'; valid options: " + valid);
    }
  }
  ParamRanges ranges;
  for (const auto& p : params) ranges[p.name] = {p.min, p.max};
  return apply_settings(source, settings, &ranges);
}

namespace {

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

const std::set<std::string> kOutcomes = {"completed", "deadlock", "panic", "exit"};
const std::set<std::string> kGroups = {"basics", "bugs", "patterns", "shutdown"};

// Reads `toggles = {...}`, `set = {...}`, `variants = {...}` of an [[expect]] or [[quiz]]
// and checks them against the lesson's declared toggles, params and variants.
Settings read_settings(TomlReader& r, const toml::table& t, const std::string& path, const Lesson& lesson) {
  Settings s;
  if (const toml::node* n = t.get("toggles")) {
    if (const toml::table* tt = n->as_table()) {
      for (auto&& [k, v] : *tt) {
        std::string key = join_path(path, "toggles." + std::string(k.str()));
        if (!lesson.find_toggle(k.str())) {
          std::string valid;
          for (const auto& x : lesson.toggles) valid += (valid.empty() ? "" : ", ") + x.name;
          r.error(&v, key, "unknown toggle; valid toggles: " + (valid.empty() ? std::string("(none)") : valid));
        } else if (!v.is_boolean()) {
          r.error(&v, key, "must be true or false");
        } else {
          s.toggles[std::string(k.str())] = v.as_boolean()->get();
        }
      }
    } else {
      r.error(n, join_path(path, "toggles"), "must be a table like { close-jobs = false }");
    }
  }
  if (const toml::node* n = t.get("variants")) {
    if (const toml::table* tt = n->as_table()) {
      for (auto&& [k, v] : *tt) {
        std::string key = join_path(path, "variants." + std::string(k.str()));
        const Variant* var = lesson.find_variant(k.str());
        if (!var) {
          std::string valid;
          for (const auto& x : lesson.variants) valid += (valid.empty() ? "" : ", ") + x.name;
          r.error(&v, key, "unknown variant; valid variants: " + (valid.empty() ? std::string("(none)") : valid));
        } else if (!v.is_string()) {
          r.error(&v, key, "must be a string naming an option");
        } else if (std::find(var->options.begin(), var->options.end(), v.as_string()->get()) == var->options.end()) {
          std::string valid;
          for (const auto& o : var->options) valid += (valid.empty() ? "" : ", ") + o;
          r.error(&v, key, "unknown option '" + v.as_string()->get() + "'; valid options: " + valid);
        } else {
          s.variants[std::string(k.str())] = v.as_string()->get();
        }
      }
    } else {
      r.error(n, join_path(path, "variants"), "must be a table like { results = \"buffered\" }");
    }
  }
  if (const toml::node* n = t.get("set")) {
    if (const toml::table* tt = n->as_table()) {
      for (auto&& [k, v] : *tt) {
        std::string key = join_path(path, "set." + std::string(k.str()));
        const Param* p = lesson.find_param(k.str());
        if (!p) {
          std::string valid;
          for (const auto& x : lesson.params) valid += (valid.empty() ? "" : ", ") + x.name;
          r.error(&v, key, "unknown parameter; valid parameters: " + (valid.empty() ? std::string("(none)") : valid));
        } else if (!v.is_integer()) {
          r.error(&v, key, "must be an integer");
        } else if (auto x = v.as_integer()->get(); x < p->min || x > p->max) {
          r.error(&v, key,
                  std::to_string(x) + " is out of range " + std::to_string(p->min) + ".." + std::to_string(p->max));
        } else {
          s.params[std::string(k.str())] = x;
        }
      }
    } else {
      r.error(n, join_path(path, "set"), "must be a table like { numWorkers = 2 }");
    }
  }
  return s;
}

void read_header(TomlReader& r, const toml::table& root, Lesson& L, const std::string& folder_id) {
  const toml::node* idn = root.get("id");
  if (auto id = r.string(root, "id", "id", true)) {
    if (*id != folder_id) r.error(idn, "id", "'" + *id + "' must equal the folder name '" + folder_id + "'");
  }
  L.title = r.string(root, "title", "title", true).value_or("");
  if (auto g = r.string(root, "group", "group", true)) {
    if (!kGroups.count(*g)) r.error(root.get("group"), "group", "'" + *g + "' is not one of basics, bugs, patterns, shutdown");
    L.group = *g;
  }
  if (auto o = r.integer(root, "order", "order", true)) {
    if (*o < 1 || *o > 1000) r.error(root.get("order"), "order", "must be between 1 and 1000");
    L.order = static_cast<int>(*o);
  }
  L.goal = r.string(root, "goal", "goal", true).value_or("");
  L.narrative = r.string(root, "narrative", "narrative", true).value_or("");
  if (auto h = r.strings(root, "hints", "hints", true)) {
    if (h->size() != 3)
      r.error(root.get("hints"), "hints", "must hold exactly three hints, found " + std::to_string(h->size()));
    L.hints = *h;
  }
  for (const char* k : {"title", "goal", "narrative"}) {
    if (auto s = root.get(k); s && s->is_string() && s->as_string()->get().empty()) r.error(s, k, "must not be empty");
  }
}

void read_params(TomlReader& r, const toml::table& root, Lesson& L, const Markers& m, const std::string& go_file) {
  auto list = r.tables(root, "params", "params");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const toml::table& t = *list[i];
    std::string path = "params[" + std::to_string(i) + "]";
    r.warn_unknown_keys(t, path, {"name", "label", "min", "max", "unit", "help"});
    Param p;
    auto name = r.string(t, "name", path + ".name", true);
    p.label = r.string(t, "label", path + ".label", true).value_or("");
    auto lo = r.integer(t, "min", path + ".min", true);
    auto hi = r.integer(t, "max", path + ".max", true);
    if (!name) continue;
    p.name = *name;
    if (L.find_param(p.name)) {
      r.error(t.get("name"), path + ".name", "parameter '" + p.name + "' is declared twice");
      continue;
    }
    auto site = m.params.find(p.name);
    if (site == m.params.end()) {
      r.error(t.get("name"), path + ".name",
              "'" + p.name + "' is not a top-level constant of " + go_file + " with an integer literal");
      continue;
    }
    p.line = site->second.line;
    p.default_value = site->second.value;
    if (lo && hi) {
      p.min = *lo;
      p.max = *hi;
      if (p.min > p.max) {
        r.error(t.get("max"), path + ".max", "must be >= min (" + std::to_string(p.min) + ")");
        continue;
      }
      if (p.default_value < p.min || p.default_value > p.max)
        r.error(t.get("min"), path + ".min",
                "the listing's value " + std::to_string(p.default_value) + " (" + go_file + ":" +
                    std::to_string(p.line) + ") is outside " + std::to_string(p.min) + ".." + std::to_string(p.max));
    } else {
      continue;
    }
    L.params.push_back(p);
  }
}

void read_toggles(TomlReader& r, const toml::table& root, Lesson& L, const Markers& m, const std::vector<std::string>& lines,
                  const std::string& go_file) {
  auto list = r.tables(root, "toggles", "toggles");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const toml::table& t = *list[i];
    std::string path = "toggles[" + std::to_string(i) + "]";
    r.warn_unknown_keys(t, path, {"name", "label", "help"});
    Toggle tg;
    auto name = r.string(t, "name", path + ".name", true);
    tg.label = r.string(t, "label", path + ".label", true).value_or("");
    tg.help = r.string(t, "help", path + ".help", false).value_or("");
    if (!name) continue;
    tg.name = *name;
    if (L.find_toggle(tg.name)) {
      r.error(t.get("name"), path + ".name", "toggle '" + tg.name + "' is declared twice");
      continue;
    }
    auto it = m.toggles.find(tg.name);
    if (it == m.toggles.end()) {
      r.error(t.get("name"), path + ".name", "no line of " + go_file + " ends with '// toggle: " + tg.name + "'");
      continue;
    }
    tg.lines = it->second;
    tg.default_on = !line_is_commented(lines[tg.lines.front() - 1]);
    L.toggles.push_back(tg);
  }
  for (const auto& [name, ls] : m.toggles)
    if (!L.find_toggle(name))
      L.errors.push_back({go_file, ls.front(), 0, "toggle: " + name, "marker has no [[toggles]] entry in lesson.toml"});
}

void read_variants(TomlReader& r, const toml::table& root, Lesson& L, const Markers& m,
                   const std::vector<std::string>& lines, const std::string& go_file) {
  auto list = r.tables(root, "variants", "variants");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const toml::table& t = *list[i];
    std::string path = "variants[" + std::to_string(i) + "]";
    r.warn_unknown_keys(t, path, {"name", "label", "options", "labels", "help"});
    Variant v;
    auto name = r.string(t, "name", path + ".name", true);
    v.label = r.string(t, "label", path + ".label", true).value_or("");
    auto options = r.strings(t, "options", path + ".options", true);
    auto labels = r.strings(t, "labels", path + ".labels", false);
    if (!name || !options) continue;
    v.name = *name;
    v.options = *options;
    if (L.find_variant(v.name)) {
      r.error(t.get("name"), path + ".name", "variant '" + v.name + "' is declared twice");
      continue;
    }
    if (v.options.size() < 2) {
      r.error(t.get("options"), path + ".options", "needs at least two options");
      continue;
    }
    if (labels && labels->size() != v.options.size()) {
      r.error(t.get("labels"), path + ".labels",
              "has " + std::to_string(labels->size()) + " entries, options has " + std::to_string(v.options.size()));
      continue;
    }
    v.labels = labels ? *labels : v.options;
    auto it = m.variants.find(v.name);
    if (it == m.variants.end()) {
      r.error(t.get("name"), path + ".name", "no line of " + go_file + " ends with '// variant: " + v.name + "=...'");
      continue;
    }
    bool bad = false;
    std::set<std::string> seen;
    for (const auto& o : v.options) {
      if (!seen.insert(o).second) {
        r.error(t.get("options"), path + ".options", "option '" + o + "' is listed twice");
        bad = true;
      } else if (!it->second.count(o)) {
        r.error(t.get("options"), path + ".options",
                "option '" + o + "' has no line ending with '// variant: " + v.name + "=" + o + "' in " + go_file);
        bad = true;
      }
    }
    for (const auto& [o, ls] : it->second)
      if (!seen.count(o)) {
        L.errors.push_back({go_file, ls.front(), 0, "variant: " + v.name + "=" + o,
                            "option is not listed in options of [[variants]] '" + v.name + "' in lesson.toml"});
        bad = true;
      }
    if (bad) continue;
    std::vector<std::string> active;
    for (const auto& [o, ls] : it->second) {
      bool on = std::none_of(ls.begin(), ls.end(), [&](int l) { return line_is_commented(lines[l - 1]); });
      if (on) active.push_back(o);
    }
    if (active.size() != 1) {
      std::string list_text;
      for (const auto& a : active) list_text += (list_text.empty() ? "" : ", ") + a;
      L.errors.push_back({go_file, it->second.begin()->second.front(), 0, "variant: " + v.name,
                          "the shipped listing must enable exactly one option, it enables " +
                              (active.empty() ? std::string("none") : list_text)});
      continue;
    }
    v.default_option = active.front();
    L.variants.push_back(v);
  }
  for (const auto& [name, opts] : m.variants)
    if (!L.find_variant(name) && std::none_of(L.errors.begin(), L.errors.end(), [&](const SourceError& e) {
          return e.key.rfind("variant: " + name, 0) == 0;
        }))
      L.errors.push_back({go_file, opts.begin()->second.front(), 0, "variant: " + name,
                          "marker has no [[variants]] entry in lesson.toml"});
}

void read_roles(TomlReader& r, const toml::table& root, Lesson& L) {
  const toml::node* n = root.get("roles");
  if (!n) return;
  const toml::table* t = n->as_table();
  if (!t) {
    r.error(n, "roles", "must be a table ([roles])");
    return;
  }
  r.warn_unknown_keys(*t, "roles",
                      {"workers", "producers", "consumers", "stages", "jobs", "results", "waitgroup", "semaphore"});
  L.roles.workers = r.strings(*t, "workers", "roles.workers", false).value_or(std::vector<std::string>{});
  L.roles.producers = r.strings(*t, "producers", "roles.producers", false).value_or(std::vector<std::string>{});
  L.roles.consumers = r.strings(*t, "consumers", "roles.consumers", false).value_or(std::vector<std::string>{});
  L.roles.stages = r.strings(*t, "stages", "roles.stages", false).value_or(std::vector<std::string>{});
  L.roles.jobs = r.string(*t, "jobs", "roles.jobs", false).value_or("");
  L.roles.results = r.string(*t, "results", "roles.results", false).value_or("");
  L.roles.waitgroup = r.string(*t, "waitgroup", "roles.waitgroup", false).value_or("");
  L.roles.semaphore = r.string(*t, "semaphore", "roles.semaphore", false).value_or("");
}

// The optional seed and schedule of a checked run ([[expect]], predict questions).
void read_run_choice(TomlReader& r, const toml::table& t, const std::string& path, std::optional<std::uint64_t>& seed,
                     bool& serial) {
  if (auto x = r.integer(t, "seed", path + ".seed", false)) {
    if (*x < 0) r.error(t.get("seed"), path + ".seed", "must not be negative");
    seed = static_cast<std::uint64_t>(*x);
  }
  if (auto s = r.string(t, "schedule", path + ".schedule", false)) {
    if (*s != "serial" && *s != "free") r.error(t.get("schedule"), path + ".schedule", "must be \"free\" or \"serial\"");
    serial = *s == "serial";
  }
}

void read_expects(TomlReader& r, const toml::table& root, Lesson& L) {
  auto list = r.tables(root, "expect", "expect");
  if (list.empty()) r.error(&root, "expect", "at least one [[expect]] (named \"defaults\") is required");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const toml::table& t = *list[i];
    std::string path = "expect[" + std::to_string(i) + "]";
    r.warn_unknown_keys(t, path,
                        {"name", "toggles", "set", "variants", "outcome", "message", "stdout", "stdout_sorted",
                         "stdout_contains", "virtual_seconds", "leaked", "exit_code", "seed", "schedule", "oracle",
                         "oracle_why", "max_in_semaphore", "also_allowed", "note"});
    Expectation e;
    e.line = static_cast<int>(t.source().begin.line);
    auto name = r.string(t, "name", path + ".name", true);
    if (name) {
      e.name = *name;
      if (L.find_expect(e.name)) r.error(t.get("name"), path + ".name", "expectation '" + e.name + "' is named twice");
      if (i == 0 && e.name != "defaults") r.error(t.get("name"), path + ".name", "the first [[expect]] must be named \"defaults\"");
    }
    e.settings = read_settings(r, t, path, L);
    if (auto o = r.string(t, "outcome", path + ".outcome", true)) {
      if (!kOutcomes.count(*o)) r.error(t.get("outcome"), path + ".outcome", "'" + *o + "' is not one of completed, deadlock, panic, exit");
      e.outcome = *o;
    }
    e.message = r.string(t, "message", path + ".message", false);
    e.stdout_exact = r.string(t, "stdout", path + ".stdout", false);
    e.stdout_sorted = r.strings(t, "stdout_sorted", path + ".stdout_sorted", false);
    e.stdout_contains = r.strings(t, "stdout_contains", path + ".stdout_contains", false).value_or(std::vector<std::string>{});
    e.virtual_seconds = r.number(t, "virtual_seconds", path + ".virtual_seconds", false);
    if (e.virtual_seconds && *e.virtual_seconds < 0)
      r.error(t.get("virtual_seconds"), path + ".virtual_seconds", "must not be negative");
    if (auto x = r.integer(t, "leaked", path + ".leaked", false)) {
      if (*x < 0) r.error(t.get("leaked"), path + ".leaked", "must not be negative");
      e.leaked = static_cast<int>(*x);
    }
    if (auto x = r.integer(t, "max_in_semaphore", path + ".max_in_semaphore", false)) {
      if (*x < 0) r.error(t.get("max_in_semaphore"), path + ".max_in_semaphore", "must not be negative");
      if (L.roles.semaphore.empty())
        r.error(t.get("max_in_semaphore"), path + ".max_in_semaphore", "needs roles.semaphore naming the channel");
      e.max_in_semaphore = static_cast<int>(*x);
    }
    if (auto x = r.integer(t, "exit_code", path + ".exit_code", false)) {
      if (*x < 0 || *x > 255) r.error(t.get("exit_code"), path + ".exit_code", "must be between 0 and 255");
      e.exit_code = static_cast<int>(*x);
    }
    read_run_choice(r, t, path, e.seed, e.serial);
    e.also_allowed = r.strings(t, "also_allowed", path + ".also_allowed", false).value_or(std::vector<std::string>{});
    for (const auto& m : e.also_allowed)
      if (m.empty()) r.error(t.get("also_allowed"), path + ".also_allowed", "a message must not be empty");
    if (!e.also_allowed.empty() && e.serial)
      r.error(t.get("also_allowed"), path + ".also_allowed",
              "a serial schedule is reproducible: pin its outcome instead of allowing alternatives");
    if (auto o = r.string(t, "oracle", path + ".oracle", false)) {
      if (*o != "same" && *o != "outcome" && *o != "skip")
        r.error(t.get("oracle"), path + ".oracle", "must be \"same\", \"outcome\" or \"skip\"");
      e.oracle = *o;
    }
    e.oracle_why = r.string(t, "oracle_why", path + ".oracle_why", false).value_or("");
    if (e.oracle == "skip" && e.oracle_why.empty())
      r.error(t.get("oracle"), path + ".oracle_why", "oracle = \"skip\" needs oracle_why saying why");
    if (e.message && e.outcome == "completed")
      r.error(t.get("message"), path + ".message", "a completed run has no failure message");
    L.expects.push_back(std::move(e));
  }
}

void read_quiz(TomlReader& r, const toml::table& root, Lesson& L) {
  auto list = r.tables(root, "quiz", "quiz");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const toml::table& t = *list[i];
    std::string path = "quiz[" + std::to_string(i) + "]";
    r.warn_unknown_keys(t, path,
                        {"id", "kind", "lesson", "prompt", "choices", "answer", "explanations", "predict", "toggles",
                         "set", "variants", "explain_event", "answer_line", "explanation", "blank", "expect",
                         "solution", "seed", "schedule"});
    QuizQuestion q;
    q.owner = L.id;
    q.line = static_cast<int>(t.source().begin.line);
    std::size_t errors_before = L.errors.size();
    q.id = r.string(t, "id", path + ".id", true).value_or("");
    if (auto n = t.get("id")) q.id_line = static_cast<int>(n->source().begin.line);
    if (auto n = t.get("lesson")) q.lesson_line = static_cast<int>(n->source().begin.line);
    q.lesson = r.string(t, "lesson", path + ".lesson", true).value_or("");
    q.prompt = r.string(t, "prompt", path + ".prompt", true).value_or("");
    if (auto p = t.get("prompt"); p && p->is_string() && p->as_string()->get().empty())
      r.error(p, path + ".prompt", "must not be empty");
    auto kind = r.string(t, "kind", path + ".kind", true);
    if (!kind) continue;
    if (*kind == "choice") q.kind = QuizKind::Choice;
    else if (*kind == "predict") q.kind = QuizKind::Predict;
    else if (*kind == "spot") q.kind = QuizKind::Spot;
    else if (*kind == "fill") q.kind = QuizKind::Fill;
    else {
      r.error(t.get("kind"), path + ".kind", "'" + *kind + "' is not one of choice, predict, spot, fill");
      continue;
    }
    if (q.kind == QuizKind::Choice || q.kind == QuizKind::Predict) {
      q.choices = r.strings(t, "choices", path + ".choices", true).value_or(std::vector<std::string>{});
      q.explanations = r.strings(t, "explanations", path + ".explanations", true).value_or(std::vector<std::string>{});
      auto answer = r.integers(t, "answer", path + ".answer", true);
      if (t.get("choices") && q.choices.size() < 2) r.error(t.get("choices"), path + ".choices", "needs at least two choices");
      if (t.get("explanations") && q.explanations.size() != q.choices.size())
        r.error(t.get("explanations"), path + ".explanations",
                "has " + std::to_string(q.explanations.size()) + " entries, one per choice (" +
                    std::to_string(q.choices.size()) + ") is required");
      for (std::size_t k = 0; k < q.explanations.size(); ++k)
        if (q.explanations[k].empty())
          r.error(t.get("explanations"), path + ".explanations[" + std::to_string(k) + "]", "must not be empty");
      if (answer) {
        if (answer->empty()) r.error(t.get("answer"), path + ".answer", "needs at least one right choice");
        std::set<std::int64_t> seen;
        for (auto a : *answer) {
          if (a < 0 || a >= static_cast<std::int64_t>(q.choices.size()))
            r.error(t.get("answer"), path + ".answer",
                    "index " + std::to_string(a) + " is not a choice (0.." + std::to_string(q.choices.size()) + ")");
          else if (!seen.insert(a).second)
            r.error(t.get("answer"), path + ".answer", "index " + std::to_string(a) + " is listed twice");
          else
            q.answer.push_back(static_cast<int>(a));
        }
      }
    }
    if (q.kind == QuizKind::Predict) {
      if (auto p = r.string(t, "predict", path + ".predict", true)) {
        if (*p == "outcome") q.predict = PredictKind::Outcome;
        else if (*p == "output") q.predict = PredictKind::Output;
        else if (*p == "duration") q.predict = PredictKind::Duration;
        else r.error(t.get("predict"), path + ".predict", "'" + *p + "' is not one of outcome, output, duration");
      }
      q.explain_event = r.string(t, "explain_event", path + ".explain_event", false).value_or("");
      read_run_choice(r, t, path, q.seed, q.serial);
    } else {
      for (const char* key : {"seed", "schedule"})
        if (t.get(key)) r.error(t.get(key), path + "." + key, "only a predict question has a run to seed or schedule");
    }
    if (q.kind == QuizKind::Predict || q.kind == QuizKind::Spot) q.settings = read_settings(r, t, path, L);
    if (q.kind == QuizKind::Spot || q.kind == QuizKind::Fill) {
      q.explanation = r.string(t, "explanation", path + ".explanation", true).value_or("");
    }
    if (q.kind == QuizKind::Spot) {
      if (auto a = r.string(t, "answer_line", path + ".answer_line", true)) {
        q.answer_line = *a;
        bool found = false;
        if (!a->empty() && L.errors.size() == errors_before) {
          try {
            found = L.render(q.settings).find(*a) != std::string::npos;
          } catch (const SettingsError&) {
          }
        }
        if (!found)
          r.error(t.get("answer_line"), path + ".answer_line", "'" + *a + "' is not found in the listing (with the question's settings)");
      }
    }
    if (q.kind == QuizKind::Fill) {
      if (auto b = r.string(t, "blank", path + ".blank", true)) {
        q.blank = *b;
        if (!L.find_toggle(*b)) r.error(t.get("blank"), path + ".blank", "'" + *b + "' is not a toggle of this lesson");
      }
      if (auto e = r.string(t, "expect", path + ".expect", true)) {
        q.expect = *e;
        if (!L.find_expect(*e)) r.error(t.get("expect"), path + ".expect", "'" + *e + "' is not the name of an [[expect]]");
      }
      q.solution = r.string(t, "solution", path + ".solution", true).value_or("");
    }
    L.quiz.push_back(std::move(q));
  }
}

}  // namespace

Lesson load_lesson(const fs::path& dir, const LoadOptions& options) {
  Lesson L;
  L.dir = dir;
  L.id = dir.filename().string();
  if (L.id.empty()) L.id = dir.parent_path().filename().string();
  const std::string toml_file = L.toml_path().string();
  const std::string go_file = L.source_path().string();

  if (!read_file(L.source_path(), L.source)) {
    L.errors.push_back({go_file, 0, 0, "", "cannot read the listing (missing or unreadable)"});
  }
  std::string toml_text;
  if (!read_file(L.toml_path(), toml_text)) {
    L.errors.push_back({toml_file, 0, 0, "", "cannot read the lesson file (missing or unreadable)"});
    L.title = L.id;
    return L;
  }
  toml::table root;
  try {
    root = toml::parse(toml_text, toml_file);
  } catch (const toml::parse_error& e) {
    L.errors.push_back({toml_file, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                        "TOML syntax: " + std::string(e.description())});
    L.title = L.id;
    return L;
  }
  TomlReader r(toml_file, L.errors, L.warnings);
  r.warn_unknown_keys(root, "",
                      {"id", "title", "group", "order", "goal", "narrative", "hints", "params", "toggles", "variants",
                       "roles", "expect", "quiz"});
  read_header(r, root, L, L.id);
  if (L.title.empty()) L.title = L.id;
  Markers m = scan_listing(L.source);
  auto lines = split_lines(L.source);
  read_params(r, root, L, m, go_file);
  read_toggles(r, root, L, m, lines, go_file);
  read_variants(r, root, L, m, lines, go_file);
  read_roles(r, root, L);
  read_expects(r, root, L);
  read_quiz(r, root, L);

  if (options.compile && !L.source.empty()) {
    try {
      auto compiled = golite::compile(L.source, go_file);
      for (const auto& d : compiled.errors)
        L.errors.push_back({go_file, d.line, d.col, "", d.message});
    } catch (const std::exception& e) {
      L.errors.push_back({go_file, 0, 0, "", std::string("the interpreter failed to compile it: ") + e.what()});
    }
  }
  std::stable_sort(L.errors.begin(), L.errors.end(), [](const SourceError& a, const SourceError& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  return L;
}

const Lesson* Catalogue::find(std::string_view id) const {
  for (const auto& l : lessons)
    if (l.id == id) return &l;
  return nullptr;
}

std::vector<std::string> Catalogue::ids() const {
  std::vector<std::string> out;
  for (const auto& l : lessons) out.push_back(l.id);
  return out;
}

std::string Catalogue::ids_text() const {
  std::string out;
  for (const auto& l : lessons) out += (out.empty() ? "" : ", ") + l.id;
  return out.empty() ? "(none)" : out;
}

Catalogue load_catalogue(const fs::path& lessons_dir, const LoadOptions& options) {
  Catalogue c;
  c.dir = lessons_dir;
  std::error_code ec;
  if (!fs::is_directory(lessons_dir, ec)) {
    c.errors.push_back({lessons_dir.string(), 0, 0, "", "not a lessons folder"});
    return c;
  }
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(lessons_dir, ec))
    if (entry.is_directory() && (fs::exists(entry.path() / "lesson.toml") || fs::exists(entry.path() / "main.go")))
      dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) c.lessons.push_back(load_lesson(d, options));
  std::stable_sort(c.lessons.begin(), c.lessons.end(), [](const Lesson& a, const Lesson& b) {
    int oa = a.order > 0 ? a.order : 1 << 30, ob = b.order > 0 ? b.order : 1 << 30;
    return std::tie(oa, a.id) < std::tie(ob, b.id);
  });
  // Cross-lesson checks: quiz ids are unique and quiz links name a lesson.
  std::map<std::string, std::string> quiz_owner;
  for (auto& l : c.lessons) {
    for (std::size_t i = 0; i < l.quiz.size(); ++i) {
      const auto& q = l.quiz[i];
      std::string key = "quiz[" + std::to_string(i) + "]";
      if (!q.lesson.empty() && !c.find(q.lesson))
        l.errors.push_back({l.toml_path().string(), q.lesson_line ? q.lesson_line : q.line, 0, key + ".lesson",
                            "links to unknown lesson '" + q.lesson + "'; lessons: " + c.ids_text()});
      if (q.id.empty()) continue;
      auto [it, fresh] = quiz_owner.emplace(q.id, l.id);
      if (!fresh)
        l.errors.push_back({l.toml_path().string(), q.id_line ? q.id_line : q.line, 0, key + ".id",
                            "quiz id '" + q.id + "' is already used by lesson " + it->second});
    }
  }
  return c;
}

}  // namespace poollab::lessons
