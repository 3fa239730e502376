// Go's types: construction, interning, printing, identity, assignability.
#include "poollab/golite/types.hpp"

#include <algorithm>
#include <cstdio>

namespace poollab::golite {

bool Type::is_integer() const {
  Kind k = ukind();
  return (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune;
}
bool Type::is_unsigned() const {
  Kind k = ukind();
  return k >= Kind::Uint && k <= Kind::Uintptr;
}
bool Type::is_float() const {
  Kind k = ukind();
  return k == Kind::Float32 || k == Kind::Float64 || k == Kind::UntypedFloat;
}
bool Type::is_numeric() const { return is_integer() || is_float(); }
bool Type::is_string() const {
  Kind k = ukind();
  return k == Kind::String || k == Kind::UntypedString;
}
bool Type::is_boolean() const {
  Kind k = ukind();
  return k == Kind::Bool || k == Kind::UntypedBool;
}

const Method* Type::find_method(std::string_view method_name) const {
  for (const auto& m : methods)
    if (m.name == method_name) return &m;
  return nullptr;
}

int Type::int_bits() const {
  switch (ukind()) {
    case Kind::Int8: case Kind::Uint8: return 8;
    case Kind::Int16: case Kind::Uint16: return 16;
    case Kind::Int32: case Kind::Uint32: return 32;
    case Kind::Int: case Kind::Int64: case Kind::Uint: case Kind::Uint64: case Kind::Uintptr: return 64;
    default: return 0;
  }
}

// ---------------------------------------------------------------- arena

Type* TypeArena::make(Kind k) {
  std::lock_guard<std::mutex> lock(mu_);
  types_.emplace_back();
  types_.back().kind = k;
  return &types_.back();
}

const Type* TypeArena::intern(std::string key, Type t) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  types_.push_back(std::move(t));
  const Type* p = &types_.back();
  interned_.emplace(std::move(key), p);
  return p;
}

namespace {
std::string ptr_key(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}
}  // namespace

const Type* TypeArena::pointer_to(const Type* elem) {
  Type t;
  t.kind = Kind::Pointer;
  t.elem = elem;
  return intern("P" + ptr_key(elem), std::move(t));
}
const Type* TypeArena::slice_of(const Type* elem) {
  Type t;
  t.kind = Kind::Slice;
  t.elem = elem;
  return intern("S" + ptr_key(elem), std::move(t));
}
const Type* TypeArena::array_of(const Type* elem, int64_t length) {
  Type t;
  t.kind = Kind::Array;
  t.elem = elem;
  t.length = length;
  return intern("A" + std::to_string(length) + ptr_key(elem), std::move(t));
}
const Type* TypeArena::map_of(const Type* key, const Type* value) {
  Type t;
  t.kind = Kind::Map;
  t.key = key;
  t.elem = value;
  return intern("M" + ptr_key(key) + ptr_key(value), std::move(t));
}
const Type* TypeArena::chan_of(const Type* elem, ChanDir dir) {
  Type t;
  t.kind = Kind::Chan;
  t.elem = elem;
  t.dir = dir;
  return intern("C" + std::to_string(int(dir)) + ptr_key(elem), std::move(t));
}
const Type* TypeArena::tuple_of(std::vector<const Type*> elems) {
  std::string key = "T";
  for (auto* e : elems) key += ptr_key(e) + ",";
  Type t;
  t.kind = Kind::Tuple;
  t.elems = std::move(elems);
  return intern(std::move(key), std::move(t));
}
const Type* TypeArena::func_of(std::vector<const Type*> params, std::vector<const Type*> results, bool variadic,
                               std::vector<std::string> param_names, std::vector<std::string> result_names) {
  std::string key = variadic ? "Fv(" : "F(";
  for (size_t i = 0; i < params.size(); ++i)
    key += ptr_key(params[i]) + (i < param_names.size() ? param_names[i] : "") + ",";
  key += ")(";
  for (size_t i = 0; i < results.size(); ++i)
    key += ptr_key(results[i]) + (i < result_names.size() ? result_names[i] : "") + ",";
  Type t;
  t.kind = Kind::Func;
  t.params = std::move(params);
  t.results = std::move(results);
  t.variadic = variadic;
  t.param_names = std::move(param_names);
  t.result_names = std::move(result_names);
  return intern(std::move(key), std::move(t));
}

// ---------------------------------------------------------------- universe

namespace {
Universe* build_universe() {
  auto* u = new Universe();
  auto basic = [&](Kind k, const char* name) {
    Type* t = u->arena.make(k);
    t->name = name;
    return t;
  };
  u->invalid = basic(Kind::Invalid, "invalid type");
  u->bool_type = basic(Kind::Bool, "bool");
  u->int_type = basic(Kind::Int, "int");
  u->int8_type = basic(Kind::Int8, "int8");
  u->int16_type = basic(Kind::Int16, "int16");
  u->int32_type = basic(Kind::Int32, "int32");
  u->int64_type = basic(Kind::Int64, "int64");
  u->uint_type = basic(Kind::Uint, "uint");
  u->uint8_type = basic(Kind::Uint8, "uint8");
  u->uint16_type = basic(Kind::Uint16, "uint16");
  u->uint32_type = basic(Kind::Uint32, "uint32");
  u->uint64_type = basic(Kind::Uint64, "uint64");
  u->uintptr_type = basic(Kind::Uintptr, "uintptr");
  u->float32_type = basic(Kind::Float32, "float32");
  u->float64_type = basic(Kind::Float64, "float64");
  u->string_type = basic(Kind::String, "string");
  Type* byte_t = basic(Kind::Uint8, "byte");
  byte_t->is_alias_of_predeclared = true;
  u->byte_type = byte_t;
  Type* rune_t = basic(Kind::Int32, "rune");
  rune_t->is_alias_of_predeclared = true;
  u->rune_type = rune_t;
  u->untyped_bool = basic(Kind::UntypedBool, "untyped bool");
  u->untyped_int = basic(Kind::UntypedInt, "untyped int");
  u->untyped_rune = basic(Kind::UntypedRune, "untyped rune");
  u->untyped_float = basic(Kind::UntypedFloat, "untyped float");
  u->untyped_string = basic(Kind::UntypedString, "untyped string");
  u->untyped_nil = basic(Kind::UntypedNil, "untyped nil");
  Type* any = u->arena.make(Kind::Interface);
  any->name = "any";
  u->any_type = any;
  u->empty_struct = u->arena.make(Kind::Struct);
  Type* err_iface = u->arena.make(Kind::Interface);
  err_iface->imethods.push_back({"Error", u->arena.func_of({}, {u->string_type}, false)});
  Type* err = u->arena.make(Kind::Named);
  err->name = "error";
  err->underlying_ = err_iface;
  u->error_type = err;
  return u;
}
}  // namespace

Universe& universe() {
  static Universe* u = build_universe();
  return *u;
}

const Type* Universe::lookup(std::string_view n) const {
  static const std::pair<std::string_view, const Type* Universe::*> table[] = {
      {"bool", &Universe::bool_type},       {"int", &Universe::int_type},         {"int8", &Universe::int8_type},
      {"int16", &Universe::int16_type},     {"int32", &Universe::int32_type},     {"int64", &Universe::int64_type},
      {"uint", &Universe::uint_type},       {"uint8", &Universe::uint8_type},     {"uint16", &Universe::uint16_type},
      {"uint32", &Universe::uint32_type},   {"uint64", &Universe::uint64_type},   {"uintptr", &Universe::uintptr_type},
      {"float32", &Universe::float32_type}, {"float64", &Universe::float64_type}, {"string", &Universe::string_type},
      {"byte", &Universe::byte_type},       {"rune", &Universe::rune_type},       {"error", &Universe::error_type},
      {"any", &Universe::any_type},
  };
  for (const auto& [name, member] : table)
    if (name == n) return this->*member;
  return nullptr;
}

const Type* Universe::default_type(const Type* t) const {
  switch (t->kind) {
    case Kind::UntypedBool: return bool_type;
    case Kind::UntypedInt: return int_type;
    case Kind::UntypedRune: return rune_type;
    case Kind::UntypedFloat: return float64_type;
    case Kind::UntypedString: return string_type;
    default: return t;
  }
}

// ---------------------------------------------------------------- printing

namespace {

thread_local std::string_view t_local_pkg;

void write_type(std::string& out, const Type* t, int depth);

void write_sig(std::string& out, const Type* t, int depth) {
  out += "(";
  for (size_t i = 0; i < t->params.size(); ++i) {
    if (i) out += ", ";
    if (i < t->param_names.size() && !t->param_names[i].empty()) out += t->param_names[i] + " ";
    if (t->variadic && i + 1 == t->params.size() && t->params[i]->kind == Kind::Slice) {
      out += "...";
      write_type(out, t->params[i]->elem, depth + 1);
    } else {
      write_type(out, t->params[i], depth + 1);
    }
  }
  out += ")";
  bool named = false;
  for (auto& n : t->result_names) named |= !n.empty();
  if (t->results.size() == 1 && !named) {
    out += " ";
    write_type(out, t->results[0], depth + 1);
  } else if (!t->results.empty()) {
    out += " (";
    for (size_t i = 0; i < t->results.size(); ++i) {
      if (i) out += ", ";
      if (i < t->result_names.size() && !t->result_names[i].empty()) out += t->result_names[i] + " ";
      write_type(out, t->results[i], depth + 1);
    }
    out += ")";
  }
}

void write_type(std::string& out, const Type* t, int depth) {
  if (!t) {
    out += "<nil>";
    return;
  }
  if (depth > 50) {
    out += "…";
    return;
  }
  switch (t->kind) {
    case Kind::Named:
      if (!t->pkg.empty() && t->pkg != t_local_pkg) out += t->pkg + ".";
      out += t->name;
      return;
    case Kind::Pointer:
      out += "*";
      write_type(out, t->elem, depth + 1);
      return;
    case Kind::Slice:
      out += "[]";
      write_type(out, t->elem, depth + 1);
      return;
    case Kind::Array:
      out += "[" + std::to_string(t->length) + "]";
      write_type(out, t->elem, depth + 1);
      return;
    case Kind::Map:
      out += "map[";
      write_type(out, t->key, depth + 1);
      out += "]";
      write_type(out, t->elem, depth + 1);
      return;
    case Kind::Chan: {
      bool parens = false;
      if (t->dir == ChanDir::Send) out += "chan<- ";
      else if (t->dir == ChanDir::Recv) out += "<-chan ";
      else {
        out += "chan ";
        parens = t->elem->kind == Kind::Chan && t->elem->dir == ChanDir::Recv;
      }
      if (parens) out += "(";
      write_type(out, t->elem, depth + 1);
      if (parens) out += ")";
      return;
    }
    case Kind::Func:
      out += "func";
      write_sig(out, t, depth);
      return;
    case Kind::Struct:
      out += "struct{";
      for (size_t i = 0; i < t->fields.size(); ++i) {
        if (i) out += "; ";
        if (!t->fields[i].embedded) out += t->fields[i].name + " ";
        write_type(out, t->fields[i].type, depth + 1);
      }
      out += "}";
      return;
    case Kind::Interface:
      if (!t->name.empty()) {
        out += t->name;
        return;
      }
      out += "interface{";
      for (size_t i = 0; i < t->imethods.size(); ++i) {
        if (i) out += "; ";
        out += t->imethods[i].name;
        write_sig(out, t->imethods[i].sig, depth);
      }
      out += "}";
      return;
    case Kind::Tuple:
      out += "(";
      for (size_t i = 0; i < t->elems.size(); ++i) {
        if (i) out += ", ";
        write_type(out, t->elems[i], depth + 1);
      }
      out += ")";
      return;
    default:
      out += t->name;
      return;
  }
}

}  // namespace

std::string type_string(const Type* t) {
  std::string out;
  t_local_pkg = {};
  write_type(out, t, 0);
  return out;
}

std::string type_string(const Type* t, std::string_view local) {
  std::string out;
  t_local_pkg = local;
  write_type(out, t, 0);
  t_local_pkg = {};
  return out;
}

// ---------------------------------------------------------------- identity

namespace {

bool identical_impl(const Type* a, const Type* b, int depth) {
  if (a == b) return true;
  if (!a || !b || depth > 100) return false;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case Kind::Named: return false;  // distinct declarations
    case Kind::Pointer: case Kind::Slice: return identical_impl(a->elem, b->elem, depth + 1);
    case Kind::Array: return a->length == b->length && identical_impl(a->elem, b->elem, depth + 1);
    case Kind::Map: return identical_impl(a->key, b->key, depth + 1) && identical_impl(a->elem, b->elem, depth + 1);
    case Kind::Chan: return a->dir == b->dir && identical_impl(a->elem, b->elem, depth + 1);
    case Kind::Func:
      if (a->variadic != b->variadic || a->params.size() != b->params.size() || a->results.size() != b->results.size())
        return false;
      for (size_t i = 0; i < a->params.size(); ++i)
        if (!identical_impl(a->params[i], b->params[i], depth + 1)) return false;
      for (size_t i = 0; i < a->results.size(); ++i)
        if (!identical_impl(a->results[i], b->results[i], depth + 1)) return false;
      return true;
    case Kind::Struct:
      if (a->fields.size() != b->fields.size()) return false;
      for (size_t i = 0; i < a->fields.size(); ++i) {
        const auto& fa = a->fields[i];
        const auto& fb = b->fields[i];
        if (fa.name != fb.name || fa.embedded != fb.embedded || !identical_impl(fa.type, fb.type, depth + 1))
          return false;
      }
      return true;
    case Kind::Interface:
      if (a->imethods.size() != b->imethods.size()) return false;
      for (size_t i = 0; i < a->imethods.size(); ++i)
        if (a->imethods[i].name != b->imethods[i].name ||
            !identical_impl(a->imethods[i].sig, b->imethods[i].sig, depth + 1))
          return false;
      return true;
    case Kind::Tuple:
      if (a->elems.size() != b->elems.size()) return false;
      for (size_t i = 0; i < a->elems.size(); ++i)
        if (!identical_impl(a->elems[i], b->elems[i], depth + 1)) return false;
      return true;
    default:
      return true;  // basic kinds: byte == uint8, rune == int32
  }
}

}  // namespace

bool identical(const Type* a, const Type* b) { return identical_impl(a, b, 0); }

Selection resolve_selector(const Type* t, std::string_view name) {
  Selection out;
  if (!t) return out;
  struct Cand {
    const Type* type;  // as declared: may be a pointer
    bool through_pointer;
    std::vector<int> path;
  };
  const bool start_ptr = t->kind == Kind::Pointer && t->elem;
  std::vector<Cand> level{{t, start_ptr, {}}};
  for (int depth = 0; depth < 8 && !level.empty(); ++depth) {
    std::vector<Cand> next;
    int matches = 0;
    auto match = [&](Selection s) {
      if (!matches++) out = std::move(s);
    };
    for (const Cand& c : level) {
      const bool is_ptr = c.type->kind == Kind::Pointer && c.type->elem;
      const Type* ct = is_ptr ? c.type->elem : c.type;
      if (ct->kind == Kind::Named) {
        if (const Method* m = ct->find_method(name)) {
          Selection s;
          s.what = Selection::What::Method;
          s.method = m;
          s.recv_named = ct;
          s.path = c.path;
          s.holder_is_pointer = is_ptr;
          s.through_pointer = c.through_pointer;
          match(std::move(s));
          continue;
        }
      }
      const Type* u = ct->underlying();
      if (!u) continue;
      if (u->kind == Kind::Interface) {
        if (depth == 0) continue;  // an interface's own methods: the caller's
        for (size_t i = 0; i < u->imethods.size(); ++i) {
          if (u->imethods[i].name != name) continue;
          Selection s;
          s.what = Selection::What::InterfaceMethod;
          s.iface = u;
          s.method_index = static_cast<int>(i);
          s.path = c.path;
          s.holder_is_pointer = is_ptr;
          s.through_pointer = c.through_pointer;
          match(std::move(s));
        }
        continue;
      }
      if (u->kind != Kind::Struct) continue;
      for (size_t i = 0; i < u->fields.size(); ++i) {
        const Field& f = u->fields[i];
        std::vector<int> p = c.path;
        p.push_back(static_cast<int>(i));
        if (f.name == name) {
          Selection s;
          s.what = Selection::What::Field;
          s.field_type = f.type;
          s.path = std::move(p);
          s.through_pointer = c.through_pointer;
          match(std::move(s));
          continue;
        }
        if (!f.embedded || !f.type) continue;
        const bool ptr = f.type->kind == Kind::Pointer && f.type->elem;
        next.push_back({f.type, ptr || c.through_pointer, std::move(p)});
      }
    }
    if (matches > 1) {
      out = Selection{};
      out.what = Selection::What::Ambiguous;
      return out;
    }
    if (matches == 1) return out;
    level = std::move(next);
  }
  return out;
}

const Method* lookup_method(const Type* t, std::string_view name, std::vector<int>* path, bool* wrong_pointer,
                            bool* ambiguous) {
  if (wrong_pointer) *wrong_pointer = false;
  if (ambiguous) *ambiguous = false;
  Selection s = resolve_selector(t, name);
  const Method* m = nullptr;
  if (s.what == Selection::What::Method) {
    m = s.method;
  } else if (s.what == Selection::What::InterfaceMethod) {
    m = &s.iface->imethods[static_cast<size_t>(s.method_index)].forward;
  } else {
    if (s.what == Selection::What::Ambiguous && ambiguous) *ambiguous = true;
    return nullptr;  // absent, ambiguous, or a field
  }
  if (m->pointer_recv && !s.through_pointer) {
    if (wrong_pointer) *wrong_pointer = true;
    return nullptr;
  }
  if (path) *path = std::move(s.path);
  return m;
}

bool implements(const Type* t, const Type* iface, std::string* missing, bool* wrong_pointer, bool* ambiguous) {
  const Type* it = iface->underlying();
  if (it->kind != Kind::Interface) return false;
  if (wrong_pointer) *wrong_pointer = false;
  if (ambiguous) *ambiguous = false;
  const Type* ut = t->underlying();
  for (const auto& m : it->imethods) {
    bool found = false;
    if (ut->kind == Kind::Interface) {
      for (const auto& tm : ut->imethods)
        if (tm.name == m.name && identical(tm.sig, m.sig)) found = true;
    } else {
      bool wrong = false, amb = false;
      const Method* tm = lookup_method(t, m.name, nullptr, &wrong, &amb);
      if (tm && identical(tm->sig, m.sig)) found = true;
      if (wrong && wrong_pointer) *wrong_pointer = true;
      if (amb && ambiguous) *ambiguous = true;
    }
    if (!found) {
      if (missing) *missing = m.name;
      return false;
    }
  }
  return true;
}

std::string not_implemented_reason(const Type* t, const Type* iface, std::string_view local) {
  std::string missing;
  bool wrong_ptr = false, ambiguous = false;
  if (implements(t, iface, &missing, &wrong_ptr, &ambiguous) || missing.empty()) return "";
  if (ambiguous) {
    const Type* base = t->kind == Kind::Pointer && t->elem ? t->elem : t;
    return "(ambiguous selector " + type_string(base, local) + "." + missing + ")";
  }
  if (t->underlying()->kind != Kind::Interface && resolve_selector(t, missing).what == Selection::What::Field)
    return "(" + type_string(t, local) + "." + missing + " is a field, not a method)";
  if (wrong_ptr) return "(method " + missing + " has pointer receiver)";
  return "(missing method " + missing + ")";
}

bool assignable(const Type* v, const Type* t) {
  if (!v || !t) return false;
  if (v->kind == Kind::Invalid || t->kind == Kind::Invalid) return true;  // already reported
  if (identical(v, t)) return true;
  const Type* vu = v->underlying();
  const Type* tu = t->underlying();
  if (v->is_untyped()) {
    switch (v->kind) {
      case Kind::UntypedNil:
        switch (tu->kind) {
          case Kind::Pointer: case Kind::Func: case Kind::Slice: case Kind::Map: case Kind::Chan: case Kind::Interface:
          case Kind::UnsafePointer:
            return true;
          default: return false;
        }
      case Kind::UntypedBool: return tu->kind == Kind::Bool || (tu->kind == Kind::Interface && tu->imethods.empty());
      case Kind::UntypedString: return tu->kind == Kind::String || (tu->kind == Kind::Interface && tu->imethods.empty());
      default:
        return t->is_numeric() || (tu->kind == Kind::Interface && tu->imethods.empty());
    }
  }
  if (identical(vu, tu) && (v->kind != Kind::Named || t->kind != Kind::Named) && vu->kind != Kind::Interface)
    return true;
  if (identical(vu, tu) && (v->kind != Kind::Named || t->kind != Kind::Named)) return true;
  if (tu->kind == Kind::Interface && implements(v, t)) return true;
  if (vu->kind == Kind::Chan && vu->dir == ChanDir::Both && tu->kind == Kind::Chan && identical(vu->elem, tu->elem) &&
      (v->kind != Kind::Named || t->kind != Kind::Named))
    return true;
  return false;
}

bool comparable(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Slice: case Kind::Map: case Kind::Func: return false;
    case Kind::Struct:
      return std::all_of(u->fields.begin(), u->fields.end(), [](const Field& f) { return comparable(f.type); });
    case Kind::Array: return comparable(u->elem);
    default: return true;
  }
}

}  // namespace poollab::golite
