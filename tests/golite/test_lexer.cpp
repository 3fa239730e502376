// Lexer: tokens, automatic semicolons, literal syntax and lexical errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../core/golite/src/front/lexer.hpp"

using namespace poollab::golite;
using namespace poollab::golite::front;

namespace {

struct Lexed {
  std::vector<Token> tokens;
  std::vector<std::string> errors;  // "line:col: message"
};

Lexed lex(std::string_view src) {
  Lexed out;
  Lexer lexer(src, [&](Pos p, const std::string& m) {
    out.errors.push_back(std::to_string(p.line) + ":" + std::to_string(p.col) + ": " + m);
  });
  for (int guard = 0; guard < 10000; ++guard) {
    Token t = lexer.next();
    if (t.tok == Tok::EOF_) break;
    out.tokens.push_back(t);
  }
  return out;
}

std::string spell(const std::vector<Token>& tokens) {
  std::string s;
  for (const auto& t : tokens) {
    if (!s.empty()) s += " ";
    if (t.tok == Tok::Semicolon) s += t.text == "semicolon" ? ";" : "<" + t.text + ">";
    else if (t.tok == Tok::Ident || (t.tok >= Tok::Int && t.tok <= Tok::String)) s += t.text;
    else s += tok_string(t.tok);
  }
  return s;
}

}  // namespace

TEST_CASE("semicolons are inserted after the tokens Go names, and only there" * doctest::timeout(10)) {
  CHECK(spell(lex("x := 1\ny++\nreturn\n}\n").tokens) == "x := 1 <newline> y ++ <newline> return <newline> } <newline>");
  // no semicolon after an operator or an opening brace at the end of a line
  CHECK(spell(lex("a +\nb {\n").tokens) == "a + b {");
  CHECK(spell(lex("f(x)").tokens) == "f ( x ) <EOF>");
  // a line comment ends the line; a block comment spanning lines does too
  CHECK(spell(lex("x // note\ny /* a\nb */ z").tokens) == "x <newline> y <newline> z <EOF>");
  CHECK(spell(lex("x /* same line */ y").tokens) == "x y <EOF>");
}

TEST_CASE("operators are read greedily" * doctest::timeout(10)) {
  CHECK(spell(lex("a &^= b <<= c >>= d <- e ... f &^ g && h || i != j").tokens) ==
        "a &^= b <<= c >>= d <- e ... f &^ g && h || i != j <EOF>");
  CHECK(spell(lex("ch<-v; <-ch").tokens) == "ch <- v ; <- ch <EOF>");
}

TEST_CASE("number literals: separators, bases, floats" * doctest::timeout(10)) {
  auto l = lex("1_000 0x1F 0b101 0o17 017 1.5 .5 1e3 0x1p4 7i");
  REQUIRE(l.errors.empty());
  REQUIRE(l.tokens.size() == 11);
  CHECK(l.tokens[0].tok == Tok::Int);
  CHECK(l.tokens[5].tok == Tok::Float);
  CHECK(l.tokens[6].tok == Tok::Float);
  CHECK(l.tokens[7].tok == Tok::Float);
  CHECK(l.tokens[8].tok == Tok::Float);
  CHECK(l.tokens[9].tok == Tok::Imag);
  ConstInt v = 0;
  bool overflow = false;
  CHECK(parse_int_lit("1_000", v, overflow));
  CHECK(v == 1000);
  CHECK(parse_int_lit("0x1F", v, overflow));
  CHECK(v == 31);
  CHECK(parse_int_lit("0b101", v, overflow));
  CHECK(v == 5);
  CHECK(parse_int_lit("017", v, overflow));
  CHECK(v == 15);
  CHECK(parse_int_lit("0o17", v, overflow));
  CHECK(v == 15);
  // Past int64 and uint64 still parses (constants are 128-bit); past 128 bits overflows.
  CHECK(parse_int_lit("99999999999999999999", v, overflow));
  CHECK(!overflow);
  CHECK(v == ConstInt(99999999999999999ll) * 1000 + 999);
  CHECK(parse_int_lit("999999999999999999999999999999999999999999", v, overflow));
  CHECK(overflow);
  double f = 0;
  CHECK(parse_float_lit("1_0.5e1", f));
  CHECK(f == doctest::Approx(105.0));
}

TEST_CASE("string and rune literals decode Go's escapes" * doctest::timeout(10)) {
  std::string s;
  CHECK(unquote_string(R"("a\tb\n\"q\" \x41\101\u00e9")", s));
  CHECK(s == "a\tb\n\"q\" AA\xC3\xA9");
  CHECK(unquote_string("`raw\\n\nline`", s));
  CHECK(s == "raw\\n\nline");
  int64_t r = 0;
  CHECK(unquote_char("'a'", r));
  CHECK(r == 'a');
  CHECK(unquote_char("'\\n'", r));
  CHECK(r == '\n');
  CHECK(unquote_char("'\\''", r));
  CHECK(r == '\'');
  CHECK(unquote_char("'\xC3\xA9'", r));
  CHECK(r == 0xE9);
  CHECK(unquote_char("'\\u00e9'", r));
  CHECK(r == 0xE9);
}

TEST_CASE("lexical errors are reported in Go's words at Go's positions" * doctest::timeout(10)) {
  // expectations checked against `go build` (Go 1.23)
  CHECK(lex("x := 1; @").errors == std::vector<std::string>{"1:9: invalid character U+0040 '@'"});
  CHECK(lex("x := 0x\n").errors == std::vector<std::string>{"1:8: hexadecimal literal has no digits"});
  CHECK(lex("y := 1__0").errors == std::vector<std::string>{"1:8: '_' must separate successive digits"});
  CHECK(lex("s := \"abc\n").errors == std::vector<std::string>{"1:10: newline in string"});
  CHECK(lex("s := `abc").errors == std::vector<std::string>{"1:6: string not terminated"});
  CHECK(lex("r := 'ab'").errors == std::vector<std::string>{"1:6: more than one character in rune literal"});
  CHECK(lex("r := ''").errors == std::vector<std::string>{"1:7: empty rune literal or unescaped ' in rune literal"});
  CHECK(lex("s := \"\\q\"").errors == std::vector<std::string>{"1:8: unknown escape"});
  CHECK(lex("/* open").errors == std::vector<std::string>{"1:1: comment not terminated"});
}

TEST_CASE("describe names tokens as Go's parser does" * doctest::timeout(10)) {
  auto l = lex("x 5 func } ,");
  REQUIRE(l.tokens.size() == 5);
  CHECK(describe(l.tokens[0]) == "name x");
  CHECK(describe(l.tokens[1]) == "literal 5");
  CHECK(describe(l.tokens[2]) == "func");
  CHECK(describe(l.tokens[3]) == "}");
  CHECK(describe(l.tokens[4]) == "comma");
  Token eof;
  CHECK(describe(eof) == "EOF");
}
