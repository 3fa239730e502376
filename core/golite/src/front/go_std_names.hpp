// Is a name part of Go's standard library? For golite's diagnostics about names
// outside its subset.
//
//   go_std_has_name("context.WithCancelCause")   // true: a package member (import path first)
//   go_std_has_name("strings.Builder.Grow")      // true: a method (package name first)
#pragma once

#include <string_view>

namespace poollab::golite {

bool go_std_has_name(std::string_view qualified);

}  // namespace poollab::golite
