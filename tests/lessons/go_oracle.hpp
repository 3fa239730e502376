// Running a listing through the real Go toolchain (the judge of what Go does),
// as scripts/check_lessons_go.sh does: build in a scratch module with the sim
// package, run with a timeout, classify the outcome from the exit status and
// the first line of stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace poollab::test {

struct GoRun {
  std::string outcome;  // completed | deadlock | panic | fatal | exit | timeout | compile_error
  std::string message;  // first non-empty stderr line (empty when completed)
  int exit_code = 0;
  std::string stdout_text, stderr_text;
};

inline bool go_available() { return !go_binary().empty() && std::filesystem::exists(go_binary()); }

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline GoRun go_run(const std::string& source, int timeout_seconds = 60) {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "poollab-go-XXXXXX").string();
  fs::path dir = ::mkdtemp(tmpl.data());
  std::ofstream(dir / "go.mod") << "module poollab\n\ngo 1.23\n";
  std::ofstream(dir / "main.go") << source;
  fs::path sim = fs::path(source_dir()) / "assets/sim/sim.go";
  if (fs::exists(sim)) {
    fs::create_directories(dir / "sim");
    fs::copy_file(sim, dir / "sim" / "sim.go");
  }
  std::string env = "GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod ";
  std::string d = "'" + dir.string() + "'";
  GoRun r;
  int b = std::system(("cd " + d + " && " + env + go_binary() + " build -o prog . > build.txt 2>&1").c_str());
  if (b != 0) {
    r.outcome = "compile_error";
    r.exit_code = 1;
    r.stderr_text = slurp(dir / "build.txt");
  } else {
    int st = std::system(("cd " + d + " && timeout " + std::to_string(timeout_seconds) +
                          " ./prog > out.txt 2> err.txt").c_str());
    r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
    r.stdout_text = slurp(dir / "out.txt");
    r.stderr_text = slurp(dir / "err.txt");
    std::istringstream err(r.stderr_text);
    std::string line;
    while (std::getline(err, line))
      if (line.find_first_not_of(" \t\r") != std::string::npos) break;
    if (r.exit_code == 124) r.outcome = "timeout";
    else if (r.exit_code == 0) r.outcome = "completed";
    else if (line.rfind("fatal error: all goroutines are asleep", 0) == 0) r.outcome = "deadlock";
    else if (line.rfind("panic: ", 0) == 0) r.outcome = "panic";
    else if (line.rfind("fatal error:", 0) == 0) r.outcome = "fatal";
    else r.outcome = "exit";
    if (r.outcome != "completed") r.message = line;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return r;
}

}  // namespace poollab::test
