// The evaluator: control flow, calls, closures, defer/recover, failures and the public API.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "golite_test_util.hpp"

namespace golite = poollab::golite;
namespace rt = poollab::rt;
using poollab::test::main_with;
using poollab::test::run_go_source;
using poollab::test::run_ok;

TEST_CASE("eval: recursion, loops and switch" * doctest::timeout(30)) {
  std::string src = R"(package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	s := 0
	for i := 0; i < 1000; i++ {
		if i%2 == 0 {
			continue
		}
		s += i
	}
	fmt.Println(fib(20), s)
	switch x := s % 7; {
	case x > 3:
		fmt.Println("big")
	default:
		fmt.Println("small", x)
	}
}
)";
  CHECK(run_ok(src) == "6765 250000\nsmall 2\n");
}

TEST_CASE("eval: Go 1.22 per-iteration loop variables" * doctest::timeout(30)) {
  CHECK(run_ok(main_with(R"(var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, v := range []int{7, 8} {
		fs = append(fs, func() int { return v })
	}
	for _, f := range fs {
		fmt.Print(f())
	}
	fmt.Println())")) == "01278\n");
}

TEST_CASE("eval: defer runs LIFO and recover returns named results" * doctest::timeout(30)) {
  std::string src = R"(package main

import "fmt"

func safe() (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
			n = -1
		}
	}()
	defer fmt.Println("second defer runs first")
	var m map[int]int
	m[1] = 1
	return 5, nil
}

func main() {
	fmt.Println(safe())
	fmt.Println(recover())
}
)";
  CHECK(run_ok(src) == "second defer runs first\n-1 recovered: assignment to entry in nil map\n<nil>\n");
}

TEST_CASE("eval: panics end the program with Go's text, exit 2 and the line" * doctest::timeout(30)) {
  auto r = run_go_source(R"(package main

func main() {
	s := []int{1, 2, 3}
	i := 5
	_ = s[i]
}
)");
  CHECK(r.exit_code == 2);
  CHECK(r.outcome.kind == rt::OutcomeKind::Panic);
  CHECK(r.outcome.message == "panic: runtime error: index out of range [5] with length 3");
  CHECK(r.outcome.line == 6);
  CHECK(r.stderr_text.find("goroutine 1 [running]:") != std::string::npos);
  CHECK(r.stderr_text.find("main.go:6") != std::string::npos);

  auto nilp = run_go_source(main_with("var p *struct{ A int }\n\tfmt.Println(p.A)"));
  CHECK(nilp.outcome.message == "panic: runtime error: invalid memory address or nil pointer dereference");
  CHECK(nilp.stderr_text.find("[signal SIGSEGV") != std::string::npos);

  auto user = run_go_source(main_with("panic(fmt.Sprintf(\"bad %d\", 7))"));
  CHECK(user.outcome.message == "panic: bad 7");
  auto conv = run_go_source(main_with("var x any = 1\n\tfmt.Println(x.(string))"));
  CHECK(conv.outcome.message == "panic: interface conversion: interface {} is int, not string");
  auto div = run_go_source(main_with("a := 0\n\tfmt.Println(1 / a)"));
  CHECK(div.outcome.message == "panic: runtime error: integer divide by zero");
}

TEST_CASE("eval: deep recursion is Go's stack overflow, not a crash" * doctest::timeout(60)) {
  auto r = run_go_source(R"(package main

func down(n int) int { return down(n+1) + 1 }

func main() { down(0) }
)");
  CHECK(r.exit_code == 2);
  CHECK(r.outcome.message == "runtime: goroutine stack exceeds 1000000000-byte limit");
  CHECK(r.stderr_text.find("fatal error: stack overflow") != std::string::npos);
}

TEST_CASE("eval: os.Exit skips defers and sets the status" * doctest::timeout(30)) {
  auto r = run_go_source(main_with("defer fmt.Println(\"no\")\n\tfmt.Println(\"yes\")\n\tos.Exit(4)", "\t\"os\"\n"));
  CHECK(r.exit_code == 4);
  CHECK(r.outcome.kind == rt::OutcomeKind::Exit);
  CHECK(r.stdout_text == "yes\n");
}

TEST_CASE("eval: print and println write to stderr" * doctest::timeout(30)) {
  auto r = run_go_source(main_with("println(\"e\", 1, 2.5)\n\tfmt.Println(\"o\")"));
  CHECK(r.stdout_text == "o\n");
  CHECK(r.stderr_text == "e 1 +2.500000e+000\n");
}

TEST_CASE("eval: a program that does not compile never starts" * doctest::timeout(30)) {
  auto r = run_go_source("package main\n\nfunc main() {\n\tx := 1\n}\n");
  CHECK(r.exit_code == 1);
  REQUIRE(r.compile_errors.size() == 1);
  CHECK(r.compile_errors[0].str() == "main.go:4:2: declared and not used: x");
  CHECK(r.stdout_text.empty());
}

TEST_CASE("eval: constants() and functions() describe the program" * doctest::timeout(30)) {
  auto c = golite::compile(R"(package main

import "time"

const numWorkers = 3
const (
	delay = 500 * time.Millisecond
	name  = "pool"
)

type Pool struct{}

func (p *Pool) Submit() {}

func worker() {
}

func main() {
	time.Sleep(delay)
	worker()
}
)");
  REQUIRE(c.ok());
  auto consts = golite::constants(*c.program);
  REQUIRE(consts.size() == 3);
  CHECK(consts[0].name == "numWorkers");
  CHECK(consts[0].line == 5);
  CHECK(consts[0].value == "3");
  CHECK(consts[1].value == "500ms");
  CHECK(consts[2].value == "pool");
  auto funcs = golite::functions(*c.program);
  REQUIRE(funcs.size() == 3);
  CHECK(funcs[0].name == "Pool.Submit");
  CHECK(funcs[1].name == "worker");
  CHECK(funcs[1].first_line == 15);
  CHECK(funcs[1].last_line == 16);
  CHECK(funcs[2].name == "main");
}

TEST_CASE("eval: the sim package is deterministic per URL" * doctest::timeout(30)) {
  std::string src = R"(package main

import (
	"context"
	"fmt"
	"time"

	"poollab/sim"
)

func main() {
	start := time.Now()
	status, err := sim.Fetch(context.Background(), "https://a.example.test/1")
	fmt.Println(status, err, time.Since(start))
	sim.Configure(time.Millisecond, 2*time.Millisecond, 100)
	status, err = sim.Fetch(context.Background(), "https://a.example.test/1")
	fmt.Println(status, err)
}
)";
  // FNV-1a("https://a.example.test/1") % 1000 decides the latency, exactly as assets/sim/sim.go.
  std::string out = run_ok(src);
  CHECK(out.find("200 <nil> ") == 0);
  CHECK(out.find("503 sim: https://a.example.test/1: service unavailable\n") != std::string::npos);
}

TEST_CASE("eval: a range over a map starts at a random place, the same for the same seed" * doctest::timeout(60)) {
  const std::string source = R"(package main

import "fmt"

func main() {
	m := map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true}
	for range 3 {
		for k := range m {
			fmt.Print(k)
		}
		fmt.Println()
	}
}
)";
  std::set<std::string> orders;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    rt::Config cfg;
    cfg.seed = seed;
    golite::RunResult first = run_go_source(source, cfg);
    golite::RunResult again = run_go_source(source, cfg);
    REQUIRE(first.exit_code == 0);
    CHECK(first.stdout_text == again.stdout_text);  // reproducible
    std::istringstream lines(first.stdout_text);
    for (std::string line; std::getline(lines, line);) {
      std::string sorted = line;
      std::sort(sorted.begin(), sorted.end());
      CHECK(sorted == "123456");  // every key exactly once
      orders.insert(line);
    }
  }
  CHECK(orders.size() > 3);  // as in Go, programs must not rely on the order
}
