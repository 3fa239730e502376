// Progress: atomic saves, corrupt files moved aside and reported, reset with a
// backup, and a writer killed at random points never leaves a broken file.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "lesson_test_util.hpp"
#include "poollab/lessons/progress.hpp"

using namespace poollab;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "poollab-progress-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> files_starting(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
  return out;
}

}  // namespace

TEST_CASE("progress round-trips through the file" * doctest::timeout(10)) {
  TempDir dir;
  lessons::ProgressStore store(dir.path / "sub" / "progress.json");
  auto fresh = store.load();
  CHECK_FALSE(fresh.problem);
  CHECK(fresh.progress.answered() == 0);
  lessons::Progress p;
  p.record_answer("close-jobs-1", "1", true);
  p.record_answer("close-jobs-2", "3", false);
  p.record_answer("close-jobs-2", "2", true);
  p.use_hint("close-jobs", 2);
  p.use_hint("close-jobs", 1);
  p.complete("first-pool");
  store.save(p);  // creates the folder
  auto back = store.load();
  CHECK_FALSE(back.problem);
  CHECK(back.progress == p);
  CHECK(back.progress.score() == 2);
  CHECK(back.progress.answers.at("close-jobs-2").attempts == 2);
  CHECK(back.progress.lessons.at("close-jobs").hints_used == 2);
  CHECK(back.progress.lessons.at("first-pool").completed);
  CHECK(files_starting(dir.path / "sub", "progress.json.tmp").empty());  // no temporary left behind
}

TEST_CASE("the default path follows XDG_DATA_HOME, else ~/.local/share" * doctest::timeout(5)) {
  const char* old_xdg = std::getenv("XDG_DATA_HOME");
  std::string saved = old_xdg ? old_xdg : "";
  ::setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
  CHECK(lessons::ProgressStore::default_path() == fs::path("/tmp/xdg-test/poollab/progress.json"));
  ::unsetenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  if (home) CHECK(lessons::ProgressStore::default_path() == fs::path(home) / ".local/share/poollab/progress.json");
  if (old_xdg) ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST_CASE("a corrupt progress file is moved aside, reported, and never deleted" * doctest::timeout(10)) {
  TempDir dir;
  fs::path file = dir.path / "progress.json";
  const std::string garbage = "{\"format\": \"poollab-progress\", \"answers\": {\"q\": ";
  std::ofstream(file) << garbage;
  lessons::ProgressStore store(file);
  auto loaded = store.load();
  REQUIRE(loaded.problem);
  CHECK(loaded.problem->find("corrupt") != std::string::npos);
  CHECK(loaded.problem->find(file.string()) != std::string::npos);
  REQUIRE(loaded.moved_to);
  CHECK(loaded.problem->find(loaded.moved_to->string()) != std::string::npos);
  CHECK(loaded.moved_to->filename().string().rfind("progress.json.corrupt-", 0) == 0);
  CHECK(read_all(*loaded.moved_to) == garbage);  // the old data is kept byte for byte
  CHECK_FALSE(fs::exists(file));
  CHECK(loaded.progress.answered() == 0);  // fresh start
  // A second corrupt file gets its own name; nothing is overwritten.
  std::ofstream(file) << "not json at all";
  auto again = store.load();
  REQUIRE(again.moved_to);
  CHECK(*again.moved_to != *loaded.moved_to);
  CHECK(files_starting(dir.path, "progress.json.corrupt-").size() == 2);
  // Valid JSON that is not progress is corrupt too.
  std::ofstream(file) << "[1, 2, 3]";
  CHECK(store.load().problem);
}

TEST_CASE("reset keeps a backup of the previous student's progress" * doctest::timeout(10)) {
  TempDir dir;
  lessons::ProgressStore store(dir.path / "progress.json");
  CHECK_FALSE(store.reset());  // nothing to back up yet
  lessons::Progress p;
  p.record_answer("q", "1", true);
  store.save(p);
  auto backup = store.reset();
  REQUIRE(backup);
  CHECK(backup->filename().string().rfind("progress.json.backup-", 0) == 0);
  CHECK(lessons::progress_from_json_text(read_all(*backup)) == p);
  CHECK(store.load().progress.answered() == 0);
}

TEST_CASE("save reports a folder it cannot write" * doctest::timeout(10)) {
  TempDir dir;
  std::ofstream(dir.path / "blocker") << "a file, not a folder";
  lessons::ProgressStore store(dir.path / "blocker" / "progress.json");
  CHECK_THROWS_AS(store.save(lessons::Progress{}), lessons::ProgressError);
}

// A child saves progress in a loop and reports each completed save on a pipe;
// the parent kills it with SIGKILL at a random point. Whatever the moment, the
// file loads without a problem and holds at least the last reported save.
TEST_CASE("a writer killed mid-save never loses the last complete progress" * doctest::timeout(120)) {
  TempDir dir;
  fs::path file = dir.path / "progress.json";
  std::mt19937 rng(12345);
  const int rounds = test::scaled(200);
  std::int64_t carried = 0;  // saves made by earlier rounds
  for (int round = 0; round < rounds; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      lessons::ProgressStore store(file);
      lessons::Progress p = store.load().progress;
      for (;;) {
        p.saves += 1;
        p.record_answer("q" + std::to_string(p.saves), std::string(static_cast<std::size_t>(p.saves % 97), 'x'), true);
        store.save(p);
        std::int64_t n = p.saves;
        if (::write(fds[1], &n, sizeof n) != static_cast<ssize_t>(sizeof n)) ::_exit(3);
      }
    }
    ::close(fds[1]);
    int wait_for = std::uniform_int_distribution<int>(1, 6)(rng);
    std::int64_t last = carried;
    for (int i = 0; i < wait_for; ++i) {
      std::int64_t n = 0;
      if (::read(fds[0], &n, sizeof n) != static_cast<ssize_t>(sizeof n)) break;
      last = n;
    }
    // A random number of spins lands the kill anywhere inside the next save.
    volatile int spin = std::uniform_int_distribution<int>(0, 200000)(rng);
    while (spin > 0) spin = spin - 1;
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    // Reports still in the pipe are saves that completed before the kill.
    for (std::int64_t n = 0; ::read(fds[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n);) last = n;
    ::close(fds[0]);
    CHECK(WIFSIGNALED(status));

    lessons::ProgressStore store(file);
    auto loaded = store.load();
    INFO("round ", round, ": last reported save ", last);
    REQUIRE_FALSE(loaded.problem);
    CHECK(loaded.progress.saves >= last);
    CHECK(loaded.progress.saves <= last + 1);  // at most the save in flight
    CHECK(loaded.progress.answered() == loaded.progress.saves);
    carried = loaded.progress.saves;
  }
  CHECK(carried >= rounds);
}
