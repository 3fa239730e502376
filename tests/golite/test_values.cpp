// Value representation: scalars inline, counted heap objects, Go's copy semantics.
#include <doctest/doctest.h>

#include <type_traits>

#include "golite_test_util.hpp"
#include "poollab/golite/value.hpp"

namespace golite = poollab::golite;
using golite::Value;
using poollab::test::run_ok;

TEST_CASE("values: 16 bytes, scalars without heap objects" * doctest::timeout(10)) {
  static_assert(sizeof(Value) == 16);
  auto& u = golite::universe();
  Value i = Value::of_int(u.int_type, 42);
  Value f = Value::of_float(u.float64_type, 2.5);
  Value b = Value::of_bool(u.bool_type, true);
  CHECK_FALSE(i.heap());
  CHECK_FALSE(f.heap());
  CHECK_FALSE(b.heap());
  CHECK(i.type() == u.int_type);
  CHECK(i.i == 42);
  CHECK(f.f == 2.5);
  Value copy = i;
  CHECK(golite::values_equal(copy, i));
  CHECK_FALSE(golite::values_equal(i, Value::of_int(u.int64_type, 42)));  // different dynamic types
  CHECK(Value().is_nil_iface());
}

TEST_CASE("values: strings are shared, counted and compared by content" * doctest::timeout(10)) {
  auto& u = golite::universe();
  Value s = Value::of_string(u.string_type, "hello");
  REQUIRE(s.heap());
  CHECK(s.o->refs.load() == 1);
  {
    Value t = s;
    CHECK(s.o->refs.load() == 2);
    CHECK(golite::str(t) == "hello");
  }
  CHECK(s.o->refs.load() == 1);
  CHECK(golite::values_equal(s, Value::of_string(u.string_type, "hello")));
  CHECK(golite::str(Value::of_string(u.string_type, "")) == "");
  CHECK(golite::ValueHash()(s) == golite::ValueHash()(Value::of_string(u.string_type, "hello")));
}

TEST_CASE("values: copy_value clones structs and arrays, assign_value keeps storage" * doctest::timeout(10)) {
  auto& u = golite::universe();
  golite::TypeArena arena;
  golite::Type* st = arena.make(golite::Kind::Struct);
  st->fields.push_back({"A", u.int_type, false});
  st->fields.push_back({"B", u.array_of(u.int_type, 2), false});
  Value a = golite::zero_value(st);
  REQUIRE(a.agg());
  auto* agg = static_cast<golite::AggObj*>(a.o);
  agg->v[0].i = 7;
  Value b = golite::copy_value(a);
  CHECK(b.o != a.o);
  CHECK(golite::values_equal(a, b));
  static_cast<golite::AggObj*>(static_cast<golite::AggObj*>(b.o)->v[1].o)->v[0].i = 9;  // nested array cloned
  CHECK_FALSE(golite::values_equal(a, b));
  golite::Obj* storage = a.o;
  golite::assign_value(a, b);
  CHECK(a.o == storage);  // pointers into a stay valid
  CHECK(golite::values_equal(a, b));
}

TEST_CASE("values: maps hash Values; Describe shows them as Go prints" * doctest::timeout(10)) {
  auto& u = golite::universe();
  golite::MapObj m;
  m.m[Value::of_string(u.string_type, "k")] = Value::of_int(u.int_type, 1);
  m.m[Value::of_int(u.int_type, 1)] = Value::of_int(u.int_type, 2);
  CHECK(m.m.size() == 2);
  CHECK(m.m.count(Value::of_string(u.string_type, "k")) == 1);
  CHECK(poollab::rt::Describe<Value>::str(Value::of_float(u.float64_type, 0.5)) == "0.5");
  CHECK(poollab::rt::Describe<Value>::str(Value()) == "<nil>");
}

TEST_CASE("values: Go semantics of slices, arrays, structs and maps through the evaluator" * doctest::timeout(30)) {
  std::string src = R"(package main

import "fmt"

type S struct {
	N int
	A [2]int
}

func main() {
	base := make([]int, 3, 10)
	x := append(base, 1)
	y := append(base, 2)
	fmt.Println(x[3], y[3], len(base))
	full := []int{1, 2, 3}
	z := append(full, 4)
	z[0] = 100
	fmt.Println(full[0], cap(z))
	a := S{N: 1}
	b := a
	b.A[0] = 5
	p := &a
	a = S{N: 2}
	fmt.Println(a, b, p.N)
	m := map[string]S{"k": {N: 3}}
	v := m["k"]
	v.N = 4
	fmt.Println(m["k"].N)
}
)";
  CHECK(run_ok(src) == "2 2 3\n1 6\n{2 [0 0]} {1 [5 0]} 2\n3\n");
}
