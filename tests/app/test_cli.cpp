// The poollab binary's command line: list, run (--json), exit codes, trace, quiz.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Result {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Scratch {
  fs::path dir;
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "poollab-cli-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data());
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

fs::path binary() { return fs::path(POOLLAB_BINARY_DIR) / "poollab"; }

// Runs `poollab <args>` with `input` on stdin; progress goes to a scratch XDG_DATA_HOME.
Result run_poollab(const std::string& args, const std::string& input = "", const fs::path& data_home = {},
               const std::string& extra_env = "") {
  Scratch s;
  std::ofstream(s.dir / "in.txt") << input;
  std::string env = "XDG_DATA_HOME='" + (data_home.empty() ? s.dir : data_home).string() + "' " + extra_env + " ";
  std::string cmd = env + "'" + binary().string() + "' " + args + " < '" + (s.dir / "in.txt").string() + "' > '" +
                    (s.dir / "out.txt").string() + "' 2> '" + (s.dir / "err.txt").string() + "'";
  int st = std::system(cmd.c_str());
  Result r;
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.out = slurp(s.dir / "out.txt");
  r.err = slurp(s.dir / "err.txt");
  return r;
}

bool have_binary() {
  if (fs::exists(binary())) return true;
  FAIL_CHECK("the poollab binary is not built at " << binary());
  return false;
}

const char* kDeadlock = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n";
const char* kPanic = "package main\n\nfunc main() {\n\tch := make(chan int, 1)\n\tclose(ch)\n\tch <- 1\n}\n";
const char* kHello = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n";
const char* kExit = "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.Exit(3)\n}\n";
const char* kBroken = "package main\n\nfunc main() {\n\tx := 1\n}\n";

}  // namespace

TEST_CASE("list shows every lesson id and title" * doctest::timeout(60)) {
  if (!have_binary()) return;
  auto r = run_poollab("list");
  CHECK(r.status == 0);
  for (const char* id : {"first-pool", "close-jobs", "close-results-early"}) CHECK(r.out.find(id) != std::string::npos);
  CHECK(r.out.find("Close the jobs channel") != std::string::npos);
  CHECK(r.out.rfind("first-pool", 0) == 0);  // sorted by order
}

TEST_CASE("list marks a broken lesson with its error and keeps the others" * doctest::timeout(60)) {
  if (!have_binary()) return;
  Scratch s;
  fs::create_directories(s.dir / "lessons");
  fs::path fixtures = fs::path(poollab::test::source_dir()) / "tests/lessons/fixtures/lessons";
  for (const char* id : {"good", "bad-hints"})
    fs::copy(fixtures / id, s.dir / "lessons" / id, fs::copy_options::recursive);
  auto broken = run_poollab("list", "", {}, "POOLLAB_ASSETS='" + s.dir.string() + "'");
  CHECK(broken.status == 0);
  CHECK(broken.out.find("good  ") != std::string::npos);
  CHECK(broken.out.find("bad-hints") != std::string::npos);
  CHECK(broken.out.find("[BROKEN]") != std::string::npos);
  CHECK(broken.out.find("lesson.toml:9:") != std::string::npos);
  CHECK(broken.out.find("hints: must hold exactly three hints") != std::string::npos);
}

TEST_CASE("run --json reports the run's fields" * doctest::timeout(120)) {
  if (!have_binary()) return;
  auto r = run_poollab("run close-jobs --json");
  CHECK(r.status == 0);
  auto j = json::parse(r.out);
  CHECK(j["lesson"] == "close-jobs");
  CHECK(j["outcome"] == "completed");
  CHECK(j["message"] == "");
  CHECK(j["exit_code"] == 0);
  CHECK(j["stdout"] == "[3 6 9 12]\n");
  CHECK(j["virtual_seconds"].get<double>() == doctest::Approx(0.6).epsilon(0.002));
  CHECK(j["goroutines"].is_array());
  CHECK(j["leaked"] == 0);
  CHECK(j["events"].get<int>() > 0);

  auto d = run_poollab("run close-jobs --toggle close-jobs=off --json");
  CHECK(d.status == 2);
  auto dj = json::parse(d.out);
  CHECK(dj["outcome"] == "deadlock");
  CHECK(dj["message"] == "fatal error: all goroutines are asleep - deadlock!");
  REQUIRE(dj["goroutines"].size() >= 2);
  const auto& g0 = dj["goroutines"][0];
  CHECK(g0["id"] == 1);
  CHECK(g0["function"] == "main.main");
  CHECK(g0["wait_reason"] == "chan receive");
  CHECK(g0["line"].get<int>() > 0);
  CHECK(g0.contains("state"));
}

TEST_CASE("run: exit statuses 0, 1, 2 and os.Exit's, output where go run puts it" * doctest::timeout(120)) {
  if (!have_binary()) return;
  Scratch s;
  auto file = [&](const char* name, const char* text) {
    std::ofstream(s.dir / name) << text;
    return "'" + (s.dir / name).string() + "'";
  };
  auto ok = run_poollab("run " + file("hello.go", kHello));
  CHECK(ok.status == 0);
  CHECK(ok.out == "hello\n");
  auto dl = run_poollab("run " + file("dl.go", kDeadlock));
  CHECK(dl.status == 2);
  CHECK(dl.err.rfind("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:", 0) == 0);
  auto pn = run_poollab("run " + file("panic.go", kPanic));
  CHECK(pn.status == 2);
  CHECK(pn.err.rfind("panic: send on closed channel", 0) == 0);
  auto ex = run_poollab("run " + file("exit.go", kExit));
  CHECK(ex.status == 3);
  auto ce = run_poollab("run " + file("broken.go", kBroken));
  CHECK(ce.status == 1);
  CHECK(ce.err.find("broken.go:4:2: declared and not used: x") != std::string::npos);
  auto cj = run_poollab("run " + file("broken2.go", kBroken) + " --json");
  CHECK(cj.status == 1);
  auto j = json::parse(cj.out);
  CHECK(j["outcome"] == "compile_error");
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["line"] == 4);
  CHECK(j["errors"][0]["message"] == "declared and not used: x");
}

TEST_CASE("a bad command line exits 64 and says what is valid" * doctest::timeout(60)) {
  if (!have_binary()) return;
  auto unknown_cmd = run_poollab("frobnicate");
  CHECK(unknown_cmd.status == 64);
  auto unknown_flag = run_poollab("run close-jobs --frob");
  CHECK(unknown_flag.status == 64);
  auto unknown_lesson = run_poollab("run no-such-lesson");
  CHECK(unknown_lesson.status == 64);
  CHECK(unknown_lesson.err.find("unknown lesson 'no-such-lesson'; valid lessons: first-pool") != std::string::npos);
  auto range = run_poollab("run close-jobs --set numWorkers=99");
  CHECK(range.status == 64);
  CHECK(range.err.find("valid range: 1..8") != std::string::npos);
  auto toggle = run_poollab("run close-jobs --toggle close-job=off");
  CHECK(toggle.status == 64);
  CHECK(toggle.err.find("valid toggles: close-jobs") != std::string::npos);
  auto bad_value = run_poollab("run close-jobs --toggle close-jobs=maybe");
  CHECK(bad_value.status == 64);
  auto clock = run_poollab("run close-jobs --clock sundial");
  CHECK(clock.status == 64);
  auto quiz = run_poollab("quiz no-such-lesson");
  CHECK(quiz.status == 64);
  // screenshot's --size WxH and --steps K|all are checked before any window opens.
  auto shape = run_poollab("screenshot close-jobs --size 1280by800 -o shot.png");
  CHECK(shape.status == 64);
  CHECK(shape.err.find("'1280by800' is not a size WIDTHxHEIGHT") != std::string::npos);
  auto half = run_poollab("screenshot close-jobs --size 1280x -o shot.png");
  CHECK(half.status == 64);
  CHECK(half.err.find("'1280x'") != std::string::npos);
  auto tiny = run_poollab("screenshot close-jobs --size 100x80 -o shot.png");
  CHECK(tiny.status == 64);
  CHECK(tiny.err.find("'100x80' is out of range") != std::string::npos);
  auto both = run_poollab("screenshot close-jobs --size 1280x800 --width 1000 -o shot.png");
  CHECK(both.status == 64);
  auto steps = run_poollab("screenshot close-jobs --steps most -o shot.png");
  CHECK(steps.status == 64);
  CHECK(steps.err.find("'most' is not a number of steps or `all`") != std::string::npos);
  auto free_steps = run_poollab("screenshot close-jobs --schedule free --steps 3 -o shot.png");
  CHECK(free_steps.status == 64);
  CHECK(free_steps.err.find("--steps 3 needs --schedule serial") != std::string::npos);
  auto shot_help = run_poollab("screenshot --help");
  CHECK(shot_help.status == 0);
  CHECK(shot_help.out.find("--size") != std::string::npos);
  auto help = run_poollab("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("trace") != std::string::npos);
}

TEST_CASE("trace writes Chrome Trace Event JSON with a track per goroutine" * doctest::timeout(120)) {
  if (!have_binary()) return;
  Scratch s;
  fs::path out = s.dir / "trace.json";
  auto r = run_poollab("trace close-jobs -o '" + out.string() + "'");
  CHECK(r.status == 0);
  REQUIRE(fs::exists(out));
  auto j = json::parse(slurp(out));
  REQUIRE(j["traceEvents"].is_array());
  std::set<long> named_tracks, used_tracks;
  bool flow_start = false, flow_end = false, blocked = false, outcome = false;
  for (const auto& e : j["traceEvents"]) {
    std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name") named_tracks.insert(e["tid"].get<long>());
    if (ph == "X") used_tracks.insert(e["tid"].get<long>());
    if (ph == "s") flow_start = true;
    if (ph == "f") flow_end = true;
    if (ph == "X" && e.value("cat", "") == "blocked") blocked = true;
    if (ph == "i" && e["name"].get<std::string>().rfind("outcome: completed", 0) == 0) outcome = true;
  }
  // close-jobs runs main, two workers and the closer: four goroutines, four named tracks.
  CHECK(named_tracks.size() == 4);
  for (long t : used_tracks) CHECK(named_tracks.count(t) == 1);
  CHECK(flow_start);
  CHECK(flow_end);
  CHECK(blocked);
  CHECK(outcome);
  auto missing_o = run_poollab("trace close-jobs");
  CHECK(missing_o.status == 64);
}

TEST_CASE("trace names a lock wait by Go's wait reason" * doctest::timeout(120)) {
  if (!have_binary()) return;
  Scratch s;
  fs::path out = s.dir / "trace.json";
  fs::path prog = fs::path(poollab::test::source_dir()) / "tests/golite/programs/102_rwmutex_writer_waits.go";
  auto r = run_poollab("trace '" + prog.string() + "' -o '" + out.string() + "'");
  INFO(r.err);
  CHECK(r.status == 0);
  REQUIRE(fs::exists(out));
  std::set<std::string> blocked;
  std::string names;
  const json trace = json::parse(slurp(out));
  for (const auto& e : trace["traceEvents"])
    if (e.value("cat", "") == "blocked") blocked.insert(e["name"].get<std::string>());
  for (const auto& n : blocked) names += n + "; ";
  INFO("blocked spans: " << names);
  CHECK(blocked.count("blocked: sync.RWMutex.Lock (never returned)") == 1);
  CHECK(blocked.count("blocked: sync.RWMutex.RLock (never returned)") == 1);
}

TEST_CASE("quiz reads piped answers, explains, scores and saves progress" * doctest::timeout(300)) {
  if (!have_binary()) return;
  Scratch home;
  // close-jobs-1 is a choice question whose right answer is the first choice.
  auto r = run_poollab("quiz close-jobs", "1\n", home.dir);
  CHECK(r.status == 0);
  CHECK(r.out.find("Who should close the jobs channel?") != std::string::npos);
  CHECK(r.out.find("[right]") != std::string::npos);
  CHECK(r.out.find("Score: 1 of 1 answered right") != std::string::npos);
  fs::path progress = home.dir / "poollab" / "progress.json";
  REQUIRE(fs::exists(progress));
  auto p = json::parse(slurp(progress));
  CHECK(p["answers"]["close-jobs-1"]["correct"] == true);

  // Not a number, then a wrong answer, then a predict question answered right by running it.
  auto r2 = run_poollab("quiz close-jobs", "abc\n3\n2\n", home.dir);
  CHECK(r2.status == 0);
  CHECK(r2.out.find("Please answer with a number") != std::string::npos);
  CHECK(r2.out.find("[wrong]") != std::string::npos);
  CHECK(r2.out.find("Running the program to check") != std::string::npos);
  CHECK(r2.out.find("Score: 1 of 2 answered right") != std::string::npos);
  auto p2 = json::parse(slurp(progress));
  CHECK(p2["answers"]["close-jobs-1"]["correct"] == false);
  CHECK(p2["answers"]["close-jobs-1"]["attempts"] == 2);
  CHECK(p2["answers"]["close-jobs-2"]["correct"] == true);

  // A corrupt progress file is reported on the terminal and kept aside.
  std::ofstream(progress) << "{ broken";
  auto r3 = run_poollab("quiz close-jobs", "", home.dir);
  CHECK(r3.status == 0);
  CHECK(r3.err.find("corrupt") != std::string::npos);
  bool kept = false;
  for (const auto& e : fs::directory_iterator(home.dir / "poollab"))
    kept = kept || e.path().filename().string().rfind("progress.json.corrupt-", 0) == 0;
  CHECK(kept);
}
