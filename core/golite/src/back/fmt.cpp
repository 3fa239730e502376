// Go's fmt rules (printArg / printValue / handleMethods) over golite values.
#include "back/fmt.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "poollab/golite/stdlib_decls.hpp"

namespace poollab::golite::fmt {

namespace {

struct Spec {
  bool plus = false, minus = false, sharp = false, space = false, zero = false;
  int width = -1, prec = -1;
  bool plus_v = false;  // %+v
};

bool is_signed_kind(Kind k) { return k >= Kind::Int && k <= Kind::Int64; }
bool is_unsigned_kind(Kind k) { return k >= Kind::Uint && k <= Kind::Uintptr; }
bool is_float_kind(Kind k) { return k == Kind::Float32 || k == Kind::Float64; }

size_t utf8_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(std::string s, const Spec& sp, bool numeric = false) {
  if (sp.width < 0) return s;
  size_t n = utf8_count(s);
  if (n >= size_t(sp.width)) return s;
  size_t fill = size_t(sp.width) - n;
  if (sp.minus) return s + std::string(fill, ' ');
  if (sp.zero && numeric) {
    size_t at = (!s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ')) ? 1 : 0;
    return s.substr(0, at) + std::string(fill, '0') + s.substr(at);
  }
  if (sp.zero && !numeric) return std::string(fill, '0') + s;
  return std::string(fill, ' ') + s;
}

std::string quote_rune(uint32_t r) {
  std::string out = "'";
  switch (r) {
    case '\a': out += "\\a"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\v': out += "\\v"; break;
    case '\\': out += "\\\\"; break;
    case '\'': out += "\\'"; break;
    default:
      if (r < 0x20 || r == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(r));
        out += buf;
      } else {
        append_utf8(out, r);
      }
  }
  return out + "'";
}

std::string to_base(uint64_t u, int base, bool upper) {
  if (u == 0) return "0";
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s;
  while (u) {
    s += digits[u % unsigned(base)];
    u /= unsigned(base);
  }
  std::reverse(s.begin(), s.end());
  return s;
}

std::string fmt_integer(const Value& v, Kind k, char verb, const Spec& sp) {
  bool neg = false;
  uint64_t u;
  if (is_unsigned_kind(k)) {
    u = uint64_t(v.i);
    if (k == Kind::Uint8) u &= 0xff;
    if (k == Kind::Uint16) u &= 0xffff;
    if (k == Kind::Uint32) u &= 0xffffffff;
  } else {
    neg = v.i < 0;
    u = neg ? uint64_t(0) - uint64_t(v.i) : uint64_t(v.i);
  }
  std::string digits;
  switch (verb) {
    case 'v':
    case 'd': digits = to_base(u, 10, false); break;
    case 'x': digits = to_base(u, 16, false); break;
    case 'X': digits = to_base(u, 16, true); break;
    case 'o': digits = to_base(u, 8, false); break;
    case 'b': digits = to_base(u, 2, false); break;
    case 'c': {
      std::string s;
      append_utf8(s, uint32_t(v.i));
      return pad(s, sp);
    }
    case 'q': return pad(quote_rune(uint32_t(v.i)), sp);
    case 'U': {
      std::string h = to_base(u, 16, true);
      while (h.size() < 4) h = "0" + h;
      return pad("U+" + h, sp);
    }
    default: return {};
  }
  if (sp.prec >= 0 && digits.size() < size_t(sp.prec)) digits = std::string(size_t(sp.prec) - digits.size(), '0') + digits;
  if (sp.sharp && (verb == 'x' || verb == 'X')) digits = (verb == 'x' ? "0x" : "0X") + digits;
  std::string s = (neg ? "-" : sp.plus ? "+" : sp.space ? " " : "") + digits;
  Spec p = sp;
  if (sp.prec >= 0) p.zero = false;
  return pad(s, p, true);
}

// Shortest decimal digits and exponent of |f|: f = 0.d1d2... * 10^dp.
void shortest_digits(double f, int bits, std::string& digits, int& dp) {
  char buf[64];
  auto res = bits == 32 ? std::to_chars(buf, buf + sizeof buf, float(f), std::chars_format::scientific)
                        : std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string_view s(buf, size_t(res.ptr - buf));
  size_t e = s.find('e');
  digits.clear();
  for (char c : s.substr(0, e))
    if (c >= '0' && c <= '9') digits += c;
  int exp = std::atoi(std::string(s.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  dp = exp + 1;
}

std::string exp_suffix(int exp, int min_digits) {
  std::string s = exp < 0 ? "e-" : "e+";
  std::string d = std::to_string(std::abs(exp));
  while (int(d.size()) < min_digits) d = "0" + d;
  return s + d;
}

}  // namespace

std::string format_float(double f, char verb, int prec, int bits) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  bool neg = std::signbit(f);
  double a = std::fabs(f);
  std::string out;
  if (prec < 0 && (verb == 'g' || verb == 'e' || verb == 'f')) {
    std::string digits;
    int dp = 0;
    if (a == 0) {
      digits = "0";
      dp = 1;
    } else {
      shortest_digits(a, bits, digits, dp);
    }
    int exp = dp - 1;
    bool use_e = verb == 'e' || (verb == 'g' && (exp < -4 || exp >= 6));
    if (use_e) {
      out = digits.substr(0, 1);
      if (digits.size() > 1) out += "." + digits.substr(1);
      out += exp_suffix(exp, 2);
    } else if (dp <= 0) {
      out = "0." + std::string(size_t(-dp), '0') + digits;
    } else if (size_t(dp) >= digits.size()) {
      out = digits + std::string(size_t(dp) - digits.size(), '0');
    } else {
      out = digits.substr(0, size_t(dp)) + "." + digits.substr(size_t(dp));
    }
  } else {
    char buf[512];
    std::chars_format cf = verb == 'e' ? std::chars_format::scientific
                           : verb == 'g' ? std::chars_format::general
                                         : std::chars_format::fixed;
    std::to_chars_result res;
    if (bits == 32)
      res = std::to_chars(buf, buf + sizeof buf, float(a), cf, prec < 0 ? 6 : prec);
    else
      res = std::to_chars(buf, buf + sizeof buf, a, cf, prec < 0 ? 6 : prec);
    out.assign(buf, res.ptr);
  }
  return neg ? "-" + out : out;
}

namespace {

// %v of a float: %g with the shortest digits, switching to %e for exponents < -4 or >= 6.
std::string float_v(double f, int bits) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  std::string digits;
  int dp = 0;
  double a = std::fabs(f);
  if (a == 0) {
    digits = "0";
    dp = 1;
  } else {
    shortest_digits(a, bits, digits, dp);
  }
  int exp = dp - 1;
  std::string out;
  if (exp < -4 || exp >= 6) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += exp_suffix(exp, 2);
  } else if (dp <= 0) {
    out = "0." + std::string(size_t(-dp), '0') + digits;
  } else if (size_t(dp) >= digits.size()) {
    out = digits + std::string(size_t(dp) - digits.size(), '0');
  } else {
    out = digits.substr(0, size_t(dp)) + "." + digits.substr(size_t(dp));
  }
  return std::signbit(f) ? "-" + out : out;
}

std::string fmt_float(double f, int bits, char verb, const Spec& sp) {
  std::string s;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      if (sp.prec < 0) {
        s = float_v(f, bits);
      } else {
        s = format_float(f, 'g', sp.prec, bits);
      }
      break;
    case 'f':
    case 'F': s = format_float(f, 'f', sp.prec < 0 ? 6 : sp.prec, bits); break;
    case 'e':
    case 'E': s = format_float(f, 'e', sp.prec < 0 ? 6 : sp.prec, bits); break;
    default: return {};
  }
  if (verb == 'E' || verb == 'G')
    for (char& c : s)
      if (c == 'e') c = 'E';
  if (sp.plus && s[0] != '-' && s[0] != '+') s = "+" + s;
  else if (sp.space && s[0] != '-') s = " " + s;
  return pad(s, sp, true);
}

}  // namespace

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

std::string duration_string(int64_t d) {
  std::string buf;  // built backwards
  uint64_t u = uint64_t(d);
  bool neg = d < 0;
  if (neg) u = uint64_t(0) - u;
  auto frac = [&](uint64_t v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      uint64_t digit = v % 10;
      print = print || digit != 0;
      if (print) buf += char('0' + digit);
      v /= 10;
    }
    if (print) buf += '.';
    return v;
  };
  auto integer = [&](uint64_t v) {
    if (v == 0) {
      buf += '0';
      return;
    }
    while (v > 0) {
      buf += char('0' + v % 10);
      v /= 10;
    }
  };
  const uint64_t second = 1000000000ull;
  if (u < second) {
    int prec = 0;
    buf += 's';
    if (u == 0) return "0s";
    if (u < 1000ull) {
      prec = 0;
      buf += 'n';
    } else if (u < 1000000ull) {
      prec = 3;
      buf += "\xb5\xc2";  // "µ" reversed
    } else {
      prec = 6;
      buf += 'm';
    }
    u = frac(u, prec);
    integer(u);
  } else {
    buf += 's';
    u = frac(u, 9);
    integer(u % 60);
    u /= 60;
    if (u > 0) {
      buf += 'm';
      integer(u % 60);
      u /= 60;
      if (u > 0) {
        buf += 'h';
        integer(u);
      }
    }
  }
  if (neg) buf += '-';
  std::reverse(buf.begin(), buf.end());
  return buf;
}

static std::string type_name_inner(const std::string& s);

std::string type_name(const Type* t) {
  if (!t) return "<nil>";
  return type_name_inner(type_string(t));
}

static std::string type_name_inner(const std::string& s) {
  // reflect spells interfaces and empty structs with a space.
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto word = [&](std::string_view w) {
      if (s.compare(i, w.size(), w) != 0) return false;
      bool left_ok = i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_' || s[i - 1] == '.');
      size_t end = i + w.size();
      bool right_ok = end >= s.size() || !(std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_');
      return left_ok && right_ok;
    };
    if (word("any")) {
      out += "interface {}";
      i += 3;
    } else if (s.compare(i, 11, "interface{}") == 0) {
      out += "interface {}";
      i += 11;
    } else if (s.compare(i, 8, "struct{}") == 0) {
      out += "struct {}";
      i += 8;
    } else if (s.compare(i, 7, "struct{") == 0 || s.compare(i, 10, "interface{") == 0) {
      // reflect writes "struct { A int; B string }"
      size_t open = s.find('{', i);
      out += s.substr(i, open - i) + " { ";
      int depth = 1;
      size_t j = open + 1;
      for (; j < s.size() && depth > 0; ++j) {
        if (s[j] == '{') ++depth;
        if (s[j] == '}') --depth;
      }
      out += type_name_inner(s.substr(open + 1, j - open - 2)) + " }";
      i = j;
    } else {
      out += s[i++];
    }
  }
  return out;
}

const Method* find_dyn_method(const Type* t, std::string_view name, std::vector<int>* path) {
  if (!t || (t->kind != Kind::Named && !(t->kind == Kind::Pointer && t->elem && t->elem->kind == Kind::Named)))
    return nullptr;
  return lookup_method(t, name, path);
}

namespace {

bool native_string_method(const Value& v, const Method& m, std::string& out) {
  switch (static_cast<Member>(m.member)) {
    case Member::errors_errorString_Error:
    case Member::fmt_wrapError_Error:
      if (v.heap() && v.o->kind == ObjKind::Err) {
        out = static_cast<ErrObj*>(v.o)->msg;
        return true;
      }
      return false;
    case Member::time_Duration_String: out = duration_string(v.i); return true;
    case Member::strings_Builder_String:
      if (v.heap() && v.o->kind == ObjKind::Ptr) {
        Value* t = static_cast<PtrObj*>(v.o)->target;
        if (t->heap() && t->o->kind == ObjKind::Builder) {
          out = static_cast<BuilderObj*>(t->o)->s;
          return true;
        }
      }
      return false;
    default: return false;
  }
}

bool call_method(const Value& v, const Method& m, const std::vector<int>& path, Hooks* hooks, std::string& out) {
  if (m.member >= 0) return path.empty() && native_string_method(v, m, out);
  if (!m.sig || !m.sig->params.empty() || m.sig->results.size() != 1 || !m.sig->results[0]->is_string()) return false;
  return hooks && hooks->call_string_method(v, m, path, out);
}

struct Printer {
  Hooks* hooks;
  std::string out;

  void bad_verb(char verb, const Value& v) {
    out += "%!";
    out += verb;
    out += '(';
    if (v.tb == 0) {
      out += "<nil>";
    } else {
      out += type_name(v.type());
      out += '=';
      Spec plain;
      Hooks* saved = hooks;
      print_value(v, 'v', plain, 0, true, /*methods=*/false);
      hooks = saved;
    }
    out += ')';
  }

  // handleMethods: Error() / String() for the verbs that print strings.
  bool handle_methods(const Value& v, char verb, const Spec& sp) {
    if (!(verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q')) return false;
    std::vector<int> path;
    const Method* m = find_dyn_method(v.type(), "Error", &path);
    if (!m) m = find_dyn_method(v.type(), "String", &path);
    if (!m) return false;
    std::string text;
    if (!call_method(v, *m, path, hooks, text)) return false;
    fmt_string(text, verb, sp);
    return true;
  }

  void fmt_string(std::string_view s, char verb, const Spec& sp) {
    switch (verb) {
      case 'v':
      case 's': {
        std::string t(s);
        if (sp.prec >= 0 && utf8_count(t) > size_t(sp.prec)) {
          size_t count = 0, i = 0;
          for (; i < t.size(); ++i) {
            if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) {
              if (count == size_t(sp.prec)) break;
              ++count;
            }
          }
          t = t.substr(0, i);
        }
        out += pad(t, sp);
        break;
      }
      case 'q': out += pad(quote(s), sp); break;
      case 'x':
      case 'X': {
        std::string h;
        for (unsigned char c : s) {
          char buf[4];
          std::snprintf(buf, sizeof buf, verb == 'x' ? "%02x" : "%02X", unsigned(c));
          h += buf;
        }
        out += pad(h, sp);
        break;
      }
      default: break;
    }
  }

  void print_value(const Value& v, char verb, const Spec& sp, int depth, bool exported, bool methods = true) {
    if (v.tb == 0) {
      if (verb == 'v' || verb == 's' || depth == 0) {
        if (verb == 'v') out += pad("<nil>", sp);
        else bad_verb(verb, v);
      } else {
        bad_verb(verb, v);
      }
      return;
    }
    if (methods && exported && (depth > 0 || v.type()->kind == Kind::Named || v.type()->kind == Kind::Pointer)) {
      if (handle_methods(v, verb, sp)) return;
    }
    const Type* t = v.type();
    const Type* u = t->underlying();
    Kind k = u->kind;
    if (t->kind == Kind::Named && t->native == NativeType::Time) {
      out += pad("time.Time(" + std::to_string(v.i) + ")", sp);
      return;
    }
    if (k == Kind::Bool) {
      if (verb == 'v' || verb == 't') out += pad(v.i ? "true" : "false", sp);
      else bad_verb(verb, v);
      return;
    }
    if (is_signed_kind(k) || is_unsigned_kind(k)) {
      std::string s = fmt_integer(v, k, verb, sp);
      if (s.empty()) bad_verb(verb, v);
      else out += s;
      return;
    }
    if (is_float_kind(k)) {
      std::string s = fmt_float(v.f, k == Kind::Float32 ? 32 : 64, verb, sp);
      if (s.empty()) bad_verb(verb, v);
      else out += s;
      return;
    }
    switch (k) {
      case Kind::String:
        if (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') fmt_string(str(v), verb, sp);
        else bad_verb(verb, v);
        return;
      case Kind::Map: {
        out += "map[";
        if (v.heap()) {
          const auto entries = sorted_entries(*static_cast<MapObj*>(v.o));
          bool first = true;
          for (auto& [key, val] : entries) {
            if (!first) out += ' ';
            first = false;
            print_value(*key, verb, sp, depth + 1, exported, methods);
            out += ':';
            print_value(*val, verb, sp, depth + 1, exported, methods);
          }
        }
        out += ']';
        return;
      }
      case Kind::Struct: {
        out += '{';
        if (v.heap() && v.o->kind == ObjKind::Agg) {
          auto* a = static_cast<AggObj*>(v.o);
          for (size_t i = 0; i < a->v.size() && i < u->fields.size(); ++i) {
            if (i > 0) out += ' ';
            if (sp.plus_v) out += u->fields[i].name + ":";
            print_value(a->v[i], verb, sp, depth + 1, exported && u->fields[i].exported(), methods);
          }
        } else if (v.heap() && v.o->kind == ObjKind::WaitGroup) {
          out += sp.plus_v ? "noCopy:{} state:{_:{} v:" : "{} {{} ";
          out += std::to_string(static_cast<WaitGroupObj*>(v.o)->wg.counter());
          out += sp.plus_v ? "} sema:0" : "} 0";
        } else if (v.heap() && v.o->kind == ObjKind::Mutex) {
          out += sp.plus_v ? "state:0 sema:0" : "0 0";
        } else if (v.heap() && v.o->kind == ObjKind::RWMutex) {
          std::string readers = std::to_string(static_cast<RWMutexObj*>(v.o)->mu.readers());
          out += sp.plus_v ? "w:{state:0 sema:0} writerSem:0 readerSem:0 readerCount:{_:{} v:" + readers + "} readerWait:{_:{} v:0}"
                           : "{0 0} 0 0 {{} " + readers + "} {{} 0}";
        }
        out += '}';
        return;
      }
      case Kind::Slice:
      case Kind::Array: {
        const Value* data = nullptr;
        size_t n = 0;
        if (k == Kind::Slice && v.heap()) {
          auto* s = static_cast<SliceObj*>(v.o);
          data = s->data();
          n = size_t(s->len);
        } else if (k == Kind::Array && v.heap()) {
          data = static_cast<AggObj*>(v.o)->v.data();
          n = static_cast<AggObj*>(v.o)->v.size();
        }
        if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && u->elem && u->elem->ukind() == Kind::Uint8) {
          std::string bytes;
          for (size_t i = 0; i < n; ++i) bytes += char(data[i].i);
          fmt_string(bytes, verb, sp);
          return;
        }
        out += '[';
        for (size_t i = 0; i < n; ++i) {
          if (i > 0) out += ' ';
          print_value(data[i], verb, sp, depth + 1, exported, methods);
        }
        out += ']';
        return;
      }
      case Kind::Pointer:
        if (depth == 0 && v.heap() && v.o->kind == ObjKind::Ptr) {
          const Value& target = *static_cast<PtrObj*>(v.o)->target;
          Kind tk = target.tb ? target.type()->ukind() : Kind::Invalid;
          if (tk == Kind::Struct || tk == Kind::Array || tk == Kind::Slice || tk == Kind::Map) {
            out += '&';
            print_value(target, verb, sp, depth + 1, exported, methods);
            return;
          }
        }
        [[fallthrough]];
      case Kind::Chan:
      case Kind::Func: {
        if (verb != 'v' && verb != 'p') {
          bad_verb(verb, v);
          return;
        }
        if (!v.heap()) {
          out += pad("<nil>", sp);
          return;
        }
        const void* addr = v.o;
        if (v.o->kind == ObjKind::Ptr) addr = static_cast<PtrObj*>(v.o)->target;
        out += pad(address_text(addr), sp);
        return;
      }
      default: out += "?"; return;
    }
  }

  // %#v: the value as Go source. `static_t` is the type of the place the value sits in
  // (a field, an element), which names a nil interface: `error(nil)`.
  void print_go_syntax(const Value& v, const Type* static_t, int depth) {
    if (v.tb == 0) {
      out += depth == 0 || !static_t ? "<nil>" : type_name(static_t) + "(nil)";
      return;
    }
    const Type* t = v.type();
    const Type* u = t->underlying();
    const Kind k = u->kind;
    if (k == Kind::Bool) {
      out += v.i ? "true" : "false";
    } else if (is_signed_kind(k)) {
      out += fmt_integer(v, k, 'd', Spec{});
    } else if (is_unsigned_kind(k)) {
      Spec hex;
      hex.sharp = true;  // fmt prints unsigned integers as 0x... under %#v
      out += fmt_integer(v, k, 'x', hex);
    } else if (is_float_kind(k)) {
      out += fmt_float(v.f, k == Kind::Float32 ? 32 : 64, 'v', Spec{});
    } else if (k == Kind::String) {
      out += quote(str(v));
    } else if (k == Kind::Slice || k == Kind::Array) {
      if (k == Kind::Slice && !v.heap()) {
        out += type_name(t) + "(nil)";
        return;
      }
      const Value* data = nullptr;
      size_t n = 0;
      if (k == Kind::Slice) {
        auto* so = static_cast<SliceObj*>(v.o);
        data = so->data();
        n = size_t(so->len);
      } else if (v.heap()) {
        data = static_cast<AggObj*>(v.o)->v.data();
        n = static_cast<AggObj*>(v.o)->v.size();
      }
      out += type_name(t) + "{";
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out += ", ";
        print_go_syntax(data[i], u->elem, depth + 1);
      }
      out += "}";
    } else if (k == Kind::Map) {
      if (!v.heap()) {
        out += type_name(t) + "(nil)";
        return;
      }
      const auto entries = sorted_entries(*static_cast<MapObj*>(v.o));
      out += type_name(t) + "{";
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) out += ", ";
        print_go_syntax(*entries[i].first, u->key, depth + 1);
        out += ':';
        print_go_syntax(*entries[i].second, u->elem, depth + 1);
      }
      out += "}";
    } else if (k == Kind::Struct && v.heap() && v.o->kind == ObjKind::Agg) {
      auto* a = static_cast<AggObj*>(v.o);
      out += type_name(t) + "{";
      for (size_t i = 0; i < a->v.size() && i < u->fields.size(); ++i) {
        if (i > 0) out += ", ";
        out += u->fields[i].name + ":";
        print_go_syntax(a->v[i], u->fields[i].type, depth + 1);
      }
      out += "}";
    } else if (k == Kind::Pointer) {
      const bool is_ptr = v.heap() && v.o->kind == ObjKind::Ptr;
      if (!is_ptr) {
        out += "(" + type_name(t) + ")(nil)";
        return;
      }
      const Value& target = *static_cast<PtrObj*>(v.o)->target;
      const Kind tk = target.tb ? target.type()->ukind() : Kind::Invalid;
      if (depth == 0 && (tk == Kind::Struct || tk == Kind::Array || tk == Kind::Slice || tk == Kind::Map)) {
        out += '&';
        print_go_syntax(target, u->elem, depth + 1);
      } else {
        out += "(" + type_name(t) + ")(" + address_text(static_cast<PtrObj*>(v.o)->target) + ")";
      }
    } else if (k == Kind::Chan || k == Kind::Func) {
      out += "(" + type_name(t) + ")(" + (v.heap() ? address_text(v.o) : std::string("nil")) + ")";
    } else {
      Spec plain;
      print_value(v, 'v', plain, depth, true, /*methods=*/false);  // sync types and the like: their %v
    }
  }

  // A map's entries in the order fmt prints them: by key.
  static std::vector<std::pair<const Value*, const Value*>> sorted_entries(const MapObj& m) {
    std::vector<std::pair<const Value*, const Value*>> entries;
    for (auto& [key, val] : m.m) entries.push_back({&key, &val});
    std::sort(entries.begin(), entries.end(), [](auto& a, auto& b) { return key_less(*a.first, *b.first); });
    return entries;
  }

  // A pointer's address as %p and %v print it.
  static std::string address_text(const void* addr) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(addr)));
    return buf;
  }

  static bool key_less(const Value& a, const Value& b) {
    if (a.tb == 0 || b.tb == 0) return a.tb == 0 && b.tb != 0;
    Kind ka = a.type()->ukind(), kb = b.type()->ukind();
    if (ka != kb) return ka < kb;
    if (is_float_kind(ka)) return a.f < b.f;
    if (ka == Kind::String) return str(a) < str(b);
    if (is_unsigned_kind(ka)) return uint64_t(a.i) < uint64_t(b.i);
    if (ka == Kind::Struct || ka == Kind::Array) {
      if (!a.heap() || !b.heap()) return false;
      auto& x = static_cast<AggObj*>(a.o)->v;
      auto& y = static_cast<AggObj*>(b.o)->v;
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (key_less(x[i], y[i])) return true;
        if (key_less(y[i], x[i])) return false;
      }
      return false;
    }
    if (ka == Kind::Pointer || ka == Kind::Chan) return a.obj() < b.obj();
    return a.i < b.i;
  }

  // printArg: the operand of one verb.
  void print_arg(const Value& v, char verb, const Spec& sp) {
    if (v.tb == 0) {
      if (verb == 'T' || verb == 'v') out += pad("<nil>", sp);
      else bad_verb(verb, v);
      return;
    }
    if (verb == 'T') {
      out += pad(type_name(v.type()), sp);
      return;
    }
    if (verb == 'v' && sp.sharp) {
      std::string saved = std::move(out);
      out.clear();
      print_go_syntax(v, v.type(), 0);
      out = saved + pad(out, sp);
      return;
    }
    print_value(v, verb, sp, 0, true);
  }
};

bool is_string_operand(const Value& v) { return v.tb != 0 && v.type()->ukind() == Kind::String; }

}  // namespace

bool call_text_method(const Value& v, const Method& m, Hooks* hooks, std::string& out) {
  return call_method(v, m, {}, hooks, out);
}

std::string format_v(const Value& v, Hooks* hooks) {
  Printer p{hooks, {}};
  p.print_arg(v, 'v', Spec{});
  return p.out;
}

std::string sprint(const Value* args, size_t n, Hooks* hooks) {
  Printer p{hooks, {}};
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && !is_string_operand(args[i]) && !is_string_operand(args[i - 1])) p.out += ' ';
    p.print_arg(args[i], 'v', Spec{});
  }
  return p.out;
}

std::string sprintln(const Value* args, size_t n, Hooks* hooks) {
  Printer p{hooks, {}};
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) p.out += ' ';
    p.print_arg(args[i], 'v', Spec{});
  }
  p.out += '\n';
  return p.out;
}

std::string sprintf(std::string_view f, const Value* args, size_t n, Hooks* hooks) {
  Printer p{hooks, {}};
  size_t argi = 0;
  size_t i = 0;
  while (i < f.size()) {
    char c = f[i];
    if (c != '%') {
      size_t j = f.find('%', i);
      if (j == std::string_view::npos) j = f.size();
      p.out.append(f.substr(i, j - i));
      i = j;
      continue;
    }
    ++i;
    Spec sp;
    for (; i < f.size(); ++i) {
      char fl = f[i];
      if (fl == '+') sp.plus = true;
      else if (fl == '-') sp.minus = true;
      else if (fl == '#') sp.sharp = true;
      else if (fl == ' ') sp.space = true;
      else if (fl == '0') sp.zero = true;
      else break;
    }
    if (i < f.size() && f[i] == '*') {
      ++i;
      if (argi < n && args[argi].tb && args[argi].type()->is_integer()) sp.width = int(args[argi].i);
      ++argi;
      if (sp.width < 0) {
        sp.minus = true;
        sp.width = -sp.width;
      }
    }
    while (i < f.size() && f[i] >= '0' && f[i] <= '9') sp.width = (sp.width < 0 ? 0 : sp.width) * 10 + (f[i++] - '0');
    if (i < f.size() && f[i] == '.') {
      ++i;
      sp.prec = 0;
      if (i < f.size() && f[i] == '*') {
        ++i;
        if (argi < n && args[argi].tb) sp.prec = int(args[argi].i);
        ++argi;
      }
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') sp.prec = sp.prec * 10 + (f[i++] - '0');
    }
    if (sp.minus) sp.zero = false;
    if (i >= f.size()) {
      p.out += "%!(NOVERB)";
      break;
    }
    // The verb is one rune.
    unsigned char vc = static_cast<unsigned char>(f[i]);
    size_t vlen = vc < 0x80 ? 1 : vc < 0xE0 ? 2 : vc < 0xF0 ? 3 : 4;
    std::string verb_text(f.substr(i, vlen));
    i += vlen;
    char verb = verb_text.size() == 1 ? verb_text[0] : '?';
    if (verb == '%') {
      p.out += '%';
      continue;
    }
    if (argi >= n) {
      p.out += "%!" + verb_text + "(MISSING)";
      continue;
    }
    const Value& arg = args[argi++];
    if (verb == 'w') verb = 'v';
    if (verb == 'v' && sp.plus) {
      sp.plus_v = true;
      sp.plus = false;
    }
    if (verb_text.size() != 1) {
      p.out += "%!" + verb_text + "(";
      p.out += arg.tb ? type_name(arg.type()) + "=" + format_v(arg, hooks) : "<nil>";
      p.out += ")";
      continue;
    }
    p.print_arg(arg, verb, sp);
  }
  if (argi < n) {
    p.out += "%!(EXTRA ";
    for (size_t k = argi; k < n; ++k) {
      if (k > argi) p.out += ", ";
      if (args[k].tb == 0) {
        p.out += "<nil>";
      } else {
        p.out += type_name(args[k].type()) + "=";
        p.print_arg(args[k], 'v', Spec{});
      }
    }
    p.out += ")";
  }
  return p.out;
}

bool error_text(const Value& v, Hooks* hooks, std::string& out) {
  std::vector<int> path;
  const Method* m = find_dyn_method(v.type(), "Error", &path);
  return m && call_method(v, *m, path, hooks, out);
}

std::string panic_text(const Value& v, Hooks* hooks) {
  if (v.tb == 0) return "nil";
  std::string s;
  if (error_text(v, hooks, s)) return s;
  std::vector<int> path;
  if (const Method* m = find_dyn_method(v.type(), "String", &path); m && call_method(v, *m, path, hooks, s)) return s;
  const Type* t = v.type();
  Kind k = t->ukind();
  std::string plain;
  if (k == Kind::Bool) plain = v.i ? "true" : "false";
  else if (is_signed_kind(k) || is_unsigned_kind(k)) plain = fmt_integer(v, k, 'd', Spec{});
  else if (is_float_kind(k)) plain = print_builtin(v);
  else if (k == Kind::String) plain = std::string(str(v));
  else {
    char buf[48];
    const void* addr = v.obj();
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(addr)));
    return "(" + type_name(t) + ") " + buf;
  }
  if (t->kind == Kind::Named) {
    if (k == Kind::String) return type_name(t) + "(" + quote(plain) + ")";
    return type_name(t) + "(" + plain + ")";
  }
  return plain;
}

std::string print_builtin(const Value& v) {
  if (v.tb == 0) return "(0x0,0x0)";
  Kind k = v.type()->ukind();
  if (k == Kind::Bool) return v.i ? "true" : "false";
  if (is_signed_kind(k)) return std::to_string(v.i);
  if (is_unsigned_kind(k)) return std::to_string(uint64_t(v.i));
  if (k == Kind::String) return std::string(str(v));
  if (is_float_kind(k)) {
    double f = v.f;
    if (std::isnan(f)) return "NaN";
    if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%+.6e", f);
    // C prints at least two exponent digits; Go's print uses three.
    std::string s(buf);
    size_t e = s.find('e');
    std::string exp = s.substr(e + 2);
    while (exp.size() < 3) exp = "0" + exp;
    return s.substr(0, e + 2) + exp;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(v.obj())));
  return buf;
}

}  // namespace poollab::golite::fmt
