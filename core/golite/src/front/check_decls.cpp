// Checker: package-level declarations, scopes, function bodies, entry point.
#include <string_view>
#include <algorithm>
#include <cstdio>
#include <mutex>

#include "front/checker.hpp"
#include "front/expr_text.hpp"
#include "poollab/golite/stdlib_decls.hpp"

namespace poollab::golite::front {

namespace {

struct BuiltinName {
  const char* name;
  Builtin b;
};
constexpr BuiltinName kBuiltins[] = {
    {"append", Builtin::Append}, {"cap", Builtin::Cap},     {"clear", Builtin::Clear},     {"close", Builtin::Close},
    {"copy", Builtin::Copy},     {"delete", Builtin::Delete}, {"len", Builtin::Len},       {"make", Builtin::Make},
    {"max", Builtin::Max},       {"min", Builtin::Min},     {"new", Builtin::New},         {"panic", Builtin::Panic},
    {"print", Builtin::Print},   {"println", Builtin::Println}, {"recover", Builtin::Recover},
};

NativeType native_for(std::string_view path, std::string_view name) {
  struct Entry {
    std::string_view path, name;
    NativeType n;
  };
  static constexpr Entry table[] = {
      {"sync", "WaitGroup", NativeType::WaitGroup}, {"sync", "Mutex", NativeType::Mutex},
      {"sync", "RWMutex", NativeType::RWMutex},     {"sync", "Once", NativeType::Once},
      {"time", "Time", NativeType::Time},           {"time", "Timer", NativeType::Timer},
      {"time", "Ticker", NativeType::Ticker},       {"context", "ctxImpl", NativeType::Context},
      {"errors", "errorString", NativeType::ErrorString}, {"fmt", "wrapError", NativeType::WrapError},
      {"strings", "Builder", NativeType::Builder},  {"math/rand", "Rand", NativeType::Rand},
      {"math/rand", "rngSource", NativeType::RngSource}, {"os", "File", NativeType::File},
  };
  for (const auto& e : table)
    if (e.path == path && e.name == name) return e.n;
  return NativeType::None;
}

}  // namespace

// ---------------------------------------------------------------- stdlib packages

const Package* stdlib_package(const std::string& path) {
  // Packages are checked once per process; loading one may load another
  // (context imports time), hence the recursive mutex.
  static std::recursive_mutex mu;
  static auto* cache = new std::unordered_map<std::string, std::unique_ptr<Package>>();
  static auto* loading = new std::unordered_set<std::string>();
  std::lock_guard<std::recursive_mutex> lock(mu);
  if (auto it = cache->find(path); it != cache->end()) return it->second.get();
  std::string_view src = stdlib_source(path);
  if (src.empty() || loading->count(path)) return nullptr;
  loading->insert(path);
  auto pkg = std::make_unique<Package>();
  pkg->path = path;
  pkg->name = std::string(package_name(path));
  std::vector<Diagnostic> errs;
  pkg->file = parse_file(src, path + ".go", errs);
  pkg->arena = std::make_unique<TypeArena>();
  if (pkg->file) {
    Checker c(*pkg->file, *pkg->arena, errs, path, true);
    c.check(nullptr);
    pkg->members = std::move(c.package_scope());
  }
  loading->erase(path);
  auto* raw = pkg.get();
  (*cache)[path] = std::move(pkg);
  return raw;
}

// ---------------------------------------------------------------- basics

Checker::Checker(File& file, TypeArena& arena, std::vector<Diagnostic>& errors, std::string pkg_path, bool stdlib)
    : file_(file), arena_(arena), u_(universe()), errors_(errors), pkg_path_(std::move(pkg_path)), stdlib_(stdlib) {
  pkg_name_ = std::string(package_name(pkg_path_));
}

void Checker::error(Pos pos, const std::string& msg) {
  if (errors_.size() >= 200) return;
  errors_.push_back(Diagnostic{file_.filename, pos.line, pos.col, msg});
}

std::string Checker::const_string(const ConstValue& cv) const {
  switch (cv.kind) {
    case ConstValue::Kind::Bool: return cv.b ? "true" : "false";
    case ConstValue::Kind::Int: return const_int_string(cv.i);
    case ConstValue::Kind::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", cv.f);
      std::string s = buf;
      if (s.find_first_of(".e") == std::string::npos && s.find("inf") == std::string::npos) {
        // integral float constants print like ints in Go's messages
      }
      return s;
    }
    case ConstValue::Kind::String: {
      std::string out = "\"";
      size_t n = 0;
      for (char c : cv.s) {
        if (++n > 72) {
          out += "...";
          break;
        }
        switch (c) {
          case '"': out += "\\\""; break;
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\t': out += "\\t"; break;
          default: out += c;
        }
      }
      return out + "\"";
    }
  }
  return "";
}

// Go's operand rendering: "x (variable of type int)", "2 (untyped int constant)".
std::string Checker::describe(const Expr* e) const {
  std::string text = expr_text(e);
  const Type* t = e->type;
  if (e->kind == NodeKind::Ident && static_cast<const Ident*>(e)->ref == RefKind::Nil) return "nil";
  if (t && t->kind == Kind::UntypedNil) return "nil";
  std::string mode;
  bool has_type = true;
  const Expr* inner = e;
  while (inner->kind == NodeKind::ParenExpr) inner = static_cast<const ParenExpr*>(inner)->x;
  if (e->is_type_expr) {
    mode = "type";
    has_type = false;
  } else if (inner->kind == NodeKind::Ident && static_cast<const Ident*>(inner)->ref == RefKind::Builtin) {
    mode = "built-in";
    has_type = false;
  } else if (e->cv) {
    mode = "constant";
    std::string v = const_string(*e->cv);
    if (t && t->kind == Kind::UntypedRune && e->cv->kind == ConstValue::Kind::Int) v = const_int_string(e->cv->i);
    if (v != text) mode += " " + v;
  } else if (t && t->kind == Kind::Tuple && t->elems.empty()) {
    mode = "no value";
    has_type = false;
  } else if (inner->kind == NodeKind::IndexExpr && static_cast<const IndexExpr*>(inner)->x->type &&
             static_cast<const IndexExpr*>(inner)->x->type->ukind() == Kind::Map) {
    mode = "map index expression";
  } else if (is_addressable(e)) {
    mode = "variable";
  } else {
    mode = "value";
  }
  std::string out = text + " (";
  if (has_type && t && t->is_untyped()) {
    out += t->name + " ";
    has_type = false;
  }
  out += mode;
  if (has_type && t) out += " of type " + (invalid(t) ? std::string("invalid type") : ts(t));
  return out + ")";
}

// ---------------------------------------------------------------- scopes

void Checker::pop_scope() { scopes_.pop_back(); }

const Object* Checker::lookup(const std::string& name, bool* is_local) {
  if (is_local) *is_local = false;
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->find(name);
    if (f != it->end()) {
      if (is_local) *is_local = true;
      return &f->second;
    }
  }
  if (auto f = file_scope_.find(name); f != file_scope_.end()) return &f->second;
  if (auto f = pkg_scope_.find(name); f != pkg_scope_.end()) {
    if (f->second.state != Object::State::Done) resolve_object(f->second);
    return &f->second;
  }
  static std::unordered_map<std::string, Object>* universe_objects = [] {
    auto* m = new std::unordered_map<std::string, Object>();
    Universe& u = universe();
    for (const char* n : {"bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32",
                          "uint64", "uintptr", "float32", "float64", "string", "byte", "rune", "error", "any"}) {
      Object o;
      o.k = Object::K::TypeName;
      o.name = n;
      o.type = u.lookup(n);
      (*m)[n] = o;
    }
    for (const auto& b : kBuiltins) {
      Object o;
      o.k = Object::K::Builtin;
      o.name = b.name;
      o.builtin = b.b;
      (*m)[b.name] = o;
    }
    Object t;
    t.k = Object::K::Const;
    t.type = u.untyped_bool;
    t.cv = ConstValue::of_bool(true);
    t.name = "true";
    (*m)["true"] = t;
    t.cv = ConstValue::of_bool(false);
    t.name = "false";
    (*m)["false"] = t;
    Object nil;
    nil.k = Object::K::Nil;
    nil.name = "nil";
    nil.type = u.untyped_nil;
    (*m)["nil"] = nil;
    Object iota;
    iota.k = Object::K::Const;
    iota.name = "iota";
    iota.type = u.untyped_int;
    (*m)["iota"] = iota;
    return m;
  }();
  if (auto f = universe_objects->find(name); f != universe_objects->end()) return &f->second;
  return nullptr;
}

void Checker::declare_local(Ident* id, Object obj) {
  if (id->name == "_") return;
  auto& scope = scopes_.back();
  if (auto it = scope.find(id->name); it != scope.end()) {
    error(id->pos, id->name + " redeclared in this block\n\t" + file_.filename + ":" + std::to_string(it->second.pos.line) +
                       ":" + std::to_string(it->second.pos.col) + ": other declaration of " + id->name);
    return;
  }
  obj.pos = id->pos;
  obj.name = id->name;
  scope[id->name] = obj;
}

Var* Checker::new_local(Ident* id, const Type* type) {
  Var* v = file_.make_var();
  v->name = id->name;
  v->pos = id->pos;
  v->type = type;
  if (fn_) {
    v->owner = fn_->info;
    v->index = fn_->info->num_slots++;
    if (id->name != "_") fn_->locals.push_back(v);
  }
  return v;
}

// ---------------------------------------------------------------- package level

void Checker::declare_pkg(Ident* id, Object obj) {
  if (id->name == "_") return;
  if (id->name == "init" && obj.k == Object::K::Func) return;  // init funcs are not declared
  obj.pos = id->pos;
  obj.name = id->name;
  if (auto it = pkg_scope_.find(id->name); it != pkg_scope_.end()) {
    error(id->pos, id->name + " redeclared in this block\n\t" + file_.filename + ":" + std::to_string(it->second.pos.line) +
                       ":" + std::to_string(it->second.pos.col) + ": other declaration of " + id->name);
    return;
  }
  pkg_scope_[id->name] = obj;
}

namespace {
// Go 1.23's standard library (`go list std`, internal and vendored packages left out).
constexpr std::string_view kGoStd[] = {
    "archive/tar", "archive/zip", "bufio", "bytes", "cmp", "compress/bzip2", "compress/flate",
    "compress/gzip", "compress/lzw", "compress/zlib", "container/heap", "container/list", "container/ring",
    "context", "crypto", "crypto/aes", "crypto/cipher", "crypto/des", "crypto/dsa", "crypto/ecdh",
    "crypto/ecdsa", "crypto/ed25519", "crypto/elliptic", "crypto/hmac", "crypto/md5", "crypto/rand",
    "crypto/rc4", "crypto/rsa", "crypto/sha1", "crypto/sha256", "crypto/sha512", "crypto/subtle",
    "crypto/tls", "crypto/x509", "crypto/x509/pkix", "database/sql", "database/sql/driver", "debug/buildinfo",
    "debug/dwarf", "debug/elf", "debug/gosym", "debug/macho", "debug/pe", "debug/plan9obj", "embed",
    "encoding", "encoding/ascii85", "encoding/asn1", "encoding/base32", "encoding/base64", "encoding/binary",
    "encoding/csv", "encoding/gob", "encoding/hex", "encoding/json", "encoding/pem", "encoding/xml", "errors",
    "expvar", "flag", "fmt", "go/ast", "go/build", "go/build/constraint", "go/constant", "go/doc",
    "go/doc/comment", "go/format", "go/importer", "go/parser", "go/printer", "go/scanner", "go/token",
    "go/types", "go/version", "hash", "hash/adler32", "hash/crc32", "hash/crc64", "hash/fnv", "hash/maphash",
    "html", "html/template", "image", "image/color", "image/color/palette", "image/draw", "image/gif",
    "image/jpeg", "image/png", "index/suffixarray", "io", "io/fs", "io/ioutil", "iter", "log", "log/slog",
    "log/syslog", "maps", "math", "math/big", "math/bits", "math/cmplx", "math/rand", "math/rand/v2", "mime",
    "mime/multipart", "mime/quotedprintable", "net", "net/http", "net/http/cgi", "net/http/cookiejar",
    "net/http/fcgi", "net/http/httptest", "net/http/httptrace", "net/http/httputil", "net/http/pprof",
    "net/mail", "net/netip", "net/rpc", "net/rpc/jsonrpc", "net/smtp", "net/textproto", "net/url", "os",
    "os/exec", "os/signal", "os/user", "path", "path/filepath", "plugin", "reflect", "regexp",
    "regexp/syntax", "runtime", "runtime/cgo", "runtime/coverage", "runtime/debug", "runtime/metrics",
    "runtime/pprof", "runtime/race", "runtime/trace", "slices", "sort", "strconv", "strings", "structs",
    "sync", "sync/atomic", "syscall", "testing", "testing/fstest", "testing/iotest", "testing/quick",
    "testing/slogtest", "text/scanner", "text/tabwriter", "text/template", "text/template/parse", "time",
    "time/tzdata", "unicode", "unicode/utf16", "unicode/utf8", "unique", "unsafe"};
bool go_std_has(std::string_view path) {
  for (std::string_view p : kGoStd)
    if (p == path) return true;
  return false;
}
}  // namespace

void Checker::collect() {
  for (Decl* d : file_.decls) {
    switch (d->kind) {
      case NodeKind::ImportDecl: {
        auto* imp = static_cast<ImportDecl*>(d);
        for (auto& spec : imp->specs) {
          const Package* pkg = stdlib_package(spec.path);
          if (!pkg) {
            // A package Go has but golite does not gets told apart from one Go lacks too.
            error(spec.pos, go_std_has(spec.path) ? "package " + spec.path +
                                                        " is in Go's standard library but not in golite's subset"
                                                  : "package " + spec.path + " is not in std");
            continue;
          }
          Object o;
          o.k = Object::K::Package;
          o.package = pkg;
          o.import = &spec;
          std::string name = spec.name ? spec.name->name : pkg->name;
          if (name == "_") continue;
          o.pos = spec.pos;
          o.name = name;
          if (file_scope_.count(name)) {
            error(spec.pos, name + " redeclared in this block");
            continue;
          }
          file_scope_[name] = o;
          if (out_) out_->imports.push_back(spec.path);
        }
        break;
      }
      case NodeKind::GenDecl: {
        auto* g = static_cast<GenDecl*>(d);
        if (g->tok == DeclTok::Type) {
          for (auto& ts : g->types) {
            Object o;
            o.k = Object::K::TypeName;
            o.state = Object::State::Unresolved;
            o.tspec = &ts;
            declare_pkg(ts.name, o);
          }
        } else {
          for (auto& vs : g->values) {
            for (size_t i = 0; i < vs.names.size(); ++i) {
              Object o;
              o.k = g->tok == DeclTok::Const ? Object::K::Const : Object::K::Var;
              o.state = Object::State::Unresolved;
              o.spec = &vs;
              o.spec_index = int(i);
              if (o.k == Object::K::Var) {
                Var* v = file_.make_var();
                v->name = vs.names[i]->name;
                v->pos = vs.names[i]->pos;
                v->global = true;
                v->used = true;
                v->index = int(globals_.size());
                globals_.push_back(v);
                o.var = v;
                vs.vars.resize(vs.names.size(), nullptr);
                vs.vars[i] = v;
                if (stdlib_) {
                  o.member = int(find_member(pkg_path_, "", vs.names[i]->name));
                  if (o.member == int(Member::Count)) o.member = -1;
                }
              }
              declare_pkg(vs.names[i], o);
            }
          }
        }
        break;
      }
      case NodeKind::FuncDecl: {
        auto* f = static_cast<FuncDecl*>(d);
        if (f->recv) break;
        Object o;
        o.k = Object::K::Func;
        o.func = f;
        if (stdlib_) {
          o.member = int(find_member(pkg_path_, "", f->name->name));
          if (o.member == int(Member::Count)) o.member = -1;
        }
        declare_pkg(f->name, o);
        break;
      }
      default: break;
    }
  }
}

void Checker::resolve_object(Object& obj) {
  if (obj.state == Object::State::Done) return;
  if (obj.state == Object::State::Resolving) {
    if (obj.k == Object::K::TypeName) return;  // the Named type already exists
    error(obj.pos, "initialization cycle or invalid recursive reference to " + obj.name);
    obj.state = Object::State::Done;
    if (obj.k == Object::K::Const) {
      obj.type = u_.invalid;
    } else if (obj.var && !obj.var->type) {
      obj.var->type = u_.invalid;
    }
    return;
  }
  obj.state = Object::State::Resolving;
  // package-level resolution happens outside any function and block
  auto saved_scopes = std::move(scopes_);
  scopes_.clear();
  FuncCtx* saved_fn = fn_;
  fn_ = nullptr;
  int saved_iota = iota_;
  auto saved_targets = std::move(targets_);
  targets_.clear();
  switch (obj.k) {
    case Object::K::TypeName: resolve_type_spec(obj); break;
    case Object::K::Const: const_spec(*obj.spec, obj.spec_index, &obj); break;
    case Object::K::Var: resolve_global_var(obj); break;
    default: break;
  }
  scopes_ = std::move(saved_scopes);
  fn_ = saved_fn;
  iota_ = saved_iota;
  targets_ = std::move(saved_targets);
  obj.state = Object::State::Done;
}

const Type* Checker::resolve_type_spec(Object& obj) {
  TypeSpec& ts = *obj.tspec;
  if (ts.alias) {
    obj.type = resolve_type(ts.type);
    ts.declared = obj.type;
    ts.name->type = obj.type;
    return obj.type;
  }
  Type* named = arena_.make(Kind::Named);
  named->name = ts.name->name;
  named->pkg = pkg_name_;
  if (stdlib_) named->native = native_for(pkg_path_, named->name);
  obj.type = named;
  ts.declared = named;
  ts.name->type = named;
  ts.name->is_type_expr = true;
  const Type* under = resolve_type(ts.type);
  named->underlying_ = invalid(under) ? u_.invalid : under->underlying();
  if (!named->underlying_) {
    // `type A B` where B is still being declared (a cycle): report it once
    error(ts.name->pos, "invalid recursive type " + ts.name->name);
    named->underlying_ = u_.invalid;
  }
  return named;
}

// Evaluate constant `index` of `spec` (explicit or implicitly repeated values).
void Checker::const_spec(ValueSpec& spec, int index, Object* out) {
  const auto& values = spec.values.empty() ? spec.implicit : spec.values;
  int saved_iota = iota_;
  iota_ = spec.iota;
  const Type* typ = spec.type ? resolve_type(spec.type) : nullptr;
  Ident* name = spec.names[index];
  const Type* result = u_.invalid;
  std::optional<ConstValue> cv;
  if (index < int(values.size())) {
    Expr* e = values[index];
    expr(e);
    if (!invalid(e->type)) {
      if (!e->cv) {
        error(e->pos, describe(e) + " is not constant");
      } else if (typ && !invalid(typ)) {
        if (!typ->underlying()->is_basic()) {
          error(spec.type->pos, "invalid constant type " + ts(typ));
        } else if (assign(e, typ, "constant declaration")) {
          result = typ;
          cv = e->cv;
        }
      } else {
        result = e->type;
        cv = e->cv;
      }
    }
  } else if (index == int(values.size())) {
    if (values.empty()) {
      error(name->pos, "missing init expr for const declaration");
    } else {
      error(name->pos, "missing init expr for const declaration");
    }
  }
  if (index == int(spec.names.size()) - 1 && values.size() > spec.names.size()) {
    error(values[spec.names.size()]->pos, "extra init expr");
  }
  iota_ = saved_iota;
  name->type = result;
  name->cv = cv;
  if (out) {
    out->type = result;
    out->cv = cv;
    if (!cv) out->type = u_.invalid;
  }
}

void Checker::check_const_decl(GenDecl* d, bool local) {
  for (auto& spec : d->values) {
    for (size_t i = 0; i < spec.names.size(); ++i) {
      if (!local) {
        auto it = pkg_scope_.find(spec.names[i]->name);
        if (it != pkg_scope_.end() && it->second.spec == &spec) {
          resolve_object(it->second);
          continue;
        }
        const_spec(spec, int(i), nullptr);  // `_` or redeclared: still check it
        continue;
      }
      Object o;
      o.k = Object::K::Const;
      const_spec(spec, int(i), &o);
      pending_consts_.push_back({spec.names[i], o});
    }
    if (local) {
      // names come into scope after the whole spec
      for (auto& [id, o] : pending_consts_) declare_local(id, o);
      pending_consts_.clear();
    }
  }
}

void Checker::resolve_global_var(Object& obj) {
  ValueSpec& spec = *obj.spec;
  check_var_spec(spec, false);
}

// Check a var spec: types, initializers, assignability. Local specs also
// declare their variables.
void Checker::check_var_spec(ValueSpec& spec, bool local) {
  if (!local) {
    auto st = spec_state_[&spec];
    if (st == 2) return;
    if (st == 1) return;  // cycle reported by resolve_object
    spec_state_[&spec] = 1;
  }
  const Type* typ = spec.type ? resolve_type(spec.type) : nullptr;
  size_t n = spec.names.size();
  std::vector<const Type*> types(n, typ);
  if (!spec.values.empty()) {
    if (spec.values.size() == n) {
      for (size_t i = 0; i < n; ++i) {
        Expr* e = spec.values[i];
        value(e, typ);
        if (invalid(e->type)) {
          if (!typ) types[i] = u_.invalid;
          continue;
        }
        if (typ) {
          assign(e, typ, "variable declaration");
        } else {
          if (e->type->kind == Kind::UntypedNil) {
            error(e->pos, "use of untyped nil in variable declaration");
            types[i] = u_.invalid;
            continue;
          }
          default_type_in(e, "variable declaration");
          types[i] = e->type;
        }
      }
    } else if (spec.values.size() == 1 && n > 1) {
      Expr* e = spec.values[0];
      expr(e);
      // comma-ok forms and multi-value calls
      const Type* t = e->type;
      std::vector<const Type*> rt;
      if (t && t->kind == Kind::Tuple) {
        rt = t->elems;
      } else if (n == 2 && (e->kind == NodeKind::IndexExpr || e->kind == NodeKind::TypeAssertExpr ||
                            (e->kind == NodeKind::UnaryExpr && static_cast<UnaryExpr*>(e)->op == Op::Arrow)) &&
                 !invalid(t)) {
        if (e->kind == NodeKind::IndexExpr && static_cast<IndexExpr*>(e)->x->type &&
            static_cast<IndexExpr*>(e)->x->type->ukind() == Kind::Map)
          static_cast<IndexExpr*>(e)->comma_ok = true;
        else if (e->kind == NodeKind::TypeAssertExpr) static_cast<TypeAssertExpr*>(e)->comma_ok = true;
        else if (e->kind == NodeKind::UnaryExpr) static_cast<UnaryExpr*>(e)->comma_ok = true;
        if (e->kind != NodeKind::IndexExpr || static_cast<IndexExpr*>(e)->comma_ok)
          rt = {t, u_.bool_type};
      }
      if (!invalid(t)) {
        if (rt.size() != n) {
          if (e->kind == NodeKind::CallExpr && t->kind == Kind::Tuple)
            error(e->pos, "assignment mismatch: " + std::to_string(n) + " variables but " +
                              expr_text(static_cast<CallExpr*>(e)->fun) + " returns " + std::to_string(rt.size()) +
                              (rt.size() == 1 ? " value" : " values"));
          else
            error(e->pos, "assignment mismatch: " + std::to_string(n) + " variables but 1 value");
          for (auto& x : types)
            if (!x) x = u_.invalid;
        } else {
          for (size_t i = 0; i < n; ++i) {
            if (typ) {
              if (!assignable(rt[i], typ))
                error(e->pos, "cannot use " + describe(e) + " as " + ts(typ) + " value in assignment");
            } else {
              types[i] = u_.default_type(rt[i]);
            }
          }
        }
      } else {
        for (auto& x : types)
          if (!x) x = u_.invalid;
      }
    } else {
      Expr* at = spec.values.size() > n ? spec.values[n] : spec.values[0];
      if (spec.values.size() < n) at = spec.values.back();
      if (spec.values.size() > n) error(at->pos, "assignment mismatch: " + std::to_string(n) + (n == 1 ? " variable" : " variables") + " but " +
                                             std::to_string(spec.values.size()) + " values");
      else error(at->pos, "assignment mismatch: " + std::to_string(n) + (n == 1 ? " variable" : " variables") + " but " +
                               std::to_string(spec.values.size()) + (spec.values.size() == 1 ? " value" : " values"));
      for (Expr* e : spec.values) expr(e);
      for (auto& x : types)
        if (!x) x = u_.invalid;
    }
  }
  if (!local) {
    for (size_t i = 0; i < n; ++i) {
      if (spec.vars.size() > i && spec.vars[i]) spec.vars[i]->type = types[i] ? types[i] : u_.invalid;
      spec.names[i]->type = types[i];
    }
    spec_state_[&spec] = 2;
    if (out_) out_->global_inits.push_back(GlobalInit{&spec});
    return;
  }
  spec.vars.assign(n, nullptr);
  for (size_t i = 0; i < n; ++i) {
    Ident* id = spec.names[i];
    const Type* t = types[i] ? types[i] : u_.invalid;
    id->type = t;
    if (id->name == "_") continue;
    Var* v = new_local(id, t);
    spec.vars[i] = v;
    id->ref = RefKind::Local;
    id->var = v;
    id->index = v->index;
    Object o;
    o.k = Object::K::Var;
    o.var = v;
    declare_local(id, o);
  }
}

void Checker::check_type_decl(GenDecl* d, bool local) {
  for (auto& spec : d->types) {
    if (!local) {
      auto it = pkg_scope_.find(spec.name->name);
      if (it != pkg_scope_.end() && it->second.tspec == &spec) resolve_object(it->second);
      continue;
    }
    Object o;
    o.k = Object::K::TypeName;
    o.tspec = &spec;
    // declared before its underlying type is resolved, so it may refer to itself
    declare_local(spec.name, o);
    Object* slot = &scopes_.back()[spec.name->name];
    if (spec.name->name == "_") slot = &o;
    slot->state = Object::State::Resolving;
    resolve_type_spec(*slot);
    slot->state = Object::State::Done;
  }
}

// Signature of a func type (with optional receiver, which is not part of it).
const Type* Checker::func_sig(FuncType* ft, FieldDecl* recv) {
  (void)recv;
  std::vector<const Type*> params, results;
  std::vector<std::string> pnames, rnames;
  bool variadic = false;
  for (size_t g = 0; g < ft->params.size(); ++g) {
    auto& f = ft->params[g];
    const Type* t;
    if (f.type->kind == NodeKind::Ellipsis) {
      auto* el = static_cast<Ellipsis*>(f.type);
      const Type* elem = resolve_type(el->elem);
      bool last = g + 1 == ft->params.size() && f.names.size() <= 1;
      if (!last) error(el->pos, "can only use ... with final parameter in list");
      t = invalid(elem) ? u_.invalid : arena_.slice_of(elem);
      f.type->type = t;
      variadic = last;
    } else {
      t = resolve_type(f.type);
    }
    if (f.names.empty()) {
      params.push_back(t);
      pnames.push_back("");
    }
    for (auto* n : f.names) {
      params.push_back(t);
      pnames.push_back(n->name);
    }
  }
  for (auto& f : ft->results) {
    const Type* t;
    if (f.type->kind == NodeKind::Ellipsis) {
      error(f.type->pos, "can only use ... with final parameter in list");
      t = u_.invalid;
    } else {
      t = resolve_type(f.type);
    }
    if (f.names.empty()) {
      results.push_back(t);
      rnames.push_back("");
    }
    for (auto* n : f.names) {
      results.push_back(t);
      rnames.push_back(n->name);
    }
  }
  bool any_pname = std::any_of(pnames.begin(), pnames.end(), [](auto& s) { return !s.empty(); });
  bool any_rname = std::any_of(rnames.begin(), rnames.end(), [](auto& s) { return !s.empty(); });
  const Type* sig = arena_.func_of(std::move(params), std::move(results), variadic,
                                   any_pname ? std::move(pnames) : std::vector<std::string>{},
                                   any_rname ? std::move(rnames) : std::vector<std::string>{});
  ft->type = sig;
  ft->is_type_expr = true;
  return sig;
}

void Checker::attach_methods() {
  for (Decl* d : file_.decls) {
    if (d->kind != NodeKind::FuncDecl) continue;
    auto* f = static_cast<FuncDecl*>(d);
    const Type* sig = func_sig(f->sig, f->recv);
    if (f->name->name == "main" && !f->recv && !stdlib_) {
      if (!sig->params.empty() || !sig->results.empty())
        error(f->name->pos, "func main must have no arguments and no return values");
    }
    if (f->name->name == "init" && !f->recv && (!sig->params.empty() || !sig->results.empty()))
      error(f->name->pos, "func init must have no arguments and no return values");
    if (!f->recv) continue;
    Expr* rt = f->recv->type;
    bool ptr = false;
    if (rt->kind == NodeKind::StarExpr) {
      ptr = true;
      rt = static_cast<StarExpr*>(rt)->x;
    }
    while (rt->kind == NodeKind::ParenExpr) rt = static_cast<ParenExpr*>(rt)->x;
    const Type* base = resolve_type(rt);
    f->recv->type->type = ptr && !invalid(base) ? arena_.pointer_to(base) : base;
    if (invalid(base)) continue;
    if (base->kind != Kind::Named || base->pkg != pkg_name_ || base->name == "error") {
      error(rt->pos, "cannot define new methods on non-local type " + ts(base));
      continue;
    }
    if (base->ukind() == Kind::Pointer || base->ukind() == Kind::Interface) {
      error(rt->pos, "invalid receiver type " + ts(base) + (base->ukind() == Kind::Pointer ? " (pointer or interface type)" : " (pointer or interface type)"));
      continue;
    }
    auto* named = const_cast<Type*>(base);
    if (named->find_method(f->name->name)) {
      error(f->name->pos, "method " + named->name + "." + f->name->name + " already declared");
      continue;
    }
    if (named->underlying()->kind == Kind::Struct) {
      for (const auto& fld : named->underlying()->fields)
        if (fld.name == f->name->name) {
          error(f->name->pos, "field and method with the same name " + fld.name);
        }
    }
    Method m;
    m.name = f->name->name;
    m.sig = sig;
    m.pointer_recv = ptr;
    m.decl = f;
    if (stdlib_) {
      Member id = find_member(pkg_path_, named->name, m.name);
      m.member = id == Member::Count ? -1 : int(id);
    }
    named->methods.push_back(m);
    f->recv_named = named;
    f->pointer_recv = ptr;
  }
}

// ---------------------------------------------------------------- bodies

void Checker::check_func_body(FuncDecl* f) {
  if (!f->body) {
    if (!stdlib_) error(f->name->pos, "missing function body");
    return;
  }
  std::string name;
  if (f->recv_named) {
    name = pkg_name_ + "." + (f->pointer_recv ? "(*" + f->recv_named->name + ")" : f->recv_named->name) + "." +
           f->name->name;
  } else {
    name = pkg_name_ + "." + f->name->name;
  }
  f->info.go_name = name;
  FuncCtx ctx;
  ctx.info = &f->info;
  ctx.sig = f->sig->type;
  ctx.base_name = name;
  fn_ = &ctx;
  check_body(&f->info, f->sig->type, f->sig, f->recv, f->body, f->body->rbrace);
  fn_ = nullptr;
}

// Shared by functions and literals; fn_ is already the new context.
void Checker::check_body(FuncInfo* info, const Type* sig, FuncType* ft, FieldDecl* recv, BlockStmt* body, Pos end) {
  auto saved_targets = std::move(targets_);
  targets_.clear();
  labels_.emplace_back();
  push_scope();
  auto declare_param = [&](Ident* id, const Type* t) {
    Var* v = file_.make_var();
    v->name = id->name;
    v->pos = id->pos;
    v->type = t;
    v->owner = info;
    v->index = info->num_slots++;
    v->used = true;  // parameters are never "declared and not used"
    id->ref = RefKind::Local;
    id->var = v;
    id->index = v->index;
    id->type = t;
    if (id->name != "_") {
      Object o;
      o.k = Object::K::Var;
      o.var = v;
      declare_local(id, o);
    }
    return v;
  };
  if (recv) {
    Ident anon;
    anon.name = "_";
    anon.pos = recv->pos;
    Ident* id = recv->names.empty() ? nullptr : recv->names[0];
    info->recv = id ? declare_param(id, recv->type->type) : nullptr;
    if (!info->recv) {
      Var* v = file_.make_var();
      v->name = "_";
      v->type = recv->type->type;
      v->owner = info;
      v->index = info->num_slots++;
      info->recv = v;
    }
  }
  size_t pi = 0;
  for (auto& f : ft->params) {
    if (f.names.empty()) {
      Var* v = file_.make_var();
      v->name = "_";
      v->type = sig->params[pi++];
      v->owner = info;
      v->index = info->num_slots++;
      info->params.push_back(v);
      continue;
    }
    for (auto* n : f.names) info->params.push_back(declare_param(n, sig->params[pi++]));
  }
  size_t ri = 0;
  for (auto& f : ft->results) {
    if (f.names.empty()) {
      Var* v = file_.make_var();
      v->name = "";
      v->type = sig->results[ri++];
      v->owner = info;
      v->index = info->num_slots++;
      info->results.push_back(v);
      continue;
    }
    info->named_results = true;
    for (auto* n : f.names) info->results.push_back(declare_param(n, sig->results[ri++]));
  }
  collect_labels(body->stmts);
  push_scope();  // the body is its own block (redeclaring a parameter there is an error in Go, but rare)
  scopes_.pop_back();
  stmt_list(body->stmts);
  if (!sig->results.empty() && !(body->stmts.size() > 0 && terminating(body->stmts.back())))
    error(end, "missing return");
  for (auto& [name, label] : labels_.back())
    if (!label.used) error(label.ident->pos, "label " + name + " defined and not used");
  labels_.pop_back();
  pop_scope();
  targets_ = std::move(saved_targets);
  report_unused();
}

void Checker::report_unused() {
  for (Var* v : fn_->locals)
    if (!v->used) error(v->pos, "declared and not used: " + v->name);
  fn_->locals.clear();
}

void Checker::check(CheckedProgram* out) {
  out_ = out;
  if (file_.package_name && !stdlib_) {
    if (file_.package_name->name != "main") {
      // golite runs programs: package main only
      error(file_.package_name->pos, "package " + file_.package_name->name + " is not a main package");
    }
  }
  collect();
  // 1. types
  for (auto& [name, obj] : pkg_scope_)
    if (obj.k == Object::K::TypeName) resolve_object(obj);
  // 2. signatures and methods
  attach_methods();
  // 3. constants and global variables, in source order (dependencies first)
  for (Decl* d : file_.decls) {
    if (d->kind != NodeKind::GenDecl) continue;
    auto* g = static_cast<GenDecl*>(d);
    if (g->tok == DeclTok::Const) check_const_decl(g, false);
    if (g->tok == DeclTok::Type) check_type_decl(g, false);
    if (g->tok == DeclTok::Var) {
      for (auto& spec : g->values) {
        bool done = false;
        for (auto* n : spec.names) {
          auto it = pkg_scope_.find(n->name);
          if (it != pkg_scope_.end() && it->second.spec == &spec) {
            resolve_object(it->second);
            done = true;
          }
        }
        if (!done) check_var_spec(spec, false);
      }
    }
  }
  // 4. function bodies
  for (Decl* d : file_.decls) {
    if (d->kind != NodeKind::FuncDecl) continue;
    auto* f = static_cast<FuncDecl*>(d);
    check_func_body(f);
    if (out_) {
      out_->funcs.push_back(f);
      if (!f->recv && f->name->name == "main") out_->main = f;
      if (!f->recv && f->name->name == "init") out_->inits.push_back(f);
    }
  }
  // 5. unused imports
  if (!stdlib_) {
    for (auto& [name, obj] : file_scope_) {
      if (obj.k != Object::K::Package || obj.import->used) continue;
      std::string path = obj.import->path;
      if (obj.import->name && obj.import->name->name != obj.package->name)
        error(obj.import->pos, "\"" + path + "\" imported as " + obj.import->name->name + " and not used");
      else
        error(obj.import->pos, "\"" + path + "\" imported and not used");
    }
  }
  if (out_) out_->globals = globals_;
}

}  // namespace poollab::golite::front

// ---------------------------------------------------------------- entry point

namespace poollab::golite {

std::unique_ptr<CheckedProgram> parse_and_check(std::string_view source, const std::string& filename,
                                                std::vector<Diagnostic>& errors) {
  std::vector<Diagnostic> errs;
  auto prog = std::make_unique<CheckedProgram>();
  prog->file = parse_file(source, filename, errs);
  if (prog->file) {
    prog->types = std::make_unique<TypeArena>();
    front::Checker checker(*prog->file, *prog->types, errs, "main", false);
    checker.check(prog.get());
  }
  std::stable_sort(errs.begin(), errs.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  // one report per position and message, at most 10 as `go build` prints
  std::vector<Diagnostic> unique;
  for (auto& d : errs) {
    if (!unique.empty() && unique.back().line == d.line && unique.back().col == d.col &&
        unique.back().message == d.message)
      continue;
    unique.push_back(std::move(d));
  }
  if (unique.size() > 10) unique.resize(10);
  bool failed = !unique.empty() || !prog->file;
  for (auto& d : unique) errors.push_back(std::move(d));
  if (failed) return nullptr;
  return prog;
}

}  // namespace poollab::golite
