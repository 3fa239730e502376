// Session: run to the end, step at the gate, step back (= replay of k-1 choices), reset.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "lesson_test_util.hpp"
#include "poollab/lessons/session.hpp"

using namespace poollab;

namespace {

const char* kProgram = R"(package main

import "fmt"

func main() {
	ch := make(chan int)
	done := make(chan bool)
	go func() {
		for i := 1; i <= 3; i++ {
			ch <- i
		}
		close(ch)
	}()
	go func() {
		for v := range ch {
			fmt.Println(v)
		}
		done <- true
	}()
	<-done
}
)";

// Everything a student sees after a step, in a comparable form.
std::string picture(lessons::Session& s) {
  s.poll();
  auto snap = s.snapshot();
  std::ostringstream out;
  out << "steps " << s.steps() << "\n";
  for (const auto& g : snap.goroutines)
    out << "g" << g.id << " " << rt::to_string(g.state) << " " << g.wait_reason << " line " << g.line << " op "
        << g.gate_op << "\n";
  for (const auto& c : snap.channels) {
    out << "ch" << c.id << " len " << c.buffer.size() << (c.closed ? " closed" : "") << " senders " << c.senders.size()
        << " receivers " << c.receivers.size() << "\n";
  }
  out << "at gate:";
  for (auto id : snap.at_gate) out << " " << id;
  out << "\nstdout: " << s.stdout_text();
  out << "events " << s.history().size() << "\n";
  return out.str();
}

bool settle(lessons::Session& s) { return s.wait_quiescent(10000); }

}  // namespace

TEST_CASE("a program that does not compile reports Go's diagnostics and never starts" * doctest::timeout(30)) {
  lessons::Session s("package main\n\nfunc main() {\n\tx := 1\n}\n", "main.go", {});
  CHECK_FALSE(s.compiled());
  REQUIRE_FALSE(s.compile_errors().empty());
  CHECK(s.compile_errors()[0].str() == "main.go:4:2: declared and not used: x");
  s.start();
  CHECK_FALSE(s.started());
  CHECK(s.runtime() == nullptr);
}

TEST_CASE("running to the end collects stdout and the event history" * doctest::timeout(30)) {
  lessons::Session s(kProgram, "main.go", {.clock = rt::ClockKind::Virtual});
  REQUIRE(s.compiled());
  s.start();
  auto o = s.wait(20000);
  REQUIRE(o);
  CHECK(o->kind == rt::OutcomeKind::Completed);
  CHECK(s.stdout_text() == "1\n2\n3\n");
  s.poll();
  REQUIRE_FALSE(s.history().empty());
  CHECK(s.history().front().kind == rt::EventKind::GoStart);
  CHECK(s.history().back().kind == rt::EventKind::Outcome);
  for (std::size_t i = 1; i < s.history().size(); ++i) CHECK(s.history()[i].seq > s.history()[i - 1].seq);
  CHECK(s.dropped_events() == 0);
}

TEST_CASE("stepping releases one goroutine at a time; step back equals a replay of k-1 steps" * doctest::timeout(60)) {
  lessons::Session s(kProgram, "main.go", {.seed = 3, .stepping = true});
  REQUIRE(s.compiled());
  s.start();
  REQUIRE(settle(s));
  CHECK_FALSE(s.running());
  std::vector<std::string> pictures{picture(s)};
  const int k = 8;
  for (int i = 0; i < k; ++i) {
    REQUIRE(s.step());
    REQUIRE(settle(s));
    pictures.push_back(picture(s));
    CHECK(s.steps() == static_cast<std::uint64_t>(i + 1));
  }
  CHECK(pictures[k] != pictures[0]);
  auto choices = s.runtime()->choices();
  REQUIRE(choices.size() == static_cast<std::size_t>(k));

  REQUIRE(s.can_step_back());
  s.step_back();
  REQUIRE(settle(s));
  CHECK(s.steps() == static_cast<std::uint64_t>(k - 1));
  CHECK(picture(s) == pictures[k - 1]);
  auto replayed = s.runtime()->choices();
  CHECK(replayed == std::vector<rt::GoId>(choices.begin(), choices.end() - 1));

  // Stepping forward again the same way lands on the same picture.
  REQUIRE(s.step(choices.back()));
  REQUIRE(settle(s));
  CHECK(picture(s) == pictures[k]);

  // Two steps back in a row.
  s.step_back();
  s.step_back();
  REQUIRE(settle(s));
  CHECK(picture(s) == pictures[k - 2]);
}

TEST_CASE("reset starts the same program afresh; run finishes a stepped program" * doctest::timeout(60)) {
  lessons::Session s(kProgram, "main.go", {.stepping = true});
  s.start();
  REQUIRE(settle(s));
  std::string start = picture(s);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(s.step());
    REQUIRE(settle(s));
  }
  CHECK(s.steps() == 5);
  s.reset();
  REQUIRE(settle(s));
  CHECK(s.steps() == 0);
  CHECK(s.stdout_text().empty());
  CHECK(picture(s) == start);

  s.set_running(true);
  auto o = s.wait(20000);
  REQUIRE(o);
  CHECK(o->kind == rt::OutcomeKind::Completed);
  CHECK(s.stdout_text() == "1\n2\n3\n");
  CHECK_FALSE(s.step());  // nothing left to step
}

TEST_CASE("a stepped deadlock is reported with Go's words" * doctest::timeout(60)) {
  const char* prog = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n";
  lessons::Session s(prog, "main.go", {.stepping = true});
  s.start();
  for (int i = 0; i < 20 && !s.outcome(); ++i) {
    if (!settle(s)) break;
    s.step();
  }
  auto o = s.wait(10000);
  REQUIRE(o);
  CHECK(o->kind == rt::OutcomeKind::Deadlock);
  CHECK(o->message == "fatal error: all goroutines are asleep - deadlock!");
}

TEST_CASE("the history keeps at most history_limit events and counts the rest as dropped" * doctest::timeout(60)) {
  const char* busy = R"(package main

func main() {
	ch := make(chan int, 4)
	go func() {
		for i := 0; i < 500; i++ {
			ch <- i
		}
		close(ch)
	}()
	for range ch {
	}
}
)";
  // Serial: the same seed gives the same events, so the two runs can be compared.
  lessons::Session whole(busy, "main.go", {.serial = true});
  whole.start();
  REQUIRE(whole.wait(30000).has_value());
  const std::size_t all = whole.history().size() + whole.dropped_events();
  REQUIRE(all > 1000);
  CHECK_FALSE(whole.history_full());

  lessons::Session capped(busy, "main.go", {.serial = true, .history_limit = 300});
  capped.start();
  REQUIRE(capped.wait(30000).has_value());
  capped.poll();
  CHECK(capped.history().size() == 300);
  CHECK(capped.history_full());
  CHECK(capped.history().size() + capped.dropped_events() == all);  // every event is kept or counted
  for (std::size_t i = 1; i < capped.history().size(); ++i)  // the first ones, in order
    CHECK(capped.history()[i].seq == capped.history()[i - 1].seq + 1);
}

namespace {
// Nice values of this process's threads, from /proc/self/task/*/stat (field 19).
std::vector<int> thread_nice_values() {
  std::vector<int> out;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream in(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto after_name = stat.rfind(')');
    if (after_name == std::string::npos) continue;
    std::istringstream fields(stat.substr(after_name + 2));  // field 3 onwards
    std::string f;
    for (int i = 3; i <= 19 && fields >> f; ++i)
      if (i == 19) out.push_back(std::stoi(f));
  }
  return out;
}
}  // namespace

TEST_CASE("program_nice runs the program's threads niced and leaves the caller's alone" * doctest::timeout(60)) {
  const int before = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  lessons::Session s(kProgram, "main.go", {.stepping = true, .program_nice = 7});
  s.start();
  REQUIRE(s.wait_quiescent(10000));  // goroutine 1 waits at the gate on its own thread
  auto nices = thread_nice_values();
  CHECK(std::count(nices.begin(), nices.end(), std::min(19, before + 7)) >= 1);
  CHECK(::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())) == before);
  s.set_running(true);
  auto o = s.wait(20000);
  REQUIRE(o);
  CHECK(o->kind == rt::OutcomeKind::Completed);
  CHECK(s.stdout_text() == "1\n2\n3\n");
}
