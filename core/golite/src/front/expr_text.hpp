// Go's short rendering of expressions for messages: "x + 1", "f(a, b)", "[]int{…}".
#pragma once

#include <string>

#include "poollab/golite/ast.hpp"

namespace poollab::golite::front {

std::string expr_text(const Expr* e);

}  // namespace poollab::golite::front
