// Reference cycles: counting alone keeps them alive; the end of a run frees them.
#include <doctest/doctest.h>

#include <memory>

#include "golite_test_util.hpp"
#include "poollab/golite/value.hpp"

namespace golite = poollab::golite;
using golite::Value;
using poollab::test::run_ok;

namespace {

// A closure that captures the box holding it: the shape of `var f func(); f = func() { f() }`.
// Its native part holds `token`, so the test can see when the closure dies.
void make_closure_cycle(const std::shared_ptr<int>& token) {
  const auto* t = golite::universe().int_type;  // the dynamic type plays no part here
  auto* box = new golite::BoxObj();
  auto* fn = new golite::FuncObj();
  fn->native = [token](std::vector<Value>&, std::vector<Value>&) {};
  golite::obj_retain(box);
  fn->captures.push_back(Value::of_obj(t, box));
  box->v = Value::of_obj(t, fn);
  golite::obj_release(box);  // only the cycle holds them now
}

}  // namespace

TEST_CASE("cycles: a closure cycle outlives its last outside reference until the run's heap is torn down" *
          doctest::timeout(10)) {
  auto token = std::make_shared<int>(7);
  std::weak_ptr<int> watch = token;
  golite::ObjHeap heap;
  {
    golite::ObjHeap::Scope scope(&heap);
    make_closure_cycle(token);
  }
  token.reset();
  CHECK_FALSE(watch.expired());  // counting alone cannot free a cycle
  heap.teardown();
  CHECK(watch.expired());
}

TEST_CASE("cycles: objects made outside any run's scope are not tracked" * doctest::timeout(10)) {
  golite::ObjHeap heap;
  auto* box = new golite::BoxObj();
  CHECK(box->heap.load() == nullptr);
  heap.teardown();
  golite::obj_release(box);
}

TEST_CASE("cycles: an object still held from outside survives teardown, emptied and detached" *
          doctest::timeout(10)) {
  const auto* t = golite::universe().int_type;
  Value held;
  {
    golite::ObjHeap heap;
    {
      golite::ObjHeap::Scope scope(&heap);
      held = Value::of_obj(t, new golite::BoxObj(Value::of_string(golite::universe().string_type, "x")));
    }
    CHECK(held.o->heap.load() == &heap);
  }  // ~ObjHeap tears down
  auto* box = static_cast<golite::BoxObj*>(held.o);
  CHECK(box->heap.load() == nullptr);
  CHECK_FALSE(box->v.heap());  // its string was released
}  // releasing `held` now must not touch the destroyed heap (ASan would report it)

TEST_CASE("cycles: programs that build cycles of every kind run and end cleanly" * doctest::timeout(60)) {
  // Under AddressSanitizer, any cycle left behind is reported as a leak.
  const std::string source = R"(package main

import (
	"errors"
	"fmt"
	"time"
)

type node struct {
	prev, next *node
	v          int
}

type registry struct {
	byName map[string]*registry
	onDone func()
}

func main() {
	var countdown func(n int) int
	countdown = func(n int) int {
		if n == 0 {
			return 0
		}
		return 1 + countdown(n-1)
	}
	fmt.Println(countdown(5))

	a := &node{v: 1}
	b := &node{v: 2, prev: a}
	a.next = b
	b.next = a
	fmt.Println(a.next.next.v)

	r := &registry{byName: map[string]*registry{}}
	r.byName["self"] = r
	r.onDone = func() { fmt.Println(len(r.byName)) }
	r.onDone()

	loop := make(chan chan int, 1)
	inner := make(chan int, 1)
	inner <- 3
	loop <- inner
	fmt.Println(len(loop), len(inner))

	type holder struct{ ch chan any }
	h := holder{ch: make(chan any, 1)}
	h.ch <- h
	fmt.Println(len(h.ch))

	xs := []any{nil}
	xs[0] = xs
	fmt.Println(len(xs))

	var t *time.Timer
	t = time.AfterFunc(time.Hour, func() { t.Stop() })

	base := errors.New("base")
	wrapped := fmt.Errorf("wrapped: %w", base)
	fmt.Println(errors.Is(wrapped, base))
}
)";
  for (int i = 0; i < 20; ++i) CHECK(run_ok(source) == "5\n1\n1\n1 1\n1\n1\ntrue\n");
}
