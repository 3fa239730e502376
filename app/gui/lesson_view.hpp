// The open lesson as the panels see it: texts, parameters, toggles, variants,
// pool-view roles and where each marked line sits in the listing. Filled by the
// App from the lesson model; empty roles mean "infer from observed events".
//
//   if (ctx.lesson && ctx.lesson->roles.is_worker("main.worker")) { ... }
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace poollab::gui {

struct LessonView {
  struct Param {
    std::string name;   // Go constant, e.g. "numWorkers"
    std::string label;  // "Workers"
    int min = 0, max = 0;
    int value = 0;      // value applied on the next reset
    int line = 0;       // listing line of the constant (0 = unknown)
  };
  struct Toggle {
    std::string name;   // "close-jobs"
    std::string label;
    std::string help;
    bool on = true;     // state applied on the next reset
    std::vector<int> lines;
  };
  struct Variant {
    std::string name;
    std::string label;
    std::vector<std::string> options;
    std::vector<std::string> labels;  // same length as options (falls back to options)
    int selected = 0;
    std::vector<std::vector<int>> lines;  // per option
  };
  struct Roles {
    std::vector<std::string> workers, producers, consumers, stages;  // function names as in main.go
    std::string jobs, results, waitgroup, semaphore;                 // variable names
    bool empty() const {
      return workers.empty() && producers.empty() && consumers.empty() && stages.empty() && jobs.empty() &&
             results.empty() && waitgroup.empty() && semaphore.empty();
    }
    // `function` as the runtime names it ("main.worker", "main.main.func1").
    static bool matches(const std::vector<std::string>& names, std::string_view function) {
      if (function.starts_with("main.")) function.remove_prefix(5);
      for (const auto& n : names)
        if (function == n) return true;
      return false;
    }
    bool is_worker(std::string_view function) const { return matches(workers, function); }
    bool is_producer(std::string_view function) const { return matches(producers, function); }
    bool is_consumer(std::string_view function) const { return matches(consumers, function); }
  };

  std::string id;       // empty for a free-form program
  std::string title;
  std::string group;    // basics | bugs | patterns | shutdown
  std::string goal;
  std::string narrative;
  std::vector<std::string> hints;
  std::vector<Param> params;
  std::vector<Toggle> toggles;
  std::vector<Variant> variants;
  Roles roles;
};

}  // namespace poollab::gui
