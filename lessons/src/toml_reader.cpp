#include "toml_reader.hpp"

#include <algorithm>

namespace poollab::lessons::detail {

namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date/time";
  }
}

}  // namespace

void TomlReader::error(const toml::node* at, const std::string& key, const std::string& message) {
  int line = at ? static_cast<int>(at->source().begin.line) : 0;
  int col = at ? static_cast<int>(at->source().begin.column) : 0;
  error_at(line, col, key, message);
}

void TomlReader::error_at(int line, int column, const std::string& key, const std::string& message) {
  errors_.push_back({file_, line, column, key, message});
}

void TomlReader::warn_unknown_keys(const toml::table& table, const std::string& prefix,
                                   std::initializer_list<std::string_view> known) {
  for (auto&& [k, v] : table) {
    if (std::find(known.begin(), known.end(), k.str()) == known.end())
      warnings_.push_back({file_, static_cast<int>(k.source().begin.line), static_cast<int>(k.source().begin.column),
                           join_path(prefix, k.str()), "unknown key (ignored)"});
  }
}

std::optional<std::string> TomlReader::string(const toml::table& t, std::string_view key, const std::string& path,
                                              bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) error(&t, path, "missing (a string is required)");
    return std::nullopt;
  }
  if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
  error(n, path, "must be a string, found " + type_name(*n));
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::integer(const toml::table& t, std::string_view key, const std::string& path,
                                                bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) error(&t, path, "missing (an integer is required)");
    return std::nullopt;
  }
  if (n->is_integer()) return n->as_integer()->get();
  error(n, path, "must be an integer, found " + type_name(*n));
  return std::nullopt;
}

std::optional<double> TomlReader::number(const toml::table& t, std::string_view key, const std::string& path,
                                         bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) error(&t, path, "missing (a number is required)");
    return std::nullopt;
  }
  if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
  if (n->is_floating_point()) return n->as_floating_point()->get();
  error(n, path, "must be a number, found " + type_name(*n));
  return std::nullopt;
}

std::optional<bool> TomlReader::boolean(const toml::table& t, std::string_view key, const std::string& path,
                                        bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) error(&t, path, "missing (true or false is required)");
    return std::nullopt;
  }
  if (n->is_boolean()) return n->as_boolean()->get();
  error(n, path, "must be true or false, found " + type_name(*n));
  return std::nullopt;
}

std::optional<std::vector<std::string>> TomlReader::strings(const toml::table& t, std::string_view key,
                                                            const std::string& path, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) error(&t, path, "missing (an array of strings is required)");
    return std::nullopt;
  }
  const toml::array* a = n->as_array();
  if (!a) {
    error(n, path, "must be an array of strings, found " + type_name(*n));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_string()) {
      error(&e, path + "[" + std::to_string(i) + "]", "must be a string, found " + type_name(e));
      return std::nullopt;
    }
    out.push_back(e.as_string()->get());
  }
  return out;
}

std::optional<std::vector<std::int64_t>> TomlReader::integers(const toml::table& t, std::string_view key,
                                                               const std::string& path, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) error(&t, path, "missing (an array of integers is required)");
    return std::nullopt;
  }
  const toml::array* a = n->as_array();
  if (!a) {
    error(n, path, "must be an array of integers, found " + type_name(*n));
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_integer()) {
      error(&e, path + "[" + std::to_string(i) + "]", "must be an integer, found " + type_name(e));
      return std::nullopt;
    }
    out.push_back(e.as_integer()->get());
  }
  return out;
}

std::vector<const toml::table*> TomlReader::tables(const toml::table& t, std::string_view key, const std::string& path) {
  std::vector<const toml::table*> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) {
    error(n, path, "must be an array of tables ([[" + std::string(key) + "]]), found " + type_name(*n));
    return out;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_table()) {
      error(&e, path + "[" + std::to_string(i) + "]", "must be a table, found " + type_name(e));
      continue;
    }
    out.push_back(e.as_table());
  }
  return out;
}

}  // namespace poollab::lessons::detail
