// fmt through golite: every expectation below is what Go 1.23 prints.
#include <doctest/doctest.h>

#include "golite_test_util.hpp"

using poollab::test::main_with;
using poollab::test::run_ok;

TEST_CASE("fmt: Println spacing and basic values" * doctest::timeout(30)) {
  CHECK(run_ok(main_with("fmt.Println(1, \"a\", 2.5, true, nil, 'x')")) == "1 a 2.5 true <nil> 120\n");
  CHECK(run_ok(main_with("fmt.Print(\"a\", 1, 2, \"b\", 3.0, \"c\", \"\\n\")")) == "a1 2b3c\n");
}

TEST_CASE("fmt: floats use Go's shortest %v" * doctest::timeout(30)) {
  CHECK(run_ok(main_with("fmt.Println(3.0, 1e6, 123456789.0, 0.0001, 0.00001, 1.0/3.0, float32(0.1))")) ==
        "3 1e+06 1.23456789e+08 0.0001 1e-05 0.3333333333333333 0.1\n");
}

TEST_CASE("fmt: width, precision and flags" * doctest::timeout(30)) {
  CHECK(run_ok(main_with(R"(fmt.Printf("[%5d][%-5d][%05d][%+d][%x][%X][%o][%b]\n", 42, 42, 42, 42, 255, 255, 8, 5))")) ==
        "[   42][42   ][00042][+42][ff][FF][10][101]\n");
  CHECK(run_ok(main_with(R"(fmt.Printf("[%s][%6s][%-6s][%q][%.2s]\n", "go", "go", "go", "go", "golang"))")) ==
        "[go][    go][go    ][\"go\"][go]\n");
  CHECK(run_ok(main_with(R"(fmt.Printf("[%.2f][%8.3f][%-8.1f][%.0f][%e]\n", 3.14159, 3.14159, 2.0, 2.5, 123456.789))")) ==
        "[3.14][   3.142][2.0     ][2][1.234568e+05]\n");
  CHECK(run_ok(main_with(R"(fmt.Printf("%6.2f%%|%5v|\n", 12.345, []int{1, 2}))")) == " 12.35%|[    1     2]|\n");
}

TEST_CASE("fmt: composite values" * doctest::timeout(30)) {
  std::string src = R"(package main

import "fmt"

type P struct {
	X, Y int
}

func main() {
	p := P{1, 2}
	fmt.Println(p, &p, []P{{3, 4}}, map[string]int{"b": 2, "a": 1}, [2]bool{true})
	fmt.Printf("%v %+v %T %T\n", p, p, p, &p)
	var np *P
	var e error
	fmt.Println(np, e, []string(nil), map[int]int(nil))
	fmt.Printf("%q %d %s\n", []string{"a", "b"}, []int{1, 2}, []string{"x"})
	fmt.Printf("%T %T %T\n", []any{1}, struct{ A int }{}, struct{}{})
}
)";
  CHECK(run_ok(src) ==
        "{1 2} &{1 2} [{3 4}] map[a:1 b:2] [true false]\n"
        "{1 2} {X:1 Y:2} main.P *main.P\n"
        "<nil> <nil> [] map[]\n"
        "[\"a\" \"b\"] [1 2] [x]\n"
        "[]interface {} struct { A int } struct {}\n");
}

TEST_CASE("fmt: bad verbs, missing and extra operands" * doctest::timeout(30)) {
  CHECK(run_ok(main_with(R"(fmt.Printf("%d %s %t\n", "str", 5, 1))")) == "%!d(string=str) %!s(int=5) %!t(int=1)\n");
  CHECK(run_ok(main_with(R"(fmt.Printf("%d|%d\n")
	fmt.Printf("%d\n", 1, "x"))")) == "%!d(MISSING)|%!d(MISSING)\n1\n%!(EXTRA string=x)");
}

TEST_CASE("fmt: errors, Stringers and durations" * doctest::timeout(30)) {
  std::string src = R"(package main

import (
	"errors"
	"fmt"
	"time"
)

type Level int

func (l Level) String() string { return "L" + fmt.Sprint(int(l)) }

func main() {
	err := fmt.Errorf("load %q: %w", "cfg", errors.New("missing"))
	fmt.Println(err, errors.Unwrap(err))
	fmt.Println(Level(3), []Level{1, 2})
	fmt.Println(1500*time.Millisecond, 500*time.Millisecond, 90*time.Second, time.Duration(0), 2*time.Microsecond)
}
)";
  CHECK(run_ok(src) == "load \"cfg\": missing missing\nL3 [L1 L2]\n1.5s 500ms 1m30s 0s 2µs\n");
}

TEST_CASE("fmt: Sprintf, Sprint, Sprintln and runes" * doctest::timeout(30)) {
  CHECK(run_ok(main_with(R"go(s := fmt.Sprintf("%03d-%c-%U", 7, 'G', 0x1F600)
	fmt.Println(s, len(fmt.Sprintln("a", 1)), fmt.Sprint("x", "y")))go")) == "007-G-U+1F600 4 xy\n");
}
