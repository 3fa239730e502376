// Exceptions through which Go's failures travel on a goroutine's own thread.
#pragma once

#include <any>
#include <stdexcept>
#include <string>
#include <vector>

namespace poollab::rt {

// One frame of a goroutine's call stack, as Go's traceback prints it:
//   main.worker(...)
//   	main.go:14
struct Frame {
  std::string function;  // "main.worker", "main.main.func1"
  int line = 0;          // listing line the frame is at
};

// A Go panic. `text` is exactly what Go prints after "panic: ", e.g.
// "send on closed channel" or "runtime error: index out of range [5] with length 3".
// `value` lets an interpreter carry the panic value for recover().
//   throw rt::Panic("close of closed channel");
struct Panic : std::exception {
  explicit Panic(std::string text_, std::any value_ = {});
  const char* what() const noexcept override { return text.c_str(); }
  std::string text;
  std::any value;
  std::vector<Frame> stack;  // innermost first, captured where the panic started
  bool recovered = false;    // set while a deferred call runs after recover()
};

// A fatal runtime error Go cannot recover from: "fatal error: <text>".
//   throw rt::Fatal("sync: unlock of unlocked mutex");
struct Fatal : std::exception {
  explicit Fatal(std::string text_, std::string first_line_ = {});
  const char* what() const noexcept override { return text.c_str(); }
  std::string text;        // "sync: unlock of unlocked mutex", "stack overflow"
  std::string first_line;  // Go's first stderr line when it differs ("runtime: goroutine stack exceeds ...")
  std::vector<Frame> stack;
};

// Thrown by rt::exit(code): os.Exit.
struct ExitRequest {
  int code = 0;
};

// Thrown inside a goroutine when its program is being torn down (outcome decided
// or abort()). Deliberately not a std::exception: ordinary catch handlers must not
// swallow it, and deferred calls do not run for it (the process is "gone").
struct Aborted {};

// Misuse of the runtime's C++ API (not a Go failure): a clear message instead of UB.
struct UsageError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace poollab::rt
