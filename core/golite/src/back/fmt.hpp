// Go's fmt formatting of golite values: Println, Printf verbs, %v of every kind.
//
//   std::string s = fmt::sprintf("%d-%s", args, 2, &hooks);   // like fmt.Sprintf
#pragma once

#include <string>
#include <string_view>

#include "poollab/golite/value.hpp"

namespace poollab::golite::fmt {

// Lets fmt call a program's own Error() and String() methods. May be null
// (events and snapshots: only built-in types' methods are used then).
struct Hooks {
  virtual ~Hooks() = default;
  // Call the niladic string-returning method `m` on `recv` (promoted through the embedded
  // fields `path` when not empty); false if it cannot be called.
  virtual bool call_string_method(const Value& recv, const Method& m, const std::vector<int>& path,
                                  std::string& out) = 0;
};

std::string sprint(const Value* args, size_t n, Hooks* hooks);
std::string sprintln(const Value* args, size_t n, Hooks* hooks);
std::string sprintf(std::string_view format, const Value* args, size_t n, Hooks* hooks);
std::string format_v(const Value& v, Hooks* hooks);  // %v
std::string type_name(const Type* t);                // %T ("<nil>" for nil)
std::string duration_string(int64_t d);              // time.Duration.String
std::string quote(std::string_view s);               // strconv.Quote
std::string format_float(double f, char verb, int prec, int bits);  // strconv.FormatFloat
// Text after "panic: " for a panic value, as Go's printpanicval writes it.
std::string panic_text(const Value& v, Hooks* hooks);
// The builtin print/println's rendering of one value.
std::string print_builtin(const Value& v);
// Error() of a value of an error type (native or the program's); "" if none.
bool error_text(const Value& v, Hooks* hooks, std::string& out);

// A method of dynamic type t by name, as an interface call would find it (promoted ones
// too: `path` gets the embedded fields to walk; Machine::method_receiver walks them).
const Method* find_dyn_method(const Type* t, std::string_view name, std::vector<int>* path = nullptr);
// Calls a String() or Error() method (user or standard library) of v into out.
bool call_text_method(const Value& v, const Method& m, Hooks* hooks, std::string& out);

}  // namespace poollab::golite::fmt
