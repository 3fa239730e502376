// UTF-8 as golite reads and writes it, shared by the lexer, constant and run-time
// conversions, range over a string, fmt and the strings package.
//
//   size_t i = 0;
//   int64_t r = decode_utf8("é!", i);   // r == 0xE9, i == 2
//   std::string s;
//   append_utf8(s, r);                  // s == "é"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace poollab::golite {

// The code point of the sequence starting at s[i], advancing i past it. A byte that
// does not start a complete sequence reads as U+FFFD and advances one byte.
inline int64_t decode_utf8(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (n == 1 || i + n > s.size()) {
    ++i;
    return c < 0x80 ? c : 0xFFFD;
  }
  int64_t cp = c & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

// Bytes of the sequence starting at s[i], as decode_utf8 reads it.
inline size_t utf8_width(std::string_view s, size_t i) {
  const size_t start = i;
  decode_utf8(s, i);
  return i - start;
}

// Appends the UTF-8 of cp; a value outside Unicode or a surrogate becomes U+FFFD, as
// string(r) does in Go.
inline void append_utf8(std::string& out, int64_t cp) {
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// The UTF-8 of cp as a string (see append_utf8).
inline std::string utf8_of(int64_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

}  // namespace poollab::golite
