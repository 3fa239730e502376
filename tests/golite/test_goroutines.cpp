// Goroutines of golite programs are goroutines of the threaded runtime.
#include <doctest/doctest.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "golite_test_util.hpp"
#include "test_support.hpp"

namespace golite = poollab::golite;
namespace rt = poollab::rt;
using poollab::test::run_go_source;
using poollab::test::run_ok;

TEST_CASE("goroutines: channels, select and WaitGroup" * doctest::timeout(60)) {
  std::string src = R"(package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	jobs := make(chan int, 4)
	results := make(chan int, 4)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				time.Sleep(500 * time.Millisecond)
				results <- j * 10
			}
		}()
	}
	start := time.Now()
	for j := 1; j <= 6; j++ {
		jobs <- j
	}
	close(jobs)
	go func() { wg.Wait(); close(results) }()
	sum := 0
	for r := range results {
		sum += r
	}
	timeout := time.After(time.Second)
	select {
	case <-timeout:
		fmt.Println("timeout")
	}
	fmt.Println(sum, time.Since(start))
}
)";
  // Virtual clock: 6 jobs of 500 ms on 3 workers take exactly 1 s, then the 1 s timeout.
  CHECK(run_ok(src) == "timeout\n210 2s\n");
}

TEST_CASE("goroutines: a deadlock names the listing lines in the dump" * doctest::timeout(60)) {
  auto r = run_go_source(R"(package main

func worker(jobs chan int) {
	for j := range jobs {
		_ = j
	}
}

func main() {
	jobs := make(chan int)
	go worker(jobs)
	jobs <- 1
	done := make(chan bool)
	<-done
}
)");
  CHECK(r.exit_code == 2);
  CHECK(r.outcome.kind == rt::OutcomeKind::Deadlock);
  CHECK(r.outcome.message == "fatal error: all goroutines are asleep - deadlock!");
  CHECK(r.stderr_text.find("goroutine 1 [chan receive]:") != std::string::npos);
  CHECK(r.stderr_text.find("main.main()\n\tmain.go:14") != std::string::npos);
  CHECK(r.stderr_text.find("main.worker(...)\n\tmain.go:4") != std::string::npos);
  CHECK(r.stderr_text.find("created by main.main in goroutine 1\n\tmain.go:11") != std::string::npos);
}

TEST_CASE("goroutines: WaitGroup passed by value is a copy, as in Go" * doctest::timeout(60)) {
  auto r = run_go_source(R"(package main

import "sync"

func worker(wg sync.WaitGroup) {
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(wg)
	wg.Wait()
}
)");
  CHECK(r.outcome.kind == rt::OutcomeKind::Deadlock);
  CHECK(r.stderr_text.find("[sync.WaitGroup.Wait]") != std::string::npos);
}

TEST_CASE("goroutines: thousands of goroutines, and a clear error beyond the limit" * doctest::timeout(300)) {
  int n = poollab::test::scaled(10000) - 1;  // plus main: the runtime's default limit of 10,000
  std::string src = R"(package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	release := make(chan struct{})
	for i := 0; i < N; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-release
			mu.Lock()
			total++
			mu.Unlock()
		}()
	}
	close(release)
	wg.Wait()
	fmt.Println(total)
}
)";
  std::string prog = src;
  prog.replace(prog.find("N;"), 1, std::to_string(n));
  rt::Config cfg;
  cfg.stack_bytes = 256u << 10;
  auto compiled = golite::compile(prog);
  REQUIRE(compiled.ok());
  {
    rt::Runtime runtime(cfg);
    std::string out;
    std::mutex mu;
    golite::RunOptions opts;
    opts.stdout_sink = [&](std::string_view s) {
      std::lock_guard lk(mu);
      out += s;
    };
    golite::start(*compiled.program, runtime, opts);
    auto outcome = runtime.wait();
    CHECK(outcome.kind == rt::OutcomeKind::Completed);
    CHECK(out == std::to_string(n) + "\n");
  }
  rt::Config small;
  small.max_goroutines = 50;
  auto r = golite::run(prog, "main.go", small);
  CHECK(r.exit_code == 2);
  CHECK(r.outcome.message.find("too many goroutines") != std::string::npos);
}

namespace {
struct Recorder : rt::Observer {
  std::mutex mu;
  std::vector<rt::Event> events;
  void on_event(const rt::Event& e) override {
    std::lock_guard lk(mu);
    events.push_back(e);
  }
};
}  // namespace

TEST_CASE("goroutines: events carry Go-formatted values and listing lines" * doctest::timeout(60)) {
  auto compiled = golite::compile(R"(package main

type Job struct {
	ID   int
	Name string
}

func main() {
	ch := make(chan Job, 1)
	ch <- Job{7, "seven"}
	<-ch
}
)");
  REQUIRE(compiled.ok());
  rt::Config cfg;
  cfg.line_events = true;
  rt::Runtime runtime(cfg);
  Recorder rec;
  runtime.add_observer(&rec);
  golite::start(*compiled.program, runtime);
  auto outcome = runtime.wait();
  runtime.remove_observer(&rec);
  CHECK(outcome.kind == rt::OutcomeKind::Completed);
  bool saw_send = false, saw_line = false;
  for (const auto& e : rec.events) {
    if (e.kind == rt::EventKind::SendDone) {
      saw_send = true;
      CHECK(e.value == "{7 seven}");
      CHECK(e.line == 10);
    }
    if (e.kind == rt::EventKind::Line && e.line == 11) saw_line = true;
  }
  CHECK(saw_send);
  CHECK(saw_line);
}

TEST_CASE("goroutines: the gate steps per source line" * doctest::timeout(60)) {
  auto compiled = golite::compile(R"(package main

import "fmt"

func main() {
	a := 1
	b := a + 1
	fmt.Println(a, b)
}
)");
  REQUIRE(compiled.ok());
  rt::Config cfg;
  cfg.schedule = rt::Schedule::Serial;
  cfg.auto_run = false;
  cfg.step_lines = true;
  rt::Runtime runtime(cfg);
  golite::start(*compiled.program, runtime);
  std::vector<int> lines;
  for (int i = 0; i < 50 && !runtime.finished(); ++i) {
    if (!runtime.wait_quiescent(std::chrono::seconds(10))) break;
    auto snap = runtime.snapshot();
    if (snap.outcome) break;
    for (const auto& g : snap.goroutines)
      if (g.id == 1 && (lines.empty() || lines.back() != g.line)) lines.push_back(g.line);
    runtime.step();
  }
  auto outcome = runtime.wait();
  CHECK(outcome.kind == rt::OutcomeKind::Completed);
  CHECK(std::find(lines.begin(), lines.end(), 6) != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), 7) != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), 8) != lines.end());
}

TEST_CASE("goroutines: channels are named after the variable or struct field that first holds them" *
          doctest::timeout(30)) {
  const char* src = R"(package main

type pool struct {
	tasks   chan int
	results chan int
}

func main() {
	jobs := make(chan int, 1)
	p := &pool{tasks: make(chan int, 2), results: jobs}
	q := pool{tasks: make(chan int)}
	p.tasks <- 1
	<-p.tasks
	_ = q
}
)";
  auto compiled = golite::compile(src);
  REQUIRE(compiled.ok());
  rt::Runtime runtime;
  golite::start(*compiled.program, runtime);
  REQUIRE(runtime.wait().kind == rt::OutcomeKind::Completed);
  std::vector<std::string> names;
  for (const auto& [id, name] : runtime.snapshot().gone_channel_names) names.push_back(name);
  for (const auto& c : runtime.snapshot().channels) names.push_back(c.name);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"jobs", "tasks", "tasks"});  // results keeps its first name, jobs
}
