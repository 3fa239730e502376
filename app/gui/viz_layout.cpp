#include "gui/viz_layout.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace poollab::gui::viz {

using rt::GoId;
using rt::ObjId;

bool PoolLayout::is_worker(GoId id) const { return std::find(workers.begin(), workers.end(), id) != workers.end(); }

std::string PoolLayout::channel_name(const Model& model, ObjId id) const {
  std::string name = model.channel_name(id);
  if (!name.starts_with("chan#")) return name;
  for (const auto& [cid, role_name] : role_names)
    if (cid == id) return role_name;
  return name;
}

namespace {

// Every goroutine we know of (events or snapshot), in id order, with its function.
struct Known {
  GoId id;
  std::string function;
  bool live;
};

std::vector<Known> known_goroutines(const Model& model, const rt::Snapshot& snap) {
  std::map<GoId, Known> all;
  for (const Lane& l : model.lanes()) all[l.id] = {l.id, l.function, l.ended == kOpen};
  for (const rt::GoroutineInfo& g : snap.goroutines) {
    Known& k = all[g.id];
    k.id = g.id;
    if (!g.function.empty()) k.function = g.function;
    k.live = g.state != rt::GState::Done;
  }
  if (snap.started) {  // the snapshot is authoritative about who is still alive
    std::unordered_set<GoId> live;
    for (const rt::GoroutineInfo& g : snap.goroutines) live.insert(g.id);
    for (auto& [id, k] : all) k.live = k.live && live.count(id) > 0;
  }
  std::vector<Known> out;
  out.reserve(all.size());
  for (auto& [id, k] : all) out.push_back(std::move(k));
  return out;
}

std::vector<ObjId> known_channels(const Model& model, const rt::Snapshot& snap) {
  std::set<ObjId> ids;
  for (const ChannelTrack& c : model.channels()) ids.insert(c.id);
  for (const rt::ChannelInfo& c : snap.channels) ids.insert(c.id);
  return {ids.begin(), ids.end()};
}

const rt::ChannelInfo* snap_channel(const rt::Snapshot& snap, ObjId id) {
  for (const rt::ChannelInfo& c : snap.channels)
    if (c.id == id) return &c;
  return nullptr;
}

std::string name_of(const Model& model, const rt::Snapshot& snap, ObjId id) {
  if (const rt::ChannelInfo* c = snap_channel(snap, id); c && !c->name.empty()) return c->name;
  return model.channel_name(id);
}

std::uint64_t traffic(const Model& model, const rt::Snapshot& snap, ObjId id) {
  std::uint64_t n = 0;
  if (const ChannelTrack* t = model.channel(id)) n += t->sends + t->recvs;
  if (const rt::ChannelInfo* c = snap_channel(snap, id))
    n += c->senders.size() + c->receivers.size() + c->buffer.size();
  return n;
}

// The busiest channel called `name` (several stages may each call theirs "out").
ObjId channel_named(const Model& model, const rt::Snapshot& snap, const std::vector<ObjId>& chans,
                    const std::string& name) {
  if (name.empty()) return 0;
  ObjId best = 0;
  std::uint64_t best_traffic = 0;
  for (ObjId id : chans) {
    if (name_of(model, snap, id) != name) continue;
    std::uint64_t n = traffic(model, snap, id);
    if (best == 0 || n > best_traffic) best = id, best_traffic = n;
  }
  return best;
}

// Goroutine -> number of operations, from the history and from who is parked right now.
std::unordered_map<GoId, std::uint32_t> parties(const Model& model, const rt::Snapshot& snap, ObjId id,
                                                bool senders) {
  std::unordered_map<GoId, std::uint32_t> out;
  if (const ChannelTrack* t = model.channel(id)) out = senders ? t->senders : t->receivers;
  if (const rt::ChannelInfo* c = snap_channel(snap, id))
    for (GoId g : senders ? c->senders : c->receivers) ++out[g];
  out.erase(0);
  return out;
}

bool semaphore_like(const Model& model, const rt::Snapshot& snap, ObjId id) {
  const ChannelTrack* t = model.channel(id);
  const rt::ChannelInfo* c = snap_channel(snap, id);
  std::size_t cap = c ? c->cap : 0;
  if (t) cap = std::max<std::size_t>(cap, static_cast<std::size_t>(t->cap_seen));
  if (cap == 0 || !t || t->sends == 0 || !t->only_empty_structs) return false;
  for (const auto& [g, n] : t->senders)  // the same goroutines acquire (send) and release (receive)
    if (t->receivers.count(g)) return true;
  return false;
}

bool contains(const std::vector<GoId>& v, GoId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

}  // namespace

bool function_matches(std::string_view function, std::string_view role) {
  if (function.starts_with("main.")) function.remove_prefix(5);
  if (function == role) return true;
  // A method ("main.(*Pool).worker") answers to its own name too.
  if (auto dot = function.rfind(")."); dot != std::string_view::npos) return function.substr(dot + 2) == role;
  return false;
}

// A pipeline stage is its function or a closure it starts ("main.gen.func1" is stage "gen").
bool stage_matches(std::string_view function, std::string_view stage) {
  if (function_matches(function, stage)) return true;
  if (function.starts_with("main.")) function.remove_prefix(5);
  return function.starts_with(stage) && function.substr(stage.size()).starts_with(".func");
}

bool function_matches_any(std::string_view function, const std::vector<std::string>& roles) {
  for (const std::string& r : roles)
    if (function_matches(function, r)) return true;
  return false;
}

PoolLayout derive_layout(const Roles& roles, const Model& model, const rt::Snapshot& snap) {
  PoolLayout out;
  out.from_roles = !roles.empty();
  const std::vector<Known> gs = known_goroutines(model, snap);
  const std::vector<ObjId> chans = known_channels(model, snap);
  std::unordered_map<GoId, const Known*> by_id;
  for (const Known& k : gs) by_id.emplace(k.id, &k);
  auto function_of = [&](GoId id) -> std::string {
    auto it = by_id.find(id);
    return it == by_id.end() ? std::string() : it->second->function;
  };
  auto is_main = [&](GoId id) { return function_of(id) == "main.main"; };

  // Semaphore: named, else a buffered channel of struct{} that goroutines send to and receive from.
  out.semaphore = channel_named(model, snap, chans, roles.semaphore);
  if (out.semaphore == 0 && roles.semaphore.empty()) {
    for (ObjId id : chans)
      if (semaphore_like(model, snap, id)) {
        out.semaphore = id;
        break;
      }
  }

  // Jobs: named, else the channel most distinct non-main goroutines of one function receive from.
  // Lessons that give roles name their pool's channels: nothing is guessed for them.
  out.jobs = channel_named(model, snap, chans, roles.jobs);
  if (out.jobs == 0 && !out.from_roles) {
    std::size_t best = 0;
    std::uint64_t best_traffic = 0;
    for (ObjId id : chans) {
      if (id == out.semaphore) continue;
      std::map<std::string, std::size_t> per_function;
      for (const auto& [g, n] : parties(model, snap, id, false))
        if (!is_main(g)) ++per_function[function_of(g)];
      std::size_t score = 0;
      for (const auto& [f, n] : per_function) score = std::max(score, n);
      std::uint64_t tr = traffic(model, snap, id);
      if (score > best || (score == best && score > 0 && tr > best_traffic)) {
        best = score;
        best_traffic = tr;
        out.jobs = id;
      }
    }
  }

  // Workers: by role, else every goroutine running a function that receives jobs.
  if (!roles.workers.empty()) {
    for (const Known& k : gs)
      if (function_matches_any(k.function, roles.workers)) out.workers.push_back(k.id);
  } else if (out.jobs != 0) {
    std::set<std::string> worker_functions;
    for (const auto& [g, n] : parties(model, snap, out.jobs, false))
      if (!is_main(g)) worker_functions.insert(function_of(g));
    for (const Known& k : gs)
      if (worker_functions.count(k.function)) out.workers.push_back(k.id);
  }

  const std::unordered_set<GoId> worker_set(out.workers.begin(), out.workers.end());
  auto is_worker = [&](GoId id) { return worker_set.count(id) > 0; };

  // Results: named, else the channel the workers send on most.
  out.results = channel_named(model, snap, chans, roles.results);
  if (out.results == 0 && !out.workers.empty() && !out.from_roles) {
    std::uint64_t best = 0;
    for (ObjId id : chans) {
      if (id == out.jobs || id == out.semaphore) continue;
      std::uint64_t n = 0;
      for (const auto& [g, k] : parties(model, snap, id, true))
        if (is_worker(g)) n += k;
      if (n > best) best = n, out.results = id;
    }
  }

  // Producers and consumers: by role, else whoever sends jobs / receives results.
  if (!roles.producers.empty()) {
    for (const Known& k : gs)
      if (function_matches_any(k.function, roles.producers)) out.producers.push_back(k.id);
  } else if (out.jobs != 0) {
    for (const auto& [g, n] : parties(model, snap, out.jobs, true))
      if (!is_worker(g)) out.producers.push_back(g);
    std::sort(out.producers.begin(), out.producers.end());
  }
  if (!roles.consumers.empty()) {
    for (const Known& k : gs)
      if (function_matches_any(k.function, roles.consumers)) out.consumers.push_back(k.id);
  } else if (out.results != 0) {
    for (const auto& [g, n] : parties(model, snap, out.results, false))
      if (!is_worker(g)) out.consumers.push_back(g);
    std::sort(out.consumers.begin(), out.consumers.end());
  }

  auto name_unseen = [&](ObjId id) { return id != 0 && name_of(model, snap, id).starts_with("chan#"); };
  if (name_unseen(out.jobs) && !roles.jobs.empty()) out.role_names.emplace_back(out.jobs, roles.jobs);
  if (name_unseen(out.results) && !roles.results.empty()) out.role_names.emplace_back(out.results, roles.results);
  if (name_unseen(out.semaphore) && !roles.semaphore.empty()) out.role_names.emplace_back(out.semaphore, roles.semaphore);

  // Pipeline stages, upstream first; each sends downstream on its busiest channel.
  for (const std::string& stage_name : roles.stages) {
    PoolLayout::Stage st;
    st.function = "main." + stage_name;
    for (const Known& k : gs)
      if (stage_matches(k.function, stage_name)) st.goroutines.push_back(k.id);
    std::uint64_t best = 0;
    for (ObjId id : chans) {
      std::uint64_t n = 0;
      for (const auto& [g, k] : parties(model, snap, id, true))
        if (contains(st.goroutines, g)) n += k;
      if (n > best) best = n, st.out = id;
    }
    out.stages.push_back(std::move(st));
  }

  // WaitGroups: the named one first.
  for (const rt::WaitGroupInfo& wg : snap.wait_groups) {
    if (!roles.waitgroup.empty() && wg.name == roles.waitgroup) {
      out.wait_groups.insert(out.wait_groups.begin(), wg.id);
    } else {
      out.wait_groups.push_back(wg.id);
    }
  }

  // Everything else: live goroutines in no role, channels in no role. Without a pool
  // row (no workers, no jobs channel) producers, consumers and results are drawn here
  // too, producers first.
  const bool has_pool = out.has_pool();
  auto in_pool_row = [&](GoId id) {
    return has_pool && (contains(out.producers, id) || contains(out.consumers, id));
  };
  std::vector<GoId> ordered;
  std::unordered_set<GoId> placed;
  auto add = [&](GoId id) {
    if (placed.insert(id).second) ordered.push_back(id);
  };
  if (!has_pool) {
    for (GoId id : out.producers) add(id);
    for (GoId id : out.consumers) add(id);
  }
  for (const Known& k : gs) add(k.id);
  for (GoId id : ordered) {
    auto known = by_id.find(id);
    if (known == by_id.end() || !known->second->live || in_pool_row(id) || is_worker(id)) continue;
    bool in_stage = false;
    for (const auto& st : out.stages) in_stage = in_stage || contains(st.goroutines, id);
    if (!in_stage) out.others.push_back(id);
  }
  for (ObjId id : chans) {
    if (id == out.semaphore || (has_pool && (id == out.jobs || id == out.results))) continue;
    bool in_stage = false;
    for (const auto& st : out.stages) in_stage = in_stage || st.out == id;
    if (!in_stage) out.other_channels.push_back(id);
  }
  return out;
}

const PoolLayout& LayoutCache::get(const FrameContext& ctx, const Model& model) {
  Key key{model.generation(), model.processed(), ctx.snapshot.events, ctx.snapshot.steps,
          ctx.snapshot.goroutines.size(), ctx.snapshot.channels.size(), ctx.lesson};
  if (!(key == key_)) {
    key_ = key;
    layout_ = derive_layout(ctx.lesson ? ctx.lesson->roles : Roles{}, model, ctx.snapshot);
  }
  return layout_;
}

}  // namespace poollab::gui::viz
