// Helpers for the lesson suites: fixture paths and finding reported errors.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "poollab/lessons/lesson.hpp"
#include "test_support.hpp"

namespace poollab::test {

inline std::filesystem::path fixtures_dir() { return std::filesystem::path(source_dir()) / "tests/lessons/fixtures"; }
inline std::filesystem::path assets_lessons_dir() { return std::filesystem::path(source_dir()) / "assets/lessons"; }

// 1-based line of the first line of `file` containing `needle`, 0 if none.
inline int line_of(const std::filesystem::path& file, const std::string& needle) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos) return n;
  return 0;
}

// Every error of the lesson, one per line, for failure messages.
inline std::string errors_text(const lessons::Lesson& l) {
  std::string out;
  for (const auto& e : l.errors) out += e.str() + "\n";
  return out;
}

// Does `l` report an error in `file_name` at `line` for `key`?
inline bool has_error(const lessons::Lesson& l, const std::string& file_name, int line, const std::string& key) {
  for (const auto& e : l.errors)
    if (std::filesystem::path(e.file).filename() == file_name && e.line == line && e.key == key) return true;
  return false;
}

}  // namespace poollab::test
