#include "poollab/lessons/progress.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace poollab::lessons {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// 20260102T030405Z, unique within the folder (a counter is appended if needed).
fs::path aside_path(const fs::path& file, const std::string& tag) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  fs::path p = file;
  p += "." + tag + "-" + buf;
  for (int i = 1; fs::exists(p); ++i) {
    p = file;
    p += "." + tag + "-" + buf + "-" + std::to_string(i);
  }
  return p;
}

std::string errno_text() { return std::strerror(errno); }

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void Progress::record_answer(const std::string& id, const std::string& answer, bool correct) {
  auto& a = answers[id];
  a.answer = answer;
  a.correct = correct;
  a.attempts += 1;
  a.when = unix_now();
}

void Progress::use_hint(const std::string& lesson_id, int hint_number) {
  auto& l = lessons[lesson_id];
  l.hints_used = std::max(l.hints_used, hint_number);
}

void Progress::complete(const std::string& lesson_id) { lessons[lesson_id].completed = true; }

int Progress::score() const {
  int n = 0;
  for (const auto& [id, a] : answers) n += a.correct ? 1 : 0;
  return n;
}

int Progress::answered() const { return static_cast<int>(answers.size()); }

std::string progress_to_json_text(const Progress& p) {
  json j;
  j["format"] = "poollab-progress";
  j["version"] = 1;
  j["saves"] = p.saves;
  j["answers"] = json::object();
  for (const auto& [id, a] : p.answers)
    j["answers"][id] = {{"answer", a.answer}, {"correct", a.correct}, {"attempts", a.attempts}, {"when", a.when}};
  j["lessons"] = json::object();
  for (const auto& [id, l] : p.lessons) j["lessons"][id] = {{"completed", l.completed}, {"hints_used", l.hints_used}};
  j["score"] = p.score();
  return j.dump(2) + "\n";
}

Progress progress_from_json_text(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ProgressError(std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object() || j.value("format", "") != "poollab-progress")
    throw ProgressError("not a PoolLab progress file (\"format\" is not \"poollab-progress\")");
  Progress p;
  try {
    p.saves = j.value("saves", std::int64_t{0});
    for (const auto& [id, a] : j.at("answers").items()) {
      AnswerRecord r;
      r.answer = a.at("answer").get<std::string>();
      r.correct = a.at("correct").get<bool>();
      r.attempts = a.value("attempts", 1);
      r.when = a.value("when", std::int64_t{0});
      p.answers[id] = r;
    }
    for (const auto& [id, l] : j.at("lessons").items()) {
      LessonRecord r;
      r.completed = l.value("completed", false);
      r.hints_used = l.value("hints_used", 0);
      p.lessons[id] = r;
    }
  } catch (const json::exception& e) {
    throw ProgressError(std::string("unexpected content: ") + e.what());
  }
  return p;
}

ProgressStore::ProgressStore(fs::path file) : file_(std::move(file)) {}

fs::path ProgressStore::default_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  fs::path base;
  if (xdg && *xdg && fs::path(xdg).is_absolute()) {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = fs::path(home && *home ? home : ".") / ".local" / "share";
  }
  return base / "poollab" / "progress.json";
}

ProgressStore::Loaded ProgressStore::load() const {
  Loaded out;
  std::error_code ec;
  if (!fs::exists(file_, ec)) return out;
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    out.problem = "cannot read " + file_.string() + "; starting with fresh progress";
    return out;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  in.close();
  try {
    out.progress = progress_from_json_text(ss.str());
  } catch (const ProgressError& e) {
    fs::path aside = aside_path(file_, "corrupt");
    fs::rename(file_, aside, ec);
    if (ec) {
      out.problem = "progress file " + file_.string() + " is corrupt (" + e.what() + ") and could not be moved aside (" +
                    ec.message() + "); starting with fresh progress, the file is left untouched";
    } else {
      out.moved_to = aside;
      out.problem = "progress file " + file_.string() + " is corrupt (" + e.what() + "); it was moved to " +
                    aside.string() + " and PoolLab starts with fresh progress";
    }
  }
  return out;
}

void ProgressStore::save(const Progress& progress) const {
  fs::path dir = file_.parent_path().empty() ? fs::path(".") : file_.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw ProgressError("cannot create " + dir.string() + ": " + ec.message());
  std::string text = progress_to_json_text(progress);
  std::string tmpl = (dir / (file_.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw ProgressError("cannot create a temporary file in " + dir.string() + ": " + errno_text());
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = errno_text();
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw ProgressError("cannot write " + tmpl + ": " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string why = errno_text();
    ::unlink(tmpl.c_str());
    throw ProgressError("cannot flush " + tmpl + ": " + why);
  }
  if (::rename(tmpl.c_str(), file_.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(tmpl.c_str());
    throw ProgressError("cannot replace " + file_.string() + ": " + why);
  }
  fsync_dir(dir);
}

std::optional<fs::path> ProgressStore::reset() const {
  std::error_code ec;
  if (!fs::exists(file_, ec)) return std::nullopt;
  fs::path backup = aside_path(file_, "backup");
  fs::rename(file_, backup, ec);
  if (ec) throw ProgressError("cannot move " + file_.string() + " to " + backup.string() + ": " + ec.message());
  fsync_dir(file_.parent_path().empty() ? fs::path(".") : file_.parent_path());
  return backup;
}

}  // namespace poollab::lessons
