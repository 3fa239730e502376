// Go's scanner rules: tokens, automatic semicolon insertion, literal syntax.
#include "front/lexer.hpp"
#include "utf8.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace poollab::golite::front {

namespace {

struct Keyword {
  std::string_view text;
  Tok tok;
};
constexpr Keyword kKeywords[] = {
    {"break", Tok::Break},       {"case", Tok::Case},         {"chan", Tok::Chan},
    {"const", Tok::Const},       {"continue", Tok::Continue}, {"default", Tok::Default},
    {"defer", Tok::Defer},       {"else", Tok::Else},         {"fallthrough", Tok::Fallthrough},
    {"for", Tok::For},           {"func", Tok::Func},         {"go", Tok::Go},
    {"goto", Tok::Goto},         {"if", Tok::If},             {"import", Tok::Import},
    {"interface", Tok::Interface}, {"map", Tok::Map},         {"package", Tok::Package},
    {"range", Tok::Range},       {"return", Tok::Return},     {"select", Tok::Select},
    {"struct", Tok::Struct},     {"switch", Tok::Switch},     {"type", Tok::Type},
    {"var", Tok::Var},
};

bool is_letter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
int hex_val(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 16;
}

std::string char_desc(int c) {  // Go's %#U
  char buf[32];
  if (c >= 0x20 && c < 0x7f) std::snprintf(buf, sizeof buf, "U+%04X '%c'", c, c);
  else std::snprintf(buf, sizeof buf, "U+%04X", c);
  return buf;
}

// Decode one escape sequence (after the backslash) in s at i. byte_value is set
// for \x and octal escapes (raw bytes), else a code point.
bool decode_escape(std::string_view s, size_t& i, int64_t& v, bool& is_byte) {
  if (i >= s.size()) return false;
  char c = s[i++];
  is_byte = false;
  switch (c) {
    case 'a': v = 7; return true;
    case 'b': v = 8; return true;
    case 'f': v = 12; return true;
    case 'n': v = 10; return true;
    case 'r': v = 13; return true;
    case 't': v = 9; return true;
    case 'v': v = 11; return true;
    case '\\': v = '\\'; return true;
    case '\'': v = '\''; return true;
    case '"': v = '"'; return true;
    case 'x': case 'u': case 'U': {
      int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      v = 0;
      for (int k = 0; k < n; ++k) {
        if (i >= s.size() || hex_val(s[i]) >= 16) return false;
        v = v * 16 + hex_val(s[i++]);
      }
      is_byte = c == 'x';
      return true;
    }
    default:
      if (c >= '0' && c <= '7') {
        v = c - '0';
        for (int k = 0; k < 2; ++k) {
          if (i >= s.size() || s[i] < '0' || s[i] > '7') return false;
          v = v * 8 + (s[i++] - '0');
        }
        is_byte = true;
        return v <= 255;
      }
      return false;
  }
}

}  // namespace

const char* tok_string(Tok t) {
  switch (t) {
    case Tok::EOF_: return "EOF";
    case Tok::Ident: return "name";
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String: return "literal";
    case Tok::Add: return "+"; case Tok::Sub: return "-"; case Tok::Mul: return "*"; case Tok::Quo: return "/";
    case Tok::Rem: return "%"; case Tok::And: return "&"; case Tok::Or: return "|"; case Tok::Xor: return "^";
    case Tok::Shl: return "<<"; case Tok::Shr: return ">>"; case Tok::AndNot: return "&^";
    case Tok::AddAssign: return "+="; case Tok::SubAssign: return "-="; case Tok::MulAssign: return "*=";
    case Tok::QuoAssign: return "/="; case Tok::RemAssign: return "%="; case Tok::AndAssign: return "&=";
    case Tok::OrAssign: return "|="; case Tok::XorAssign: return "^="; case Tok::ShlAssign: return "<<=";
    case Tok::ShrAssign: return ">>="; case Tok::AndNotAssign: return "&^=";
    case Tok::LAnd: return "&&"; case Tok::LOr: return "||"; case Tok::Arrow: return "<-";
    case Tok::Inc: return "++"; case Tok::Dec: return "--"; case Tok::Eql: return "==";
    case Tok::Lss: return "<"; case Tok::Gtr: return ">"; case Tok::Assign: return "="; case Tok::Not: return "!";
    case Tok::Neq: return "!="; case Tok::Leq: return "<="; case Tok::Geq: return ">="; case Tok::Define: return ":=";
    case Tok::Ellipsis: return "..."; case Tok::LParen: return "("; case Tok::LBrack: return "[";
    case Tok::LBrace: return "{"; case Tok::Comma: return ","; case Tok::Period: return ".";
    case Tok::RParen: return ")"; case Tok::RBrack: return "]"; case Tok::RBrace: return "}";
    case Tok::Semicolon: return ";"; case Tok::Colon: return ":"; case Tok::Tilde: return "~";
    default: break;
  }
  for (const auto& k : kKeywords)
    if (k.tok == t) return k.text.data();
  return "?";
}

bool is_keyword(Tok t) { return t >= Tok::Break; }

std::string describe(const Token& t) {
  switch (t.tok) {
    case Tok::EOF_: return "EOF";
    case Tok::Ident: return "name " + t.text;
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String: return "literal " + t.text;
    case Tok::Semicolon:
      return t.text;
    case Tok::Comma: return "comma";
    default: break;
  }
  return tok_string(t.tok);
}

Lexer::Lexer(std::string_view src, ErrorFn error) : src_(src), error_(std::move(error)) {
  if (src_.size() >= 3 && src_.substr(0, 3) == "\xEF\xBB\xBF") off_ = 3;  // BOM
}

int Lexer::peek(size_t ahead) const {
  size_t i = off_ + ahead;
  return i < src_.size() ? static_cast<unsigned char>(src_[i]) : -1;
}

void Lexer::advance() {
  if (off_ >= src_.size()) return;
  if (src_[off_] == '\n') { ++line_; col_ = 1; } else { ++col_; }
  ++off_;
}

Token Lexer::next() {
  Token t;
  bool nlsemi = nlsemi_;
  nlsemi_ = false;
  for (;;) {
    int c = peek();
    while (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && !nlsemi)) { advance(); c = peek(); }
    t.pos = here();
    if (c == -1) {
      if (nlsemi) { t.tok = Tok::Semicolon; t.text = "EOF"; return t; }
      t.tok = Tok::EOF_;
      return t;
    }
    if (c == '\n') {
      advance();
      t.tok = Tok::Semicolon;
      t.text = "newline";
      return t;
    }
    if (c == '/' && peek(1) == '/') {
      if (nlsemi) { t.tok = Tok::Semicolon; t.text = "newline"; }
      while (peek() != -1 && peek() != '\n') advance();
      if (nlsemi) return t;
      continue;
    }
    if (c == '/' && peek(1) == '*') {
      Pos start = here();
      advance(); advance();
      bool newline = false, closed = false;
      while (peek() != -1) {
        if (peek() == '*' && peek(1) == '/') { advance(); advance(); closed = true; break; }
        if (peek() == '\n') newline = true;
        advance();
      }
      if (!closed) error_(start, "comment not terminated");
      if (nlsemi && (newline || !closed)) { t.tok = Tok::Semicolon; t.text = newline ? "newline" : "EOF"; return t; }
      continue;
    }
    break;
  }
  int c = peek();
  if (is_letter(c)) { ident(t); return t; }
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) { number(t); nlsemi_ = true; return t; }
  auto op = [&](Tok tok, int len) {
    for (int i = 0; i < len; ++i) advance();
    t.tok = tok;
    return t;
  };
  auto two = [&](int second, Tok yes, Tok no) { return peek(1) == second ? op(yes, 2) : op(no, 1); };
  switch (c) {
    case '"': string_lit(t); nlsemi_ = true; return t;
    case '`': raw_string(t); nlsemi_ = true; return t;
    case '\'': rune_lit(t); nlsemi_ = true; return t;
    case '(': return op(Tok::LParen, 1);
    case '[': return op(Tok::LBrack, 1);
    case '{': return op(Tok::LBrace, 1);
    case ',': return op(Tok::Comma, 1);
    case ';': t.text = "semicolon"; return op(Tok::Semicolon, 1);
    case ')': nlsemi_ = true; return op(Tok::RParen, 1);
    case ']': nlsemi_ = true; return op(Tok::RBrack, 1);
    case '}': nlsemi_ = true; return op(Tok::RBrace, 1);
    case ':': return two('=', Tok::Define, Tok::Colon);
    case '.':
      if (peek(1) == '.' && peek(2) == '.') return op(Tok::Ellipsis, 3);
      return op(Tok::Period, 1);
    case '+':
      if (peek(1) == '+') { nlsemi_ = true; return op(Tok::Inc, 2); }
      return two('=', Tok::AddAssign, Tok::Add);
    case '-':
      if (peek(1) == '-') { nlsemi_ = true; return op(Tok::Dec, 2); }
      return two('=', Tok::SubAssign, Tok::Sub);
    case '*': return two('=', Tok::MulAssign, Tok::Mul);
    case '/': return two('=', Tok::QuoAssign, Tok::Quo);
    case '%': return two('=', Tok::RemAssign, Tok::Rem);
    case '^': return two('=', Tok::XorAssign, Tok::Xor);
    case '~': return op(Tok::Tilde, 1);
    case '&':
      if (peek(1) == '&') return op(Tok::LAnd, 2);
      if (peek(1) == '^') return peek(2) == '=' ? op(Tok::AndNotAssign, 3) : op(Tok::AndNot, 2);
      return two('=', Tok::AndAssign, Tok::And);
    case '|':
      if (peek(1) == '|') return op(Tok::LOr, 2);
      return two('=', Tok::OrAssign, Tok::Or);
    case '<':
      if (peek(1) == '-') return op(Tok::Arrow, 2);
      if (peek(1) == '<') return peek(2) == '=' ? op(Tok::ShlAssign, 3) : op(Tok::Shl, 2);
      return two('=', Tok::Leq, Tok::Lss);
    case '>':
      if (peek(1) == '>') return peek(2) == '=' ? op(Tok::ShrAssign, 3) : op(Tok::Shr, 2);
      return two('=', Tok::Geq, Tok::Gtr);
    case '=': return two('=', Tok::Eql, Tok::Assign);
    case '!': return two('=', Tok::Neq, Tok::Not);
    default: break;
  }
  error_(t.pos, "invalid character " + char_desc(c));
  advance();
  nlsemi_ = nlsemi;
  return next();
}

void Lexer::ident(Token& t) {
  size_t start = off_;
  while (is_letter(peek()) || is_digit(peek())) advance();
  t.text = std::string(src_.substr(start, off_ - start));
  t.tok = Tok::Ident;
  for (const auto& k : kKeywords) {
    if (k.text == t.text) {
      t.tok = k.tok;
      break;
    }
  }
  switch (t.tok) {
    case Tok::Ident: case Tok::Break: case Tok::Continue: case Tok::Fallthrough: case Tok::Return:
      nlsemi_ = true;
      break;
    default: break;
  }
}

void Lexer::number(Token& t) {
  size_t start = off_;
  Pos pos = here();
  t.tok = Tok::Int;
  int base = 10;
  bool digits = false;
  auto digit_ok = [&](int ch) { return base == 16 ? hex_val(ch) < 16 : is_digit(ch); };
  if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) { base = 16; advance(); advance(); }
  else if (peek() == '0' && (peek(1) == 'b' || peek(1) == 'B')) { base = 2; advance(); advance(); }
  else if (peek() == '0' && (peek(1) == 'o' || peek(1) == 'O')) { base = 8; advance(); advance(); }
  while (digit_ok(peek()) || peek() == '_') { digits |= peek() != '_'; advance(); }
  if (base == 10 || base == 16) {
    if (peek() == '.') {
      t.tok = Tok::Float;
      advance();
      while (digit_ok(peek()) || peek() == '_') { digits |= peek() != '_'; advance(); }
    }
  }
  const char* base_name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : base == 2 ? "binary" : "decimal";
  if (!digits) error_(here(), std::string(base_name) + " literal has no digits");
  int e = peek();
  if ((base == 10 && (e == 'e' || e == 'E')) || (base == 16 && (e == 'p' || e == 'P'))) {
    t.tok = Tok::Float;
    advance();
    if (peek() == '+' || peek() == '-') advance();
    bool exp_digits = false;
    while (is_digit(peek()) || peek() == '_') { exp_digits |= peek() != '_'; advance(); }
    if (!exp_digits) error_(here(), "exponent has no digits");
  } else if (base == 16 && t.tok == Tok::Float) {
    error_(here(), "hexadecimal mantissa requires a 'p' exponent");
  }
  if (peek() == 'i') { advance(); t.tok = Tok::Imag; }
  t.text = std::string(src_.substr(start, off_ - start));
  // Digits beyond the base (e.g. 0b102, 089) and misplaced underscores.
  std::string_view s = t.text;
  size_t body = base == 10 ? 0 : 2;
  if (t.tok == Tok::Int) {
    bool legacy_octal = base == 10 && s.size() > 1 && s[0] == '0';
    int limit = base == 2 ? 2 : (base == 8 || legacy_octal) ? 8 : base;
    for (size_t i = body; i < s.size(); ++i) {
      int d = s[i] == '_' ? 0 : hex_val(s[i]);
      if (s[i] != '_' && d >= limit) {
        char q[8];
        std::snprintf(q, sizeof q, "'%c'", s[i]);
        error_({pos.line, pos.col + int(i)},
               std::string("invalid digit ") + q + " in " + (legacy_octal ? "octal" : base_name) + " literal");
        break;
      }
    }
  }
  // Go's rule: each '_' follows a digit (or the base prefix) and precedes a digit.
  char prev_class = body == 2 ? '0' : ' ';
  for (size_t i = body; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (prev_class != '0') {
        error_({pos.line, pos.col + int(i)}, "'_' must separate successive digits");
        return;
      }
      prev_class = '_';
    } else if (hex_val(c) < 16 && !((base == 10) && (c == 'e' || c == 'E'))) {
      prev_class = '0';
    } else {
      if (prev_class == '_') {
        error_({pos.line, pos.col + int(i) - 1}, "'_' must separate successive digits");
        return;
      }
      prev_class = '.';
    }
  }
  if (prev_class == '_') error_({pos.line, pos.col + int(s.size()) - 1}, "'_' must separate successive digits");
}

bool Lexer::escape(char quote) {
  // at the backslash
  Pos pos = here();
  advance();
  int c = peek();
  switch (c) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      advance();
      return true;
    default: break;
  }
  if (c == quote) { advance(); return true; }
  int n = 0, base = 0;
  const char* name = "";
  if (c >= '0' && c <= '7') { n = 3; base = 8; name = "octal"; }
  else if (c == 'x') { advance(); n = 2; base = 16; name = "hexadecimal"; }
  else if (c == 'u') { advance(); n = 4; base = 16; name = "hexadecimal"; }
  else if (c == 'U') { advance(); n = 8; base = 16; name = "hexadecimal"; }
  else {
    if (c == -1) return true;  // reported as unterminated
    error_(here(), "unknown escape");
    (void)pos;
    return false;
  }
  int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    int d = peek();
    int dv = d == -1 ? 99 : hex_val(d);
    if (dv >= base) {
      if (d == -1) return true;
      char q[16];
      if (d >= 0x20 && d < 0x7f) std::snprintf(q, sizeof q, "'%c'", d);
      else if (d == '\n') std::snprintf(q, sizeof q, "'\\n'");
      else std::snprintf(q, sizeof q, "'\\x%02x'", d);
      error_(here(), std::string("invalid character ") + q + " in " + name + " escape");
      return false;
    }
    v = v * base + dv;
    advance();
  }
  if (base == 8 && v > 255) {
    error_(here(), "octal escape value " + std::to_string(v) + " > 255");
    return false;
  }
  if (c == 'u' || c == 'U') {
    if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "U+%04llX", static_cast<unsigned long long>(v));
      error_(here(), std::string("escape is invalid Unicode code point ") + buf);
      return false;
    }
  }
  return true;
}

void Lexer::string_lit(Token& t) {
  size_t start = off_;
  Pos pos = here();
  t.tok = Tok::String;
  advance();
  for (;;) {
    int c = peek();
    if (c == '"') { advance(); break; }
    if (c == '\\') { escape('"'); continue; }
    if (c == '\n') { error_(here(), "newline in string"); break; }
    if (c == -1) { error_(pos, "string not terminated"); break; }
    advance();
  }
  t.text = std::string(src_.substr(start, off_ - start));
}

void Lexer::raw_string(Token& t) {
  size_t start = off_;
  Pos pos = here();
  t.tok = Tok::String;
  advance();
  for (;;) {
    int c = peek();
    if (c == '`') { advance(); break; }
    if (c == -1) { error_(pos, "string not terminated"); break; }
    advance();
  }
  t.text = std::string(src_.substr(start, off_ - start));
}

void Lexer::rune_lit(Token& t) {
  size_t start = off_;
  Pos pos = here();
  t.tok = Tok::Char;
  advance();
  int n = 0;
  bool ok = true;
  for (;;) {
    int c = peek();
    if (c == '\'') {
      if (ok) {
        if (n == 0) error_(here(), "empty rune literal or unescaped ' in rune literal");
        else if (n != 1) error_(pos, "more than one character in rune literal");
      }
      advance();
      break;
    }
    if (c == '\\') {
      if (!escape('\'')) ok = false;
      ++n;
      continue;
    }
    if (c == '\n') {
      if (ok) error_(here(), "newline in rune literal");
      break;
    }
    if (c == -1) {
      if (ok) error_(pos, "rune literal not terminated");
      break;
    }
    // one UTF-8 sequence counts as one character
    size_t i = off_;
    decode_utf8(src_, i);
    while (off_ < i) advance();
    ++n;
  }
  t.text = std::string(src_.substr(start, off_ - start));
}

bool unquote_string(std::string_view raw, std::string& out) {
  out.clear();
  if (raw.size() < 2) return false;
  if (raw[0] == '`') {
    for (char c : raw.substr(1, raw.size() - 2))
      if (c != '\r') out += c;
    return raw.back() == '`';
  }
  if (raw[0] != '"' || raw.back() != '"') return false;
  std::string_view s = raw.substr(1, raw.size() - 2);
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '\\') { out += s[i++]; continue; }
    ++i;
    int64_t v = 0;
    bool is_byte = false;
    if (!decode_escape(s, i, v, is_byte)) return false;
    if (is_byte) out += char(v);
    else append_utf8(out, v);
  }
  return true;
}

bool unquote_char(std::string_view raw, int64_t& out) {
  if (raw.size() < 3 || raw[0] != '\'' || raw.back() != '\'') return false;
  std::string_view s = raw.substr(1, raw.size() - 2);
  size_t i = 0;
  if (s[0] == '\\') {
    ++i;
    bool is_byte = false;
    if (!decode_escape(s, i, out, is_byte)) return false;
  } else {
    out = decode_utf8(s, i);
  }
  return i == s.size();
}

bool parse_int_lit(std::string_view raw, ConstInt& out, bool& overflow) {
  overflow = false;
  int base = 10;
  size_t i = 0;
  if (raw.size() > 1 && raw[0] == '0') {
    char b = raw[1];
    if (b == 'x' || b == 'X') { base = 16; i = 2; }
    else if (b == 'b' || b == 'B') { base = 2; i = 2; }
    else if (b == 'o' || b == 'O') { base = 8; i = 2; }
    else { base = 8; i = 1; }
  }
  constexpr ConstInt kMax = ~(ConstInt(1) << 127);
  ConstInt v = 0;
  bool any = false;
  for (; i < raw.size(); ++i) {
    if (raw[i] == '_') continue;
    int d = hex_val(raw[i]);
    if (d >= base) return false;
    any = true;
    if (overflow) continue;
    if (v > (kMax - d) / base) overflow = true;
    else v = v * base + d;
  }
  if (!any && !(raw == "0")) return raw.size() == 1;
  out = overflow ? kMax : v;
  return true;
}

bool parse_float_lit(std::string_view raw, double& out) {
  std::string clean;
  for (char c : raw)
    if (c != '_') clean += c;
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end && *end == '\0';
}

}  // namespace poollab::golite::front
