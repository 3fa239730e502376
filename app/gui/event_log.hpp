// The event log: every runtime event, newest at the bottom, filtered by
// goroutine, channel and kind. The filtered list grows with new events only
// (a filter change rebuilds it once) and only visible rows are drawn, so a
// 100,000-event history costs no more per frame than a short one. Shows the
// session's count of events dropped by the bounded observer queue.
//
//   EventLog log;
//   log.draw(ctx);
#pragma once

#include <bitset>
#include <cstdint>
#include <memory>
#include <vector>

#include "gui/frame_context.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui {

class EventLog {
 public:
  struct Filter {
    rt::GoId goroutine = 0;  // 0 = every goroutine (acting or peer)
    rt::ObjId object = 0;    // 0 = every channel / object
    std::bitset<static_cast<std::size_t>(rt::EventKind::Count_)> kinds = all_kinds();
    static std::bitset<static_cast<std::size_t>(rt::EventKind::Count_)> all_kinds() { return ~decltype(kinds)(); }
    bool operator==(const Filter&) const = default;
  };

  explicit EventLog(std::shared_ptr<viz::Model> model = viz::Model::shared());
  void draw(FrameContext& ctx);

  Filter& filter() { return filter_; }
  // Indices into the history of the events that pass the filter (as of the last frame).
  const std::vector<std::uint32_t>& rows() const { return rows_; }
  int rows_drawn() const { return rows_drawn_; }
  static bool passes(const Filter& f, const rt::Event& e);

 private:
  void refresh(const std::vector<rt::Event>& history);

  std::shared_ptr<viz::Model> model_;
  Filter filter_;
  Filter applied_;                       // the filter rows_ was built with
  const std::vector<rt::Event>* source_ = nullptr;
  std::uint64_t generation_ = ~0ull;     // the model's, to notice a replaced history
  std::size_t scanned_ = 0;              // history events already filtered
  std::vector<std::uint32_t> rows_;
  bool follow_ = true;                   // keep the newest row in view
  int rows_drawn_ = 0;
};

}  // namespace poollab::gui
