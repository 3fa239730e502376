// golite's front end: source text -> checked, annotated syntax tree.
//
//   std::vector<Diagnostic> errors;
//   auto checked = parse_and_check(source, "main.go", errors);
//   if (!errors.empty()) { /* print d.str() for each; checked is unusable */ }
//   const FuncDecl* entry = checked->main;
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "poollab/golite/ast.hpp"
#include "poollab/golite/golite.hpp"
#include "poollab/golite/types.hpp"

namespace poollab::golite {

// One package-level `var` to initialise, in Go's initialisation order.
struct GlobalInit {
  const ValueSpec* spec = nullptr;  // lhs = spec->vars (nullptr entries for `_`)
  // Either one value per var (values.size() == vars.size()), or one
  // multi-value expression for several vars, or none (zero values).
};

struct CheckedProgram {
  std::unique_ptr<File> file;        // the main package's syntax tree (owns its nodes)
  std::unique_ptr<TypeArena> types;  // the program's named and struct types
  std::vector<Var*> globals;         // Var::index is the position here
  std::vector<GlobalInit> global_inits;  // in initialisation order
  std::vector<const FuncDecl*> funcs;    // every top-level func and method, in source order
  const FuncDecl* main = nullptr;        // func main()
  std::vector<const FuncDecl*> inits;    // func init(), in source order
  std::vector<std::string> imports;      // import paths, in source order
};

// Lex, parse and check `source`. Diagnostics are appended to `errors` sorted by
// position, at most 10 like `go build` (only syntax errors when parsing fails,
// as go reports). Returns null when there are errors.
std::unique_ptr<CheckedProgram> parse_and_check(std::string_view source, const std::string& filename,
                                                std::vector<Diagnostic>& errors);

// Only lex and parse. Returns null after a syntax error; after only lexical
// errors (which go still type-checks past) the tree is returned too.
std::unique_ptr<File> parse_file(std::string_view source, const std::string& filename,
                                 std::vector<Diagnostic>& errors);

// Nesting deeper than this (blocks, expressions, types) is reported as
// "too deeply nested" instead of exhausting the stack.
inline constexpr int kMaxNesting = 500;

}  // namespace poollab::golite
