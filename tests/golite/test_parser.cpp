// Parser: the syntax tree's shape, Go's composite-literal rule in statement
// headers, and syntax errors exactly as `go build` reports them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "frontend_support.hpp"
#include "poollab/golite/front_end.hpp"

using namespace poollab::golite;
using poollab::test::diagnostics;

namespace {

std::unique_ptr<File> parse(std::string_view src, std::vector<Diagnostic>* errs = nullptr) {
  std::vector<Diagnostic> local;
  return parse_file(src, "main.go", errs ? *errs : local);
}

const FuncDecl* func(const File& f, const std::string& name) {
  for (const Decl* d : f.decls)
    if (d->kind == NodeKind::FuncDecl && static_cast<const FuncDecl*>(d)->name->name == name)
      return static_cast<const FuncDecl*>(d);
  return nullptr;
}

struct Case {
  const char* name;
  const char* source;
  std::vector<std::string> expected;  // "line:col: message", as go build prints them (file name stripped)
};

// Each expectation was produced by `go build` (Go 1.23) on the same source.
const std::vector<Case> kSyntaxCases = {
    {"a",
     "package main\n\nfunc main() {\n\tx := \n}\n",
     {"5:1: syntax error: unexpected }, expected expression"}},
    {"b",
     "package main\n\nfunc main() {\n\tif x := 3 {\n\t}\n}\n",
     {"4:7: syntax error: cannot use x := 3 as value"}},
    {"c",
     "package main\n\nfunc main() {\n\tfoo(1,\n}\n",
     {"5:1: syntax error: unexpected }, expected expression"}},
    {"d",
     "package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tprintln(i)\n\t}\n",
     {"7:1: syntax error: unexpected EOF, expected }"}},
    {"e",
     "package main\n\nfunc main() {\n\tx := []int{1, 2\n\t}\n}\n",
     {"4:17: syntax error: unexpected newline in composite literal; possibly missing comma or }"}},
    {"f",
     "package main\n\nfunc main()\n{\n}\n",
     {"4:1: syntax error: unexpected semicolon or newline before {"}},
    {"g",
     "package main\n\nx := 1\n",
     {"3:1: syntax error: non-declaration statement outside function body"}},
    {"h",
     "package main\n\nfunc main() {\n\tif x == 1 \n\t{\n\t}\n}\n",
     {"4:12: syntax error: unexpected newline, expected { after if clause"}},
    {"i",
     "package main\n\nfunc main() {\n\tvar x int = \n}\n",
     {"5:1: syntax error: unexpected }, expected expression"}},
    {"j",
     "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\"\n}\n",
     {"6:18: syntax error: unexpected newline in argument list; possibly missing comma or )"}},
    {"k",
     "package main\n\nfunc main() {\n\tx := 'ab'\n\ty := \"abc\n}\n",
     {"4:2: declared and not used: x", "4:7: more than one character in rune literal", "5:2: declared and not used: y", "5:11: newline in string"}},
    {"l",
     "package main\n\nfunc main() {\n\tgo func() {\n\t}\n}\n",
     {"4:5: expression in go must be function call"}},
    {"m",
     "package main\n\nfunc main() {\n\tswitch x {\n\tcase 1\n\t}\n}\n",
     {"5:8: syntax error: unexpected newline, expected :"}},
    {"n",
     "package main\n\nfunc main() {\n\tfor x := range T{} {\n\t}\n}\n",
     {"4:21: syntax error: unexpected { at end of statement", "6:1: syntax error: non-declaration statement outside function body"}},
    {"o",
     "main\n",
     {"1:1: expected 'package', found main"}},
    {"p",
     "package main\n\nfunc main() {\n\tselect {\n\tcase x:\n\tfoo\n\t}\n}\n",
     {"5:7: select case must be send or receive (possibly with assignment)"}},
    {"q",
     "package main\n\nfunc f(a int, b) {}\n",
     {"3:15: syntax error: mixed named and unnamed parameters"}},
    {"r",
     "package main\n\nfunc main() {\n\tx = 1 +* 2\n}\n",
     {"4:2: undefined: x", "4:11: invalid operation: cannot indirect 2 (untyped int constant)"}},
    {"s",
     "package main\n\nfunc main() {\n\tif x = 1 { }\n}\n",
     {"4:7: syntax error: cannot use assignment x = 1 as value"}},
    {"t",
     "package main\n\nfunc main() {\n\ta[1:2:] = 3\n}\n",
     {"4:2: undefined: a", "4:8: final index required in 3-index slice"}},
    {"u",
     "package main\n\ntype T struct {\n\tx int,\n\ty int\n}\n",
     {"4:7: syntax error: unexpected comma in struct type; possibly missing semicolon or newline or }"}},
    {"v",
     "package main\n\nfunc main() {\n\tx := 0x\n\ty := 1__0\n\tz := 09\n}\n",
     {"4:2: declared and not used: x", "4:9: hexadecimal literal has no digits", "5:2: declared and not used: y", "5:9: '_' must separate successive digits", "6:2: declared and not used: z", "6:8: invalid digit '9' in octal literal"}},
    {"w",
     "package main\n\nfunc main() {\n\t/* unterminated\n}\n",
     {"4:2: comment not terminated"}},
    {"x",
     "package main\n\nfunc main() {\n\tdefer (f())\n\tgo f\n}\n",
     {"4:8: expression in defer must not be parenthesized", "4:9: undefined: f", "5:5: expression in go must be function call", "5:5: undefined: f"}},
    {"y",
     "package main\n\nfunc main() {\n\tvar c <-chan <-chan int\n\tfor { } else {}\n}\n",
     {"5:10: syntax error: unexpected else at end of statement", "6:1: syntax error: non-declaration statement outside function body"}},
    {"z",
     "package main\nfunc main() { for i := 0; i < 10; i := i + 1 {} }\n",
     {"2:37: syntax error: cannot declare in post statement of for loop"}},
};

}  // namespace

TEST_CASE("syntax errors match go build" * doctest::timeout(20)) {
  for (const auto& c : kSyntaxCases) {
    CAPTURE(c.name);
    CAPTURE(c.source);
    CHECK(diagnostics(c.source) == c.expected);
  }
}

TEST_CASE("a program parses into declarations with positions" * doctest::timeout(10)) {
  const char* src =
      "package main\n"
      "\n"
      "import (\n"
      "\t\"fmt\"\n"
      "\t\"time\"\n"
      ")\n"
      "\n"
      "const numWorkers = 3\n"
      "\n"
      "type Job struct {\n"
      "\tID   int\n"
      "\tName string\n"
      "}\n"
      "\n"
      "func (j *Job) Run(d time.Duration) (int, error) { return j.ID, nil }\n"
      "\n"
      "func main() {\n"
      "\tjobs := make(chan Job, numWorkers)\n"
      "\tgo func() { jobs <- Job{ID: 1} }()\n"
      "\tfmt.Println(<-jobs)\n"
      "}\n";
  std::vector<Diagnostic> errs;
  auto f = parse(src, &errs);
  REQUIRE(errs.empty());
  REQUIRE(f);
  CHECK(f->package_name->name == "main");
  REQUIRE(f->imports.size() == 1);
  REQUIRE(f->imports[0]->specs.size() == 2);
  CHECK(f->imports[0]->specs[1].path == "time");
  CHECK(f->imports[0]->specs[1].pos.line == 5);
  const FuncDecl* run = func(*f, "Run");
  REQUIRE(run);
  REQUIRE(run->recv);
  CHECK(run->recv->type->kind == NodeKind::StarExpr);
  CHECK(run->sig->params.size() == 1);
  CHECK(run->sig->results.size() == 2);
  CHECK(run->pos.line == 15);
  const FuncDecl* m = func(*f, "main");
  REQUIRE(m);
  REQUIRE(m->body->stmts.size() == 3);
  CHECK(m->last_line == 21);
  auto* define = m->body->stmts[0];
  REQUIRE(define->kind == NodeKind::AssignStmt);
  CHECK(static_cast<AssignStmt*>(define)->op == Op::Define);
  CHECK(define->pos.line == 18);
  CHECK(define->pos.col == 2);
  REQUIRE(m->body->stmts[1]->kind == NodeKind::GoStmt);
  auto* go = static_cast<GoStmt*>(m->body->stmts[1]);
  CHECK(go->call->fun->kind == NodeKind::FuncLit);
  auto* lit = static_cast<FuncLit*>(go->call->fun);
  REQUIRE(lit->body->stmts.size() == 1);
  auto* send = lit->body->stmts[0];
  REQUIRE(send->kind == NodeKind::SendStmt);
  CHECK(static_cast<SendStmt*>(send)->value->kind == NodeKind::CompositeLit);
}

TEST_CASE("statement forms: for, range, switch, type switch, select, labels" * doctest::timeout(10)) {
  const char* src =
      "package main\n"
      "func main() {\n"
      "outer:\n"
      "\tfor i := 0; i < 3; i++ {\n"
      "\t\tfor range 3 { continue outer }\n"
      "\t}\n"
      "\tfor k, v := range map[string]int{} { _, _ = k, v }\n"
      "\tswitch x := 1; { case x > 0: fallthrough\n default: }\n"
      "\tvar a any\n"
      "\tswitch v := a.(type) { case int, string: _ = v }\n"
      "\tch := make(chan int)\n"
      "\tselect { case v, ok := <-ch: _, _ = v, ok\n case ch <- 1:\n default: }\n"
      "}\n";
  std::vector<Diagnostic> errs;
  auto f = parse(src, &errs);
  REQUIRE(errs.empty());
  const FuncDecl* m = func(*f, "main");
  REQUIRE(m);
  auto& s = m->body->stmts;
  REQUIRE(s.size() == 7);
  CHECK(s[0]->kind == NodeKind::LabeledStmt);
  CHECK(static_cast<LabeledStmt*>(s[0])->stmt->kind == NodeKind::ForStmt);
  REQUIRE(s[1]->kind == NodeKind::RangeStmt);
  CHECK(static_cast<RangeStmt*>(s[1])->tok == Op::Define);
  CHECK(s[2]->kind == NodeKind::SwitchStmt);
  CHECK(static_cast<SwitchStmt*>(s[2])->tag == nullptr);
  REQUIRE(s[4]->kind == NodeKind::TypeSwitchStmt);
  CHECK(static_cast<TypeSwitchStmt*>(s[4])->bind->name == "v");
  CHECK(static_cast<TypeSwitchStmt*>(s[4])->clauses[0]->list.size() == 2);
  REQUIRE(s[6]->kind == NodeKind::SelectStmt);
  auto* sel = static_cast<SelectStmt*>(s[6]);
  REQUIRE(sel->clauses.size() == 3);
  CHECK(sel->clauses[0]->comm->kind == NodeKind::AssignStmt);
  CHECK(sel->clauses[1]->comm->kind == NodeKind::SendStmt);
  CHECK(sel->clauses[2]->comm == nullptr);
}

TEST_CASE("composite literals in statement headers need parentheses" * doctest::timeout(10)) {
  // `for _, x := range T{} {` reads `T` as the range expression and `{}` as the body
  auto bad = diagnostics("package main\ntype T []int\nfunc main() {\n\tfor _, x := range T{1} {\n\t\t_ = x\n\t}\n}\n");
  REQUIRE(!bad.empty());
  CHECK(bad[0].find("syntax error") != std::string::npos);
  // parenthesised, or inside a call, it is a literal
  CHECK(diagnostics("package main\ntype T []int\nfunc main() {\n\tfor _, x := range (T{1}) {\n\t\t_ = x\n\t}\n"
                    "\tif len(T{1}) > 0 {\n\t}\n\tfor _, x := range []int{1} {\n\t\t_ = x\n\t}\n}\n")
            .empty());
}

TEST_CASE("deep nesting is an error, not a stack overflow" * doctest::timeout(20)) {
  for (int depth : {1000, 100000}) {
    CAPTURE(depth);
    std::string parens = "package main\nvar x = " + std::string(depth, '(') + "1" + std::string(depth, ')') + "\n";
    auto d = diagnostics(parens);
    REQUIRE(!d.empty());
    CHECK(d[0].find("too deeply nested") != std::string::npos);
    std::string blocks = "package main\nfunc main() " + std::string(depth, '{') + std::string(depth, '}') + "\n";
    d = diagnostics(blocks);
    REQUIRE(!d.empty());
    CHECK(d[0].find("too deeply nested") != std::string::npos);
    std::string chain = "package main\nvar y = 1";
    for (int i = 0; i < depth; ++i) chain += "+1";
    d = diagnostics(chain + "\n");
    REQUIRE(!d.empty());
    CHECK(d[0].find("too deeply nested") != std::string::npos);
    std::string unary = "package main\nvar z = " + std::string(depth, '^') + "1\n";
    d = diagnostics(unary);
    REQUIRE(!d.empty());
    CHECK(d[0].find("too deeply nested") != std::string::npos);
    std::string types = "package main\nvar t ";
    for (int i = 0; i < depth; ++i) types += "[]";
    d = diagnostics(types + "int\n");
    REQUIRE(!d.empty());
    CHECK(d[0].find("too deeply nested") != std::string::npos);
  }
  // moderate nesting is fine
  CHECK(diagnostics("package main\nvar x = " + std::string(50, '(') + "1" + std::string(50, ')') + "\nfunc main() {}\n")
            .empty());
}

// Generics are outside the subset: one clear error per declaration with type parameters,
// and none of the "undefined: T" that checking the declaration would add. Array types
// whose length starts with a name still parse as arrays.
TEST_CASE("type parameters get one clear error; array lengths that start with a name still parse" *
          doctest::timeout(10)) {
  const std::string unsupported =
      "type parameters (generics) are not supported by golite: write the function or type for one concrete type";
  CHECK(diagnostics("package main\n\n"
                    "type Stack[T any] struct{ items []T }\n\n"
                    "type Pair[K comparable, V interface{ ~int }] struct{ k K; v V }\n\n"
                    "func Map[T, U any](xs []T, f func(T) U) []U { return nil }\n\n"
                    "func main() {}\n") ==
        std::vector<std::string>{"3:11: " + unsupported, "5:10: " + unsupported, "7:9: " + unsupported});
  CHECK(diagnostics("package main\n\nconst N = 3\n\ntype Grid [N * 2]int\ntype Row [N]int\n\n"
                    "func main() {\n\tvar g Grid\n\tvar r Row\n\t_, _ = g, r\n}\n")
            .empty());
}
