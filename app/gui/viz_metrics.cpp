#include "gui/viz_metrics.hpp"

#include <algorithm>

namespace poollab::gui::viz {

Metrics compute_metrics(const Model& model, const PoolLayout& layout, rt::Nanos now) {
  Metrics m;
  m.seconds = static_cast<double>(now) / 1e9;

  // Per worker: utilisation and jobs handled.
  std::uint64_t job_marks = 0;
  bool marks = false;
  double sum = 0;
  for (rt::GoId id : layout.workers) {
    const Lane* lane = model.lane(id);
    if (!lane) continue;
    WorkerUse w;
    w.id = id;
    w.function = lane->function;
    w.busy = lane->busy(now);
    rt::Nanos alive = lane->alive(now);
    w.utilisation = alive > 0 ? std::clamp(static_cast<double>(w.busy) / static_cast<double>(alive), 0.0, 1.0) : 0.0;
    w.jobs = lane->jobs_done;
    if (!lane->marks_jobs && layout.jobs != 0) {
      if (const ChannelTrack* jobs = model.channel(layout.jobs)) {
        auto it = jobs->received.find(id);
        w.jobs = it == jobs->received.end() ? 0 : it->second;
      }
    }
    marks = marks || lane->marks_jobs;
    job_marks += lane->jobs_done;
    sum += w.utilisation;
    m.workers.push_back(std::move(w));
  }
  if (!m.workers.empty()) m.mean_utilisation = sum / static_cast<double>(m.workers.size());

  // Throughput: finished jobs when the program marks them, else results received, else jobs taken.
  const ChannelTrack* results = layout.results ? model.channel(layout.results) : nullptr;
  const ChannelTrack* jobs = layout.jobs ? model.channel(layout.jobs) : nullptr;
  if (marks) {
    m.completed = job_marks;
    m.completed_what = "jobs finished";
  } else if (results) {
    m.completed = results->recvs;
    m.completed_what = "results received";
  } else if (jobs) {
    m.completed = jobs->recvs;
    m.completed_what = "jobs taken";
  }
  if (m.seconds > 0) m.throughput = static_cast<double>(m.completed) / m.seconds;

  // Little's law on the buffer of the jobs channel (or the results channel if only it buffers).
  const ChannelTrack* q = jobs;
  if ((!q || q->buffered_in == 0) && results && results->buffered_in > 0) q = results;
  if (q) {
    m.queue = q->id;
    m.queue_now = q->length;
    if (now > 0) {
      m.arrival_rate = static_cast<double>(q->buffered_in) / m.seconds;
      m.measured_L = q->area(now) / static_cast<double>(now);
    }
    if (q->buffered_out > 0) m.mean_wait = q->wait_total / static_cast<double>(q->buffered_out) / 1e9;
    m.littles_L = m.arrival_rate * m.mean_wait;
  }
  return m;
}

void sample_depth(const ChannelTrack& c, rt::Nanos begin, rt::Nanos end, int samples, std::vector<float>& out) {
  out.assign(static_cast<std::size_t>(std::max(samples, 0)), 0.0f);
  if (samples <= 0 || c.depth.empty()) return;
  const auto& d = c.depth;
  for (int i = 0; i < samples; ++i) {
    double t = static_cast<double>(begin) +
               (samples == 1 ? 0.0 : static_cast<double>(end - begin) * i / (samples - 1));
    // Last change at or before t.
    auto it = std::upper_bound(d.begin(), d.end(), t,
                               [](double x, const std::pair<rt::Nanos, std::int32_t>& s) { return x < static_cast<double>(s.first); });
    out[static_cast<std::size_t>(i)] = it == d.begin() ? 0.0f : static_cast<float>((it - 1)->second);
  }
}

}  // namespace poollab::gui::viz
