// golite: Go, interpreted, on the threaded runtime. The public face of core/golite.
//
//   auto compiled = golite::compile(source, "main.go");
//   if (!compiled.ok()) { for (auto& d : compiled.errors) std::cerr << d.str() << "\n"; }
//   rt::Runtime runtime({.clock = rt::ClockKind::Virtual, .seed = 1});
//   golite::RunOptions options;
//   options.stdout_sink = [](std::string_view text) { std::cout << text; };
//   golite::start(*compiled.program, runtime, options);
//   rt::Outcome outcome = runtime.wait();
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "poollab/runtime.hpp"

namespace poollab::golite {

// A compile error in Go's words: "main.go:12:5: declared and not used: x".
struct Diagnostic {
  std::string file;
  int line = 0;
  int col = 0;
  std::string message;
  std::string str() const;  // "file:line:col: message"
};

// A named top-level constant of the program (lesson parameters are these).
struct ConstantInfo {
  std::string name;
  int line = 0;
  std::string value;  // Go's formatting of its value ("3", "500ms")
};

// A function of the program, for layout roles and dumps.
struct FunctionInfo {
  std::string name;  // "worker", "main", "Pool.Submit"
  int first_line = 0;
  int last_line = 0;
};

class Program;  // compiled, immutable, shareable across runs and threads

struct CompileResult {
  std::shared_ptr<const Program> program;  // null when errors is not empty
  std::vector<Diagnostic> errors;           // Go's order: by position; at most 10 like `go build`
  bool ok() const { return program != nullptr; }
};

CompileResult compile(std::string_view source, std::string filename = "main.go");

std::vector<ConstantInfo> constants(const Program& program);
std::vector<FunctionInfo> functions(const Program& program);

struct RunOptions {
  // Receives everything the program prints to stdout (fmt.Print*, in order).
  // Called from goroutine threads, serialised by golite. Null = discard.
  std::function<void(std::string_view)> stdout_sink;
  // Receives what println/print write (Go sends them to stderr). Null = discard.
  std::function<void(std::string_view)> stderr_sink;
};

// Start `program` as goroutine 1 ("main.main") of `runtime`. The outcome is the
// runtime's (runtime.wait()); Go's failure text is in Outcome::text.
void start(const Program& program, rt::Runtime& runtime, RunOptions options = {});

// Convenience for tools and tests: compile, run to the end, collect stdout.
struct RunResult {
  std::vector<Diagnostic> compile_errors;  // non-empty => program never started
  rt::Outcome outcome;
  std::string stdout_text;
  std::string stderr_text;  // print/println output, then Go's failure text and dump
  int exit_code = 0;        // 0, 1 (compile error), 2 (panic/fatal), os.Exit's code
};
RunResult run(std::string_view source, const std::string& filename, const rt::Config& config);

}  // namespace poollab::golite
