// Checker: Go's compile errors word for word, and the annotations the
// evaluator relies on (types, constants, frame slots, captures).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend_support.hpp"
#include "test_support.hpp"
#include "poollab/golite/front_end.hpp"
#include "poollab/golite/stdlib_decls.hpp"

using namespace poollab::golite;
using poollab::test::diagnostics;
using poollab::test::in_main;

namespace {

struct Case {
  const char* name;
  const char* source;
  std::vector<std::string> expected;
};

// Each expectation was produced by `go build` (Go 1.23) on the same source;
// like go, golite stops after 10 errors (it leaves out go's "too many errors"
// line), and names the file as given ("main.go", where go build says "./main.go").
const std::vector<Case> kCheckerCases = {
    {"constbig",
     "package main\n\nimport \"fmt\"\n\nconst MaxU = 1<<64 - 1\n\nfunc main() {\n\tfmt.Println(1 << 63)\n\tx := 1 << 64\n\tvar y = 1 << 63\n\ta := uint64(1 << 64)\n\tb := uint8(256)\n\tc := int8(1.5)\n\td := int8(300.0)\n\tvar u uint64 = MaxU\n\tvar v int64 = -1 << 63\n\t_, _, _, _, _, _, _, _ = x, y, a, b, c, d, u, v\n}\n",
     {"8:14: cannot use 1 << 63 (untyped int constant 9223372036854775808) as int value in argument to fmt.Println (overflows)", "9:7: cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in assignment (overflows)", "10:10: cannot use 1 << 63 (untyped int constant 9223372036854775808) as int value in variable declaration (overflows)", "11:14: constant 18446744073709551616 overflows uint64", "12:13: constant 256 overflows uint8", "13:12: cannot convert 1.5 (untyped float constant) to type int8", "14:12: cannot convert 300.0 (untyped float constant 300) to type int8"}},
    {"args",
     "package main\n\nfunc f(a int, b string) {}\nfunc g(a int, b ...string) {}\n\nfunc main() {\n\tf(1)\n\tf(1, \"a\", 3)\n\tf()\n\tg()\n\tg(1, \"a\", 2)\n}\n",
     {"7:4: not enough arguments in call to f\n\thave (number)\n\twant (int, string)", "8:12: too many arguments in call to f\n\thave (number, string, number)\n\twant (int, string)", "9:2: not enough arguments in call to f\n\thave ()\n\twant (int, string)", "10:2: not enough arguments in call to g\n\thave ()\n\twant (int, ...string)", "11:12: cannot use 2 (untyped int constant) as string value in argument to g"}},
    {"assignmm",
     "package main\n\nfunc f() int { return 1 }\nfunc g() (int, int) { return 1, 2 }\n\nfunc main() {\n\ta, b := f()\n\tc := g()\n\tvar d, e int = 1\n\tvar f1 = g()\n\tx, y := 1, 2, 3\n\t_, _, _, _, _, _ = a, b, c, d, e, f1\n\t_, _ = x, y\n}\n",
     {"7:10: assignment mismatch: 2 variables but f returns 1 value", "8:7: assignment mismatch: 1 variable but g returns 2 values", "9:17: assignment mismatch: 2 variables but 1 value", "10:11: multiple-value g() (value of type (int, int)) in single-value context", "11:10: assignment mismatch: 2 variables but 3 values"}},
    {"cannotuse",
     "package main\n\nfunc f(s string) int { return 0 }\n\nfunc g() string {\n\tx := 1\n\treturn x\n}\n\nfunc main() {\n\tx := 1\n\tvar s string\n\ts = x\n\tf(x)\n\tch := make(chan string)\n\tch <- x\n\tvar y string = x\n\t_, _ = s, y\n\tg()\n}\n",
     {"7:9: cannot use x (variable of type int) as string value in return statement", "13:6: cannot use x (variable of type int) as string value in assignment", "14:4: cannot use x (variable of type int) as string value in argument to f", "16:8: cannot use x (variable of type int) as string value in send", "17:17: cannot use x (variable of type int) as string value in variable declaration"}},
    {"cmp",
     "package main\n\nfunc main() {\n\ta := 1\n\tb := \"s\"\n\tif a == b {\n\t}\n\t_ = 1 + \"s\"\n\t_ = a < 2.5\n\tvar f float64\n\t_ = a * f\n}\n",
     {"6:10: invalid operation: a == b (mismatched types int and string)", "8:6: invalid operation: 1 + \"s\" (mismatched types untyped int and untyped string)", "9:10: 2.5 (untyped float constant) truncated to int", "11:6: invalid operation: a * f (mismatched types int and float64)"}},
    {"cond",
     "package main\n\nfunc main() {\n\tx := 1\n\tif x {\n\t}\n\tfor x {\n\t}\n\tif \"s\" {\n\t}\n}\n",
     {"5:5: non-boolean condition in if statement", "7:6: non-boolean condition in for statement", "9:5: non-boolean condition in if statement"}},
    {"dirs",
     "package main\n\nfunc main() {\n\tvar r <-chan int\n\tvar s chan<- int\n\tr <- 1\n\t<-s\n\tx := <-s\n\t_ = x\n\tclose(r)\n\tfor v := range s {\n\t\t_ = v\n\t}\n}\n",
     {"6:2: invalid operation: cannot send to receive-only channel r (variable of type <-chan int)", "7:4: invalid operation: cannot receive from send-only channel s (variable of type chan<- int)", "8:9: invalid operation: cannot receive from send-only channel s (variable of type chan<- int)", "10:8: invalid operation: cannot close receive-only channel r (variable of type <-chan int)", "11:17: cannot range over s (variable of type chan<- int): receive from send-only channel"}},
    {"misc",
     "package main\n\nimport \"fmt\"\n\ntype T struct{ x int }\n\nfunc (t *T) M() {}\n\nfunc main() {\n\tvar t T\n\tt.foo = 1\n\tt.M()\n\tT{}.M()\n\tfmt.Foo()\n\tfmt.println()\n\tx := 1\n\tx()\n\tx + 1\n\tvar i interface{} = t\n\t_ = i.(type)\n\tgo func() {}\n\tdefer 1\n\tbreak\n\tvar m map[string]int\n\tm[\"a\"]++\n\t_ = append(x, 1)\n\ta := [3]int{}\n\t_ = a[5]\n\tfmt.Println(len(5))\nL:\n\tfor {\n\t}\n}\n",
     {"11:4: t.foo undefined (type T has no field or method foo)", "13:6: cannot call pointer method M on T", "14:6: undefined: fmt.Foo", "15:6: undefined: fmt.println", "17:2: invalid operation: cannot call non-function x (variable of type int)", "18:2: x + 1 (value of type int) is not used", "20:6: invalid syntax tree: use of .(type) outside type switch", "21:5: expression in go must be function call", "22:8: expression in defer must be function call", "23:2: break is not in a loop, switch, or select"}},
    {"misc2",
     "package main\n\nimport \"fmt\"\n\ntype I interface{ M() }\ntype T struct{}\n\nfunc (t *T) M() {}\n\nfunc f() (int, error) { return 0, nil }\n\nfunc main() {\n\tvar i I = T{}\n\t_ = i\n\tfmt.Println(f())\n\tvar s []int = nil\n\ts.x = 1\n\tvar n int = nil\n\t_ = n\n\ty := f()\n\t_ = y\n\tconst c = 10\n\tc = 5\n\tvar u uint8 = 256\n\t_ = u\n\tfor i := range 10 {\n\t\ti = \"a\"\n\t}\n\tselect {\n\tcase 1:\n\t}\n}\n",
     {"13:12: cannot use T{} (value of type T) as I value in variable declaration: T does not implement I (method M has pointer receiver)", "17:4: s.x undefined (type []int has no field or method x)", "18:14: cannot use nil as int value in variable declaration", "20:7: assignment mismatch: 1 variable but f returns 2 values", "23:2: cannot assign to c (neither addressable nor a map index expression)", "24:16: cannot use 256 (untyped int constant) as uint8 value in variable declaration (overflows)", "26:6: declared and not used: i", "27:7: cannot use \"a\" (untyped string constant) as int value in assignment", "30:7: select case must be send or receive (possibly with assignment)"}},
    {"mism",
     "package main\n\nfunc main() {\n\ta := 1\n\tb := \"s\"\n\t_ = a + b\n\t_ = a == b\n}\n",
     {"6:6: invalid operation: a + b (mismatched types int and string)", "7:11: invalid operation: a == b (mismatched types int and string)"}},
    {"nonew",
     "package main\n\nfunc main() {\n\tx := 1\n\tx := 2\n\ta, b := 1, 2\n\ta, b := 3, 4\n\t_, _, _ = x, a, b\n}\n",
     {"5:4: no new variables on left side of :=", "7:7: no new variables on left side of :="}},
    {"ret",
     "package main\n\nfunc f(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}\n\nfunc g() (int, error) {\n\treturn 1\n}\n\nfunc h() {\n\treturn 1\n}\n\nfunc k() int {\n\tfor {\n\t}\n}\n\nfunc main() {\n\tf(1); g(); h(); k()\n}\n",
     {"7:1: missing return", "10:9: not enough return values\n\thave (number)\n\twant (int, error)", "14:9: too many return values\n\thave (number)\n\twant ()"}},
    {"undef",
     "package main\n\nfunc main() {\n\tx := y + 1\n\t_ = x\n}\n",
     {"4:7: undefined: y"}},
    {"unused",
     "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n\t\"os\"\n)\n\nfunc main() {\n\tx := 1\n\tvar y int\n\tz, w := 1, 2\n\t_ = w\n}\n",
     {"4:2: \"fmt\" imported and not used", "5:2: \"strings\" imported and not used", "6:2: \"os\" imported and not used", "10:2: declared and not used: x", "11:6: declared and not used: y", "12:2: declared and not used: z"}},
    {"more-e1",
     "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc worker(id int, jobs <-chan int, results chan<- int, wg sync.WaitGroup) {\n\tdefer wg.Done()\n\tfor j := range jobs {\n\t\tresults <- j * 2\n\t}\n\tjobs <- 1\n\tv := <-results\n}\n\nfunc main() {\n\tjobs := make(chan int)\n\tresults := make(chan int)\n\tvar wg sync.WaitGroup\n\tgo worker(1, jobs, results, &wg)\n\tfmt.Println(\"x\")\n}\n",
     {"13:2: invalid operation: cannot send to receive-only channel jobs (variable of type <-chan int)", "14:2: declared and not used: v", "14:9: invalid operation: cannot receive from send-only channel results (variable of type chan<- int)", "21:30: cannot use &wg (value of type *sync.WaitGroup) as sync.WaitGroup value in argument to worker"}},
    {"more-e2",
     "package main\n\nimport \"fmt\"\n\ntype Job struct {\n\tID int\n}\n\nfunc (j Job) Describe() string { return fmt.Sprint(j.ID) }\n\nfunc main() {\n\tj := Job{ID: \"one\"}\n\tvar n int = j.Describe()\n\tj.Missing()\n\tfmt.Println(n + \"x\")\n\tvar p *Job\n\tp.ID = 2\n\ts := []int{1, 2}\n\ts.Len()\n\tm := map[string]int{}\n\tm[1] = 2\n\tfor i, v := range 5 {\n\t}\n\tfmt.Println(undefinedThing)\n\tvar e error = \"oops\"\n\t_ = e\n}\n",
     {"12:15: cannot use \"one\" (untyped string constant) as int value in struct literal", "13:14: cannot use j.Describe() (value of type string) as int value in variable declaration", "14:4: j.Missing undefined (type Job has no field or method Missing)", "15:14: invalid operation: n + \"x\" (mismatched types int and untyped string)", "19:4: s.Len undefined (type []int has no field or method Len)", "21:4: cannot use 1 (untyped int constant) as string value in map index", "22:6: declared and not used: i", "22:9: range over 5 (untyped int constant) permits only one iteration variable", "24:14: undefined: undefinedThing", "25:16: cannot use \"oops\" (constant of type string) as error value in variable declaration: string does not implement error (missing method Error)"}},
    {"more-e3",
     "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc f() (int, string) { return 1, \"a\" }\n\nfunc main() {\n\tvar d time.Duration = 5\n\tvar i int = d\n\tt := time.Second * 1.5\n\tx, y, z := f()\n\tfmt.Println(i, t, x, y, z)\n\tch := make(chan int)\n\tch <- \"s\"\n\tclose(5)\n\tif x := 1; x {\n\t}\n\tfor i := 0; i < \"3\"; i++ {\n\t}\n\tvar arr [2]int\n\tarr[2] = 1\n\t_ = arr\n\tgo fmt.Println\n\tdefer recover\n}\n",
     {"12:14: cannot use d (variable of type time.Duration) as int value in variable declaration", "13:21: 1.5 (untyped float constant) truncated to int64", "14:13: assignment mismatch: 3 variables but f returns 2 values", "17:8: cannot use \"s\" (untyped string constant) as int value in send", "18:8: invalid operation: cannot close non-channel 5 (untyped int constant)", "19:13: non-boolean condition in if statement", "21:18: invalid operation: i < \"3\" (mismatched types int and untyped string)", "24:6: invalid argument: index 2 out of bounds [0:2]", "26:5: expression in go must be function call", "27:8: expression in defer must be function call"}},
    {"more-e4",
     "package main\n\nfunc main() {\n\ta := 1\n\tb := 2\n\ta, b = b\n\tvar c int\n\tc, d := 1\n\tswitch a {\n\tcase \"x\":\n\tcase 1, 2:\n\t}\n\tswitch {\n\tcase a:\n\t}\n\tselect {\n\tdefault:\n\tdefault:\n\t}\n\treturn 5\n}\n",
     {"6:9: assignment mismatch: 2 variables but 1 value", "7:6: declared and not used: c", "8:5: declared and not used: d", "8:10: assignment mismatch: 2 variables but 1 value", "10:7: cannot convert \"x\" (untyped string constant) to type int", "14:7: invalid case a in switch on true (mismatched types int and bool)", "18:2: multiple defaults (first at main.go:17:2)", "20:9: too many return values\n\thave (number)\n\twant ()"}},
    {"more-e5",
     "package main\n\nimport \"fmt\"\n\ntype Shape interface {\n\tArea() float64\n\tPerimeter() float64\n}\n\ntype Sq struct{ s float64 }\n\nfunc (q Sq) Area() float64 { return q.s * q.s }\n\nfunc total(xs ...Shape) float64 { return 0 }\n\nfunc main() {\n\tvar s Shape = Sq{2}\n\tfmt.Println(total(Sq{1}), s)\n\tvar q Sq = s\n\t_ = q\n\tn := len(\"abc\", \"d\")\n\t_ = append()\n\t_ = make(int)\n\t_ = new(5)\n\tfmt.Println(n)\n}\n",
     {"17:16: cannot use Sq{…} (value of type Sq) as Shape value in variable declaration: Sq does not implement Shape (missing method Perimeter)", "18:20: cannot use Sq{…} (value of type Sq) as Shape value in argument to total: Sq does not implement Shape (missing method Perimeter)", "19:13: cannot use s (variable of type Shape) as Sq value in variable declaration", "21:7: invalid operation: too many arguments for len(\"abc\", \"d\") (expected 1, found 2)", "22:6: invalid operation: not enough arguments for append() (expected 1, found 0)", "23:11: invalid argument: cannot make int; type must be slice, map, or channel", "24:10: 5 is not a type"}},
};

std::unique_ptr<CheckedProgram> check_ok(std::string_view src) {
  std::vector<Diagnostic> errs;
  auto p = parse_and_check(src, "main.go", errs);
  for (auto& e : errs) MESSAGE(e.str());
  REQUIRE(errs.empty());
  REQUIRE(p);
  return p;
}

const FuncDecl* func(const CheckedProgram& p, const std::string& name) {
  for (const FuncDecl* f : p.funcs)
    if (f->name->name == name) return f;
  return nullptr;
}

}  // namespace

TEST_CASE("compile errors match go build" * doctest::timeout(20)) {
  for (const auto& c : kCheckerCases) {
    CAPTURE(c.name);
    CAPTURE(c.source);
    CHECK(diagnostics(c.source) == c.expected);
  }
}

TEST_CASE("single diagnostics in Go's words" * doctest::timeout(10)) {
  CHECK(diagnostics(in_main("\tx := 1\n\tx = \"s\"", "")) ==
        std::vector<std::string>{"5:2: declared and not used: x",
                                 "6:6: cannot use \"s\" (untyped string constant) as int value in assignment"});
  CHECK(diagnostics("package main\n\nimport \"strings\"\n\nfunc main() {}\n") ==
        std::vector<std::string>{"3:8: \"strings\" imported and not used"});
  CHECK(diagnostics("package main\n\nimport str \"strings\"\n\nfunc main() {}\n") ==
        std::vector<std::string>{"3:8: \"strings\" imported as str and not used"});
  CHECK(diagnostics(in_main("\tch := make(chan<- int)\n\tv := <-ch\n\t_ = v")) ==
        std::vector<std::string>{
            "6:9: invalid operation: cannot receive from send-only channel ch (variable of type chan<- int)"});
  CHECK(diagnostics(in_main("\tvar ch <-chan int\n\tch <- 1")) ==
        std::vector<std::string>{
            "6:2: invalid operation: cannot send to receive-only channel ch (variable of type <-chan int)"});
  CHECK(diagnostics("package main\n\nfunc f() int {\n\tfor i := 0; i < 3; i++ {\n\t\treturn i\n\t}\n}\n\nfunc main() { f() }\n") ==
        std::vector<std::string>{"7:1: missing return"});
  // terminating statements need no return after them
  CHECK(diagnostics("package main\n\nfunc f(x int) int {\n\tswitch {\n\tcase x > 0:\n\t\treturn 1\n\tdefault:\n\t\tpanic(\"no\")\n\t}\n}\n\n"
                    "func g() int {\n\tfor {\n\t}\n}\n\nfunc main() { f(1); g() }\n")
            .empty());
  CHECK(diagnostics(in_main("\tfor {\n\t\tbreak\n\t}\n\tcontinue")) ==
        std::vector<std::string>{"8:2: continue is not in a loop"});
  CHECK(diagnostics(in_main("\ttype Job struct{ ID int }\n\tj := Job{ID: 1, Name: \"x\"}\n\t_ = j")) ==
        std::vector<std::string>{"6:18: unknown field Name in struct literal of type Job"});
  CHECK(diagnostics(in_main("\tvar wg sync.WaitGroup\n\twg.Add(\"1\")\n\twg.Wait()", "import \"sync\"\n")) ==
        std::vector<std::string>{"7:9: cannot use \"1\" (untyped string constant) as int value in argument to wg.Add"});
  CHECK(diagnostics(in_main("\tx := y", "")) ==
        std::vector<std::string>{"5:2: declared and not used: x", "5:7: undefined: y"});
  // A package of Go's standard library golite lacks is told apart from one Go lacks too.
  CHECK(diagnostics("package main\n\nimport (\n\t\"bufio\"\n\t\"foo/bar\"\n)\n\nfunc main() {}\n") ==
        std::vector<std::string>{"4:2: package bufio is in Go's standard library but not in golite's subset",
                                 "5:2: package foo/bar is not in std"});
  // So is a member or method Go has but golite leaves out, from a name Go lacks too.
  CHECK(diagnostics(in_main("\tctx := context.WithoutCancel(context.Background())\n\t_ = ctx\n"
                            "\t_ = context.Nope\n\tvar sb strings.Builder\n\tsb.Grow(8)\n\tsb.Nope()",
                            "import (\n\t\"context\"\n\t\"strings\"\n)\n")) ==
        std::vector<std::string>{
            "9:17: context.WithoutCancel is in Go's standard library but not in golite's subset",
            "11:14: undefined: context.Nope",
            "13:5: sb.Grow undefined (strings.Builder.Grow is in Go's standard library but not in golite's subset)",
            "14:5: sb.Nope undefined (type strings.Builder has no field or method Nope)"});
}

TEST_CASE("constants: iota, untyped arithmetic, package constants" * doctest::timeout(10)) {
  auto p = check_ok(
      "package main\n\nimport \"time\"\n\n"
      "const (\n\tA = iota * 10\n\tB\n\tC\n)\n\n"
      "const jobDuration = 500 * time.Millisecond\n"
      "const ratio = 3 / 2.0\n"
      "const big = 1 << 40\n"
      "const name = \"pool\" + \"lab\"\n\n"
      "func main() {\n\t_ = jobDuration.Seconds()\n}\n");
  auto find = [&](const std::string& n) -> const Ident* {
    for (const Decl* d : p->file->decls) {
      if (d->kind != NodeKind::GenDecl) continue;
      for (auto& spec : static_cast<const GenDecl*>(d)->values)
        for (const Ident* id : spec.names)
          if (id->name == n) return id;
    }
    return nullptr;
  };
  REQUIRE(find("C"));
  REQUIRE(find("C")->cv);
  CHECK(find("C")->cv->i == 20);
  const Ident* jd = find("jobDuration");
  REQUIRE(jd->cv);
  CHECK(jd->cv->i == 500000000);
  CHECK(type_string(jd->type) == "time.Duration");
  CHECK(find("ratio")->cv->f == doctest::Approx(1.5));
  CHECK(find("big")->cv->i == (int64_t(1) << 40));
  CHECK(find("name")->cv->s == "poollab");
}

TEST_CASE("locals get frame slots; closures capture by index; loop variables are per iteration" * doctest::timeout(10)) {
  auto p = check_ok(
      "package main\n\nimport \"fmt\"\n\n"
      "func main() {\n"
      "\ttotal := 0\n"
      "\tfor i := 0; i < 3; i++ {\n"
      "\t\tfunc() {\n"
      "\t\t\tdefer func() { total += i }()\n"
      "\t\t}()\n"
      "\t}\n"
      "\tunused := 1\n"
      "\t_ = unused\n"
      "\tfmt.Println(total)\n"
      "}\n");
  const FuncDecl* m = func(*p, "main");
  REQUIRE(m);
  CHECK(m->info.go_name == "main.main");
  auto* total_def = static_cast<AssignStmt*>(m->body->stmts[0]);
  Var* total = total_def->new_vars[0];
  REQUIRE(total);
  CHECK(total->captured);
  CHECK_FALSE(total->per_iteration);
  auto* loop = static_cast<ForStmt*>(m->body->stmts[1]);
  REQUIRE(loop->loop_vars.size() == 1);
  Var* i = loop->loop_vars[0];
  CHECK(i->per_iteration);
  CHECK(i->captured);
  CHECK(i->index != total->index);
  CHECK(m->info.num_slots >= 3);
  // func() { defer func() { total += i }() }()
  auto* call = static_cast<CallExpr*>(static_cast<ExprStmt*>(loop->body->stmts[0])->x);
  auto* outer = static_cast<FuncLit*>(call->fun);
  CHECK(outer->info.go_name == "main.main.func1");
  REQUIRE(outer->info.captures.size() == 2);
  CHECK_FALSE(outer->info.captures[0].from_capture);  // from main's frame slots
  auto* inner_call = static_cast<DeferStmt*>(outer->body->stmts[0])->call;
  auto* inner = static_cast<FuncLit*>(inner_call->fun);
  CHECK(inner->info.go_name == "main.main.func1.1");
  REQUIRE(inner->info.captures.size() == 2);
  CHECK(inner->info.captures[0].from_capture);  // threaded through the outer closure
  CHECK(outer->info.has_defer);
  auto* assign = static_cast<AssignStmt*>(inner->body->stmts[0]);
  auto* lhs = static_cast<Ident*>(assign->lhs[0]);
  CHECK(lhs->ref == RefKind::Capture);
  CHECK(lhs->var == total);
}

TEST_CASE("calls resolve to stdlib members, methods and interfaces" * doctest::timeout(10)) {
  auto p = check_ok(
      "package main\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"sync\"\n)\n\n"
      "type Counter struct {\n\tsync.Mutex\n\tn int\n}\n\n"
      "func (c *Counter) Inc() { c.Lock(); c.n++; c.Unlock() }\n\n"
      "func main() {\n"
      "\tvar c Counter\n"
      "\tc.Inc()\n"
      "\tvar err error = errors.New(\"x\")\n"
      "\tfmt.Println(c.n, err.Error())\n"
      "}\n");
  const FuncDecl* inc = func(*p, "Inc");
  REQUIRE(inc);
  CHECK(inc->info.go_name == "main.(*Counter).Inc");
  auto* lock = static_cast<CallExpr*>(static_cast<ExprStmt*>(inc->body->stmts[0])->x);
  CHECK(lock->call_kind == CallKind::Stdlib);
  auto* lock_sel = static_cast<SelectorExpr*>(lock->fun);
  CHECK(lock_sel->sel_kind == SelKind::Method);
  CHECK(lock_sel->member == int(Member::sync_Mutex_Lock));
  CHECK(lock_sel->path == std::vector<int>{0});  // promoted through the embedded Mutex
  const FuncDecl* m = func(*p, "main");
  auto* c_inc = static_cast<CallExpr*>(static_cast<ExprStmt*>(m->body->stmts[1])->x);
  CHECK(c_inc->call_kind == CallKind::Method);
  CHECK(static_cast<SelectorExpr*>(c_inc->fun)->take_addr);
  auto* println = static_cast<CallExpr*>(static_cast<ExprStmt*>(m->body->stmts[3])->x);
  CHECK(println->call_kind == CallKind::Stdlib);
  CHECK(static_cast<SelectorExpr*>(println->fun)->member == int(Member::fmt_Println));
  auto* err_call = static_cast<CallExpr*>(println->args[1]);
  CHECK(err_call->call_kind == CallKind::Interface);
  // the local variable c has its address taken by the pointer-receiver call
  auto* decl = static_cast<DeclStmt*>(m->body->stmts[0]);
  CHECK(decl->decl->values[0].vars[0]->captured);
}

TEST_CASE("type_string prints types as Go does" * doctest::timeout(10)) {
  Universe& u = universe();
  CHECK(type_string(u.slice_of(u.int_type)) == "[]int");
  CHECK(type_string(u.map_of(u.string_type, u.int_type)) == "map[string]int");
  CHECK(type_string(u.chan_of(u.int_type, ChanDir::Send)) == "chan<- int");
  CHECK(type_string(u.chan_of(u.chan_of(u.int_type, ChanDir::Recv), ChanDir::Both)) == "chan (<-chan int)");
  CHECK(type_string(u.arena.func_of({u.int_type}, {u.string_type}, false)) == "func(int) string");
  CHECK(type_string(u.arena.func_of({u.slice_of(u.any_type)}, {}, true)) == "func(...any)");
  CHECK(type_string(u.error_type) == "error");
  CHECK(type_string(u.byte_type) == "byte");
  CHECK(identical(u.byte_type, u.uint8_type));
  auto p = check_ok("package main\n\ntype Job struct{ ID int }\n\nvar jobs []*Job\n\nfunc main() {}\n");
  REQUIRE(p->globals.size() == 1);
  CHECK(type_string(p->globals[0]->type) == "[]*main.Job");
  CHECK(type_string(p->globals[0]->type, "main") == "[]*Job");
}

TEST_CASE("every lesson listing checks cleanly" * doctest::timeout(30)) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(poollab::test::source_dir()) / "assets" / "lessons";
  if (!fs::exists(dir)) return;
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    fs::path main = entry.path() / "main.go";
    if (!fs::exists(main)) continue;
    std::ifstream in(main);
    std::stringstream ss;
    ss << in.rdbuf();
    CAPTURE(main.string());
    CHECK(diagnostics(ss.str()).empty());
    ++count;
  }
  MESSAGE(count << " lessons checked");
}
