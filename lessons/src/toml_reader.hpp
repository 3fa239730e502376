// Typed reads from a toml++ table that report problems with file, line and key
// instead of throwing. Used by the lesson loader.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "poollab/lessons/lesson.hpp"

namespace poollab::lessons::detail {

class TomlReader {
 public:
  TomlReader(std::string file, std::vector<SourceError>& errors, std::vector<SourceError>& warnings)
      : file_(std::move(file)), errors_(errors), warnings_(warnings) {}

  void error(const toml::node* at, const std::string& key, const std::string& message);
  void error_at(int line, int column, const std::string& key, const std::string& message);
  void warn_unknown_keys(const toml::table& table, const std::string& prefix, std::initializer_list<std::string_view> known);

  // Each getter reports a wrong type (and a missing key when `required`).
  std::optional<std::string> string(const toml::table& t, std::string_view key, const std::string& path, bool required);
  std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, const std::string& path, bool required);
  std::optional<double> number(const toml::table& t, std::string_view key, const std::string& path, bool required);
  std::optional<bool> boolean(const toml::table& t, std::string_view key, const std::string& path, bool required);
  std::optional<std::vector<std::string>> strings(const toml::table& t, std::string_view key, const std::string& path,
                                                  bool required);
  std::optional<std::vector<std::int64_t>> integers(const toml::table& t, std::string_view key, const std::string& path,
                                                     bool required);
  // `[[name]]`: the tables of an array of tables (empty when absent).
  std::vector<const toml::table*> tables(const toml::table& t, std::string_view key, const std::string& path);

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<SourceError>& errors_;
  std::vector<SourceError>& warnings_;
};

inline std::string join_path(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

}  // namespace poollab::lessons::detail
