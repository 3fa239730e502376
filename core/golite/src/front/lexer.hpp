// Go's lexical grammar for golite: tokens, automatic semicolons, literals.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "poollab/golite/ast.hpp"

namespace poollab::golite::front {

enum class Tok : uint8_t {
  EOF_,
  Ident,
  Int,
  Float,
  Imag,
  Char,
  String,
  // operators and punctuation
  Add, Sub, Mul, Quo, Rem,
  And, Or, Xor, Shl, Shr, AndNot,
  AddAssign, SubAssign, MulAssign, QuoAssign, RemAssign,
  AndAssign, OrAssign, XorAssign, ShlAssign, ShrAssign, AndNotAssign,
  LAnd, LOr, Arrow, Inc, Dec,
  Eql, Lss, Gtr, Assign, Not,
  Neq, Leq, Geq, Define, Ellipsis,
  LParen, LBrack, LBrace, Comma, Period,
  RParen, RBrack, RBrace, Semicolon, Colon,
  Tilde,
  // keywords
  Break, Case, Chan, Const, Continue, Default, Defer, Else, Fallthrough, For, Func, Go, Goto, If,
  Import, Interface, Map, Package, Range, Return, Select, Struct, Switch, Type, Var,
};

struct Token {
  Tok tok = Tok::EOF_;
  Pos pos;
  // Ident: the name; literals: the source text; Semicolon: ";" or "newline"/"EOF" when implicit.
  std::string text;
};

// The spelling of a token kind ("+=", "func", "(").
const char* tok_string(Tok t);
bool is_keyword(Tok t);

// How Go's parser names a token in "unexpected X": "name x", "literal 5",
// "func" (keywords bare), "newline", "EOF", "semicolon", "comma", or the operator.
std::string describe(const Token& t);

// Splits source into tokens on demand. Lexical errors go to `error` (position, message).
class Lexer {
 public:
  using ErrorFn = std::function<void(Pos, const std::string&)>;
  Lexer(std::string_view src, ErrorFn error);
  Token next();

 private:
  std::string_view src_;
  ErrorFn error_;
  size_t off_ = 0;
  int line_ = 1;
  int col_ = 1;
  bool nlsemi_ = false;

  int peek(size_t ahead = 0) const;
  void advance();
  Pos here() const { return {line_, col_}; }
  void number(Token& t);
  void string_lit(Token& t);
  void raw_string(Token& t);
  void rune_lit(Token& t);
  bool escape(char quote);
  void ident(Token& t);
};

// Decode literal text (as the lexer produced it) to its value. Returns false on
// malformed text (already reported by the lexer).
bool unquote_string(std::string_view raw, std::string& out);
bool unquote_char(std::string_view raw, int64_t& out);
bool parse_int_lit(std::string_view raw, ConstInt& out, bool& overflow);
bool parse_float_lit(std::string_view raw, double& out);

}  // namespace poollab::golite::front
