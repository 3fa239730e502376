// Helpers for the golite suites: run a Go source text and look at the result.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "poollab/golite/golite.hpp"

namespace poollab::test {

inline golite::RunResult run_go_source(const std::string& source, rt::Config cfg = {}) {
  cfg.clock = rt::ClockKind::Virtual;
  return golite::run(source, "main.go", cfg);
}

// Run a program that must complete; return its stdout.
inline std::string run_ok(const std::string& source) {
  golite::RunResult r = run_go_source(source);
  INFO("stderr: " << r.stderr_text);
  for (const auto& d : r.compile_errors) INFO(d.str());
  CHECK(r.compile_errors.empty());
  CHECK(r.exit_code == 0);
  return r.stdout_text;
}

// Wrap statements in `package main` with fmt imported and a main function.
inline std::string main_with(const std::string& body, const std::string& extra_imports = "") {
  return "package main\n\nimport (\n\t\"fmt\"\n" + extra_imports + ")\n\nfunc main() {\n" + body + "\n}\n";
}

}  // namespace poollab::test
