// abort() stops any golite program promptly and leaves no thread behind.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "golite_test_util.hpp"
#include "test_support.hpp"

namespace golite = poollab::golite;
namespace rt = poollab::rt;

namespace {

// Start `source`, let it run until it is surely busy, abort, and time the abort.
void check_abort_stops(const std::string& source, rt::Config cfg = {}) {
  auto compiled = golite::compile(source);
  REQUIRE(compiled.ok());
  int before = poollab::test::count_threads();
  auto started = std::chrono::steady_clock::now();
  {
    rt::Runtime runtime(cfg);
    golite::start(*compiled.program, runtime);
    CHECK_FALSE(runtime.wait_for(std::chrono::milliseconds(200)).has_value());  // still running
    auto t0 = std::chrono::steady_clock::now();
    runtime.abort();
    auto outcome = runtime.wait();
    auto took = std::chrono::steady_clock::now() - t0;
    CHECK(outcome.kind == rt::OutcomeKind::Aborted);
    CHECK(took < std::chrono::seconds(5));
  }
  CHECK(poollab::test::count_threads_settled(before) == before);
  (void)started;
}

}  // namespace

TEST_CASE("abort: an empty infinite loop" * doctest::timeout(60)) {
  check_abort_stops("package main\n\nfunc main() {\n\tfor {\n\t}\n}\n");
}

TEST_CASE("abort: busy goroutines and a blocked main" * doctest::timeout(60)) {
  check_abort_stops(R"(package main

func spin(n int) int {
	for {
		n++
	}
}

func main() {
	for i := 0; i < 4; i++ {
		go spin(i)
	}
	select {}
}
)");
}

TEST_CASE("abort: deep recursion" * doctest::timeout(60)) {
  rt::Config cfg;
  cfg.stack_bytes = 512u << 20;  // so the recursion is still running when we abort
  // Sanitizer builds keep golite's recursion within their bounded call stacks: recurse less deep there.
  std::string source = R"(package main

func down(n int) int {
	if n > DEPTH {
		return 0
	}
	return down(n+1) + 1
}

func main() {
	for {
		down(0)
	}
}
)";
  source.replace(source.find("DEPTH"), 5, poollab::test::under_sanitizer() ? "300" : "100000");
  check_abort_stops(source, cfg);
}
