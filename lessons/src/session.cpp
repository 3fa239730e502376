// Session: compile once, run on a fresh Runtime per start / reset / step back.
#include "poollab/lessons/session.hpp"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <exception>

#include <sys/resource.h>
#include <unistd.h>
#include <thread>

#include "poollab/runtime/event_queue.hpp"

namespace poollab::lessons {

struct Session::Impl {
  std::string source, filename;
  SessionOptions options;
  golite::CompileResult compiled;

  // The queue must outlive the runtime that reports to it: declared first, destroyed last.
  std::unique_ptr<rt::EventQueue> queue;
  std::unique_ptr<rt::Runtime> runtime;

  mutable std::mutex out_mu;  // stdout arrives on goroutine threads
  std::string out;

  std::vector<rt::Event> history;
  std::vector<rt::Event> incoming;   // one drain's events, reused
  std::uint64_t dropped_before = 0;  // dropped by earlier runtimes of this session
  std::uint64_t not_kept = 0;        // arrived after history reached history_limit
  bool running = false;

  void stop() {
    if (runtime) {
      runtime->abort();
      runtime.reset();
    }
    if (queue) dropped_before += queue->dropped();
    queue.reset();
  }

  void launch(std::vector<rt::GoId> replay, bool run) {
    stop();
    history.clear();
    {
      std::lock_guard lk(out_mu);
      out.clear();
    }
    if (!compiled.ok()) return;
    rt::Config cfg;
    cfg.clock = options.clock;
    cfg.speed = options.speed;
    cfg.seed = options.seed;
    cfg.schedule = (options.stepping || options.serial) ? rt::Schedule::Serial : rt::Schedule::Free;
    cfg.auto_run = run;
    cfg.step_lines = options.step_lines;
    cfg.line_events = options.step_lines;
    cfg.replay = std::move(replay);
    cfg.source_file = filename;
    running = run;
    queue = std::make_unique<rt::EventQueue>(options.event_capacity);
    runtime = std::make_unique<rt::Runtime>(cfg);
    runtime->add_observer(queue.get());
    golite::RunOptions ro;
    ro.stdout_sink = [this](std::string_view text) {
      std::lock_guard lk(out_mu);
      out.append(text);
    };
    if (options.program_nice <= 0) {
      golite::start(*compiled.program, *runtime, std::move(ro));
      return;
    }
    // Threads inherit their creator's nice value: started from a niced thread,
    // the program's first goroutine and every goroutine it spawns run niced.
    std::exception_ptr failed;
    std::thread starter([&] {
      ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), options.program_nice);  // best effort
      try {
        golite::start(*compiled.program, *runtime, std::move(ro));
      } catch (...) {
        failed = std::current_exception();
      }
    });
    starter.join();
    if (failed) std::rethrow_exception(failed);
  }
};

Session::Session(std::string source, std::string filename, SessionOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->source = std::move(source);
  impl_->filename = std::move(filename);
  impl_->options = options;
  try {
    impl_->compiled = golite::compile(impl_->source, impl_->filename);
  } catch (const std::exception& e) {
    impl_->compiled = {};
    impl_->compiled.errors.push_back({impl_->filename, 0, 0, std::string("internal compiler error: ") + e.what()});
  }
}

Session::~Session() { impl_->stop(); }

const std::vector<golite::Diagnostic>& Session::compile_errors() const { return impl_->compiled.errors; }
bool Session::compiled() const { return impl_->compiled.ok(); }
const std::string& Session::source() const { return impl_->source; }
const SessionOptions& Session::options() const { return impl_->options; }
std::shared_ptr<const golite::Program> Session::program() const { return impl_->compiled.program; }

void Session::start() {
  if (!compiled() || impl_->runtime) return;
  impl_->launch({}, !impl_->options.stepping);
}

bool Session::started() const { return impl_->runtime != nullptr; }

void Session::set_running(bool running) {
  impl_->running = running;
  if (impl_->runtime && impl_->runtime->config().schedule == rt::Schedule::Serial) impl_->runtime->set_auto_run(running);
}

bool Session::running() const {
  if (!impl_->runtime) return false;
  if (impl_->runtime->finished()) return false;
  if (impl_->runtime->config().schedule == rt::Schedule::Free) return true;
  return impl_->runtime->auto_run();
}

bool Session::step(rt::GoId which) {
  if (!impl_->runtime || impl_->runtime->finished()) return false;
  return impl_->runtime->step(which);
}

bool Session::can_step_back() const { return impl_->runtime && !impl_->runtime->choices().empty(); }

void Session::step_back() {
  if (!can_step_back()) return;
  auto choices = impl_->runtime->choices();
  choices.pop_back();
  std::size_t target = choices.size();
  impl_->launch(std::move(choices), false);
  // Let the replay run to its end: it stops at the gate once every recorded choice is used.
  for (int i = 0; i < 200 && impl_->runtime && !impl_->runtime->finished(); ++i) {
    if (impl_->runtime->wait_quiescent(std::chrono::milliseconds(50)) && impl_->runtime->choices().size() >= target) break;
  }
}

void Session::reset() {
  if (!compiled()) return;
  bool was_started = started();
  impl_->stop();
  impl_->history.clear();
  {
    std::lock_guard lk(impl_->out_mu);
    impl_->out.clear();
  }
  if (was_started) impl_->launch({}, !impl_->options.stepping);
}

bool Session::wait_quiescent(int timeout_ms) {
  if (!impl_->runtime) return false;
  return impl_->runtime->wait_quiescent(std::chrono::milliseconds(timeout_ms));
}

std::optional<rt::Outcome> Session::wait(int timeout_ms) {
  if (!impl_->runtime) return std::nullopt;
  auto o = impl_->runtime->wait_for(std::chrono::milliseconds(timeout_ms));
  poll();
  return o;
}

void Session::poll() {
  Impl& m = *impl_;
  if (!m.queue) return;
  m.incoming.clear();
  if (m.history.size() >= m.options.history_limit) {  // full: count what arrives, copy nothing
    m.not_kept += m.queue->discard();
    return;
  }
  if (m.queue->drain(m.incoming) == 0) return;
  // Reserved once: growing a vector of millions of events mid-run would stall the frame.
  if (m.history.capacity() < m.options.history_limit) m.history.reserve(m.options.history_limit);
  const std::size_t room = m.options.history_limit - std::min(m.options.history_limit, m.history.size());
  const std::size_t keep = std::min(room, m.incoming.size());
  m.history.insert(m.history.end(), std::make_move_iterator(m.incoming.begin()),
                   std::make_move_iterator(m.incoming.begin() + static_cast<std::ptrdiff_t>(keep)));
  m.not_kept += m.incoming.size() - keep;
  m.incoming.clear();
}

const std::vector<rt::Event>& Session::history() const { return impl_->history; }

std::uint64_t Session::dropped_events() const {
  return impl_->dropped_before + impl_->not_kept + (impl_->queue ? impl_->queue->dropped() : 0);
}

bool Session::history_full() const { return impl_->history.size() >= impl_->options.history_limit; }

rt::Snapshot Session::snapshot() const { return impl_->runtime ? impl_->runtime->snapshot() : rt::Snapshot{}; }

std::string Session::stdout_text() const {
  std::lock_guard lk(impl_->out_mu);
  return impl_->out;
}

std::optional<rt::Outcome> Session::outcome() const {
  return impl_->runtime ? impl_->runtime->outcome() : std::nullopt;
}

std::uint64_t Session::steps() const { return impl_->runtime ? impl_->runtime->choices().size() : 0; }

rt::Runtime* Session::runtime() { return impl_->runtime.get(); }

}  // namespace poollab::lessons
