// The differential suite: every program in tests/golite/programs runs under
// golite and must match what the real Go toolchain does — stdout, exit status
// and the first stderr line. The committed .expected files (made by
// programs/regen_expected.py from real Go) keep the check alive in sanitizer
// builds; when Go is installed the toolchain is also run live.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "poollab/golite/golite.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace golite = poollab::golite;
namespace rt = poollab::rt;

namespace {

struct Observed {
  int exit_code = 0;
  std::string stderr_first;
  std::string stdout_text;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string first_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# ", 0) == 0) continue;  // go build's package header
    if (line.rfind("./", 0) == 0) line = line.substr(2);
    return line;
  }
  return "";
}

std::vector<fs::path> programs() {
  std::vector<fs::path> out;
  fs::path dir = fs::path(poollab::test::source_dir()) / "tests" / "golite" / "programs";
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".go") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

Observed parse_expected(const fs::path& p) {
  std::string text = read_file(p);
  Observed o;
  size_t nl1 = text.find('\n');
  size_t nl2 = text.find('\n', nl1 + 1);
  size_t nl3 = text.find('\n', nl2 + 1);
  REQUIRE_MESSAGE(nl3 != std::string::npos, "malformed expected file " << p);
  o.exit_code = std::stoi(text.substr(6, nl1 - 6));
  o.stderr_first = text.substr(nl1 + 1 + 8, nl2 - nl1 - 1 - 8);
  o.stdout_text = text.substr(nl3 + 1);
  return o;
}

Observed run_golite(const fs::path& p) {
  rt::Config cfg;
  cfg.clock = rt::ClockKind::Virtual;
  cfg.seed = 1;
  golite::RunResult r = golite::run(read_file(p), "main.go", cfg);
  Observed o;
  o.exit_code = r.exit_code;
  o.stderr_first = first_line(r.stderr_text);
  o.stdout_text = r.stdout_text;
  return o;
}

// Build the program with the real toolchain in a scratch module and run the binary.
Observed run_go(const fs::path& p, const std::string& go) {
  fs::path tmp = fs::temp_directory_path() / ("poollab-diff-" + p.stem().string() + "-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "sim");
  { std::ofstream(tmp / "go.mod") << "module poollab\n\ngo 1.23\n"; }
  fs::copy_file(fs::path(poollab::test::source_dir()) / "assets" / "sim" / "sim.go", tmp / "sim" / "sim.go");
  fs::copy_file(p, tmp / "main.go");
  Observed o;
  std::string cd = "cd '" + tmp.string() + "' && ";
  int rc = std::system((cd + "'" + go + "' build -o prog main.go > build.out 2> build.err").c_str());
  if (rc != 0) {
    o.exit_code = 1;
    o.stderr_first = first_line(read_file(tmp / "build.err"));
  } else {
    rc = std::system((cd + "./prog > run.out 2> run.err").c_str());
    o.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
    o.stderr_first = first_line(read_file(tmp / "run.err"));
    o.stdout_text = read_file(tmp / "run.out");
  }
  fs::remove_all(tmp);
  return o;
}

void check_same(const std::string& name, const Observed& want, const Observed& got) {
  INFO("program " << name);
  CHECK(got.exit_code == want.exit_code);
  CHECK(got.stderr_first == want.stderr_first);
  CHECK(got.stdout_text == want.stdout_text);
}

}  // namespace

TEST_CASE("differential: at least 80 programs, each with an expected file from real Go" * doctest::timeout(30)) {
  auto progs = programs();
  CHECK(progs.size() >= 80);
  for (const auto& p : progs) {
    fs::path exp = p;
    exp.replace_extension(".expected");
    CHECK_MESSAGE(fs::exists(exp), "missing " << exp);
  }
}

TEST_CASE("differential: golite matches the expected output of real Go" * doctest::timeout(600)) {
  for (const auto& p : programs()) {
    fs::path exp = p;
    exp.replace_extension(".expected");
    if (!fs::exists(exp)) continue;
    check_same(p.filename().string(), parse_expected(exp), run_golite(p));
  }
}

TEST_CASE("differential: golite matches a live go build of every program" * doctest::timeout(1200)) {
  std::string go = poollab::test::go_binary();
  if (go.empty() || !fs::exists(go)) {
    MESSAGE("Go toolchain not installed; live differential run skipped");
    return;
  }
  if (poollab::test::under_sanitizer()) {
    MESSAGE("sanitizer build; live differential run skipped (expected files still checked)");
    return;
  }
  for (const auto& p : programs()) check_same(p.filename().string(), run_go(p, go), run_golite(p));
}
