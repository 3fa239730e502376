// The front end never crashes or hangs, whatever the input: a mutation corpus
// (deletions, duplications, swaps, truncations, token insertions) built from
// valid programs is run through lexer, parser and checker.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "frontend_support.hpp"
#include "poollab/golite/front_end.hpp"
#include "test_support.hpp"

using namespace poollab::golite;

namespace {

const char* kSeeds[] = {
    R"(package main

import (
	"fmt"
	"sync"
	"time"
)

const numWorkers = 3

type Job struct {
	ID   int
	Cost time.Duration
}

func worker(id int, jobs <-chan Job, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		time.Sleep(j.Cost)
		results <- fmt.Sprintf("worker %d did job %d", id, j.ID)
	}
}

func main() {
	jobs := make(chan Job, 8)
	results := make(chan string, 8)
	var wg sync.WaitGroup
	for w := 1; w <= numWorkers; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for i := range 8 {
		jobs <- Job{ID: i, Cost: 10 * time.Millisecond}
	}
	close(jobs)
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		fmt.Println(r)
	}
}
)",
    R"(package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Shape interface {
	Area() float64
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

var ErrEmpty = errors.New("empty")

func total(shapes ...Shape) (sum float64, err error) {
	if len(shapes) == 0 {
		return 0, ErrEmpty
	}
	for _, s := range shapes {
		switch v := s.(type) {
		case Rect:
			sum += v.Area()
		default:
			panic("unknown")
		}
	}
	return
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := map[string]int{"b": 2, "a": 1}
	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(strings.Join(keys, ","), ctx.Err() == nil)
	s, err := total(Rect{2, 3}, Rect{W: 1, H: 1})
	if err != nil && !errors.Is(err, ErrEmpty) {
		return
	}
	select {
	case <-ctx.Done():
	default:
		fmt.Printf("%.1f\n", s)
	}
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 1 {
				continue outer
			}
			if i == 2 {
				break outer
			}
		}
	}
	const (
		a = iota
		b
	)
	x := [...]int{a, b, 'c', 0x1F, 1_000}
	fmt.Println(x[1:3], len(x), min(a, b), max(1.5, 2))
}
)",
};

std::vector<std::string> seeds() {
  std::vector<std::string> out(std::begin(kSeeds), std::end(kSeeds));
  namespace fs = std::filesystem;
  fs::path dir = fs::path(poollab::test::source_dir()) / "assets" / "lessons";
  if (fs::exists(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      fs::path main = entry.path() / "main.go";
      if (!fs::exists(main) || out.size() >= 20) continue;
      std::ifstream in(main);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
  }
  return out;
}

const char* kTokens[] = {"{", "}", "(", ")", "[", "]", ";", ",", ":=", "=", "<-", "...", "func", "go", "chan",
                         "select", "case", "default:", "for", "range", "return", "x", "nil", "1", "\"s\"", "'c'",
                         "`", "\"", "'", "/*", "//", ".", "*", "&", "type", "struct{", "interface{", "map[", "\n"};

std::string mutate(const std::string& src, std::mt19937& rng) {
  std::string s = src;
  int edits = 1 + int(rng() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    size_t a = rng() % s.size();
    size_t len = 1 + rng() % std::min<size_t>(40, s.size() - a);
    switch (rng() % 6) {
      case 0: s.erase(a, len); break;                      // deletion
      case 1: s.insert(a, s.substr(a, len)); break;        // duplication
      case 2: {                                            // swap two ranges
        size_t b = rng() % s.size();
        size_t l2 = std::min(len, s.size() - std::max(a, b));
        if (l2 > 0 && (a + l2 <= b || b + l2 <= a)) {
          std::string x = s.substr(a, l2), y = s.substr(b, l2);
          s.replace(a, l2, y);
          s.replace(b, l2, x);
        }
        break;
      }
      case 3: s.resize(a); break;                          // truncation
      case 4: s.insert(a, kTokens[rng() % std::size(kTokens)]); break;  // token insertion
      default: s[a] = char(rng() % 256); break;            // byte flip
    }
  }
  return s;
}

}  // namespace

TEST_CASE("mutated programs never crash or hang the front end" * doctest::timeout(60)) {
  auto corpus = seeds();
  REQUIRE(corpus.size() >= 2);
  // every seed itself is valid
  for (const auto& s : corpus) CHECK(poollab::test::diagnostics(s).empty());
  std::mt19937 rng(20261122);
  const int iterations = poollab::test::scaled(4000);
  int rejected = 0;
  double slowest = 0;
  for (int i = 0; i < iterations; ++i) {
    std::string input = mutate(corpus[size_t(i) % corpus.size()], rng);
    auto start = std::chrono::steady_clock::now();
    std::vector<Diagnostic> errors;
    auto program = parse_and_check(input, "main.go", errors);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    slowest = std::max(slowest, secs);
    if (secs > 1.0) {
      CAPTURE(input);
      FAIL("front end took " << secs << " s");
    }
    // either a program or diagnostics, never both, never neither
    CHECK((program == nullptr) == !errors.empty());
    CHECK(errors.size() <= 10);
    for (const auto& d : errors) {
      CHECK(d.file == "main.go");
      CHECK(!d.message.empty());
    }
    rejected += program == nullptr;
  }
  MESSAGE(iterations << " mutants, " << rejected << " rejected, slowest " << slowest << " s");
  CHECK(rejected > iterations / 2);  // the mutations really break programs
}

TEST_CASE("degenerate inputs get clear errors" * doctest::timeout(20)) {
  using poollab::test::diagnostics;
  CHECK(diagnostics("") == std::vector<std::string>{"1:1: expected 'package', found EOF"});
  CHECK(diagnostics("package") == std::vector<std::string>{"1:8: syntax error: unexpected EOF, expected name"});
  CHECK(diagnostics("package main") == std::vector<std::string>{});  // like go build: no main is a link error
  CHECK(!diagnostics(std::string("package main\x00\x01\xff", 15)).empty());
  CHECK(!diagnostics(std::string(100000, '{')).empty());
  CHECK(!diagnostics("package main\nfunc main() {" + std::string(100000, '"')).empty());
  CHECK(!diagnostics("package main\nvar s = []int{" + std::string(200000, ',') + "}").empty());
}
