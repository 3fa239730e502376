// Helpers for the front-end suites: compile a source and list its diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "poollab/golite/front_end.hpp"

namespace poollab::test {

// "line:col: message" for each diagnostic of `source` (as main.go), in order.
inline std::vector<std::string> diagnostics(std::string_view source) {
  std::vector<golite::Diagnostic> errors;
  auto program = golite::parse_and_check(source, "main.go", errors);
  std::vector<std::string> out;
  for (const auto& d : errors) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  return out;
}

// Wraps statements in a main function after `prelude` (imports, declarations).
inline std::string in_main(std::string_view body, std::string_view prelude = "") {
  return "package main\n\n" + std::string(prelude) + "\nfunc main() {\n" + std::string(body) + "\n}\n";
}

}  // namespace poollab::test
