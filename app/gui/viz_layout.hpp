// Who plays which part in the pool view: producers -> jobs -> workers ->
// results -> consumers, the semaphore, WaitGroups and pipeline stages. Taken
// from the lesson's [roles] where given, inferred from who sends and receives
// on which channel otherwise.
//
//   viz::Roles roles;  roles.workers = {"worker"};  roles.jobs = "jobs";
//   viz::PoolLayout l = viz::derive_layout(roles, model, snapshot);
//   for (rt::GoId w : l.workers) { ... }
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gui/lesson_view.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui::viz {

// The lesson.toml [roles] table (names as written in main.go; every field optional).
using Roles = LessonView::Roles;

struct PoolLayout {
  struct Stage {
    std::string function;             // as the runtime names it ("main.gen")
    std::vector<rt::GoId> goroutines;
    rt::ObjId out = 0;                // the channel it sends downstream on
  };

  std::vector<rt::GoId> producers, workers, consumers;
  std::vector<rt::GoId> others;       // live goroutines in no role
  rt::ObjId jobs = 0, results = 0, semaphore = 0;
  std::vector<rt::ObjId> wait_groups; // the role's WaitGroup first
  std::vector<Stage> stages;
  std::vector<rt::ObjId> other_channels;
  bool from_roles = false;            // some part came from the lesson's roles
  // Names from the roles for channels found by their traffic (no name seen in a snapshot).
  std::vector<std::pair<rt::ObjId, std::string>> role_names;

  bool is_worker(rt::GoId id) const;
  bool has_pool() const { return !workers.empty() || jobs != 0; }  // a producer -> jobs -> workers row
  std::string channel_name(const Model& model, rt::ObjId id) const;  // role name if the model has none
};

// Roles where given, observed send/receive relations for the rest.
PoolLayout derive_layout(const Roles& roles, const Model& model, const rt::Snapshot& snapshot);

// derive_layout, redone only when the model, the snapshot or the lesson changed.
class LayoutCache {
 public:
  const PoolLayout& get(const FrameContext& ctx, const Model& model);

 private:
  struct Key {
    std::uint64_t generation = ~0ull, processed = 0, events = 0, steps = 0;
    std::size_t goroutines = 0, channels = 0;
    const LessonView* lesson = nullptr;
    bool operator==(const Key&) const = default;
  } key_;
  PoolLayout layout_;
};

}  // namespace poollab::gui::viz
