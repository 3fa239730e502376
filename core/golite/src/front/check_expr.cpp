// Checker: expressions, untyped constants, conversions and assignability.
#include <cmath>
#include <functional>
#include <cstdint>
#include <limits>

#include "front/checker.hpp"
#include "front/expr_text.hpp"
#include "front/go_std_names.hpp"
#include "front/lexer.hpp"
#include "utf8.hpp"
#include "poollab/golite/stdlib_decls.hpp"

namespace poollab::golite::front {

namespace {

Expr* unparen(Expr* e) {
  while (e && e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

// Rank of an untyped numeric kind: int < rune < float.
int untyped_rank(Kind k) {
  switch (k) {
    case Kind::UntypedInt: return 1;
    case Kind::UntypedRune: return 2;
    case Kind::UntypedFloat: return 3;
    default: return 0;
  }
}

bool is_exported(const std::string& name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

}  // namespace

// ---------------------------------------------------------------- helpers

bool Checker::is_addressable(const Expr* e) const {
  e = unparen(const_cast<Expr*>(e));
  switch (e->kind) {
    case NodeKind::Ident: {
      auto* id = static_cast<const Ident*>(e);
      return id->ref == RefKind::Local || id->ref == RefKind::Capture || id->ref == RefKind::Global;
    }
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<const SelectorExpr*>(e);
      if (s->sel_kind == SelKind::PackageMember) return s->member >= 0 && !s->cv && !s->type->is_named() ? true : s->member >= 0 && s->type->ukind() != Kind::Func;
      if (s->sel_kind != SelKind::Field) return false;
      return s->deref || is_addressable(s->x);
    }
    case NodeKind::IndexExpr: {
      auto* ix = static_cast<const IndexExpr*>(e);
      const Type* t = ix->x->type;
      if (!t) return false;
      switch (t->ukind()) {
        case Kind::Slice: return true;
        case Kind::Array: return is_addressable(ix->x);
        case Kind::Pointer: return true;
        default: return false;
      }
    }
    case NodeKind::StarExpr: return !e->is_type_expr;
    default: return false;
  }
}

void Checker::mark_used(Expr* e) {
  e = unparen(e);
  if (e && e->kind == NodeKind::Ident) {
    auto* id = static_cast<Ident*>(e);
    if (id->var) id->var->used = true;
  }
}

void Checker::mark_address_taken(Expr* e) {
  for (;;) {
    e = unparen(e);
    if (!e) return;
    if (e->kind == NodeKind::Ident) {
      auto* id = static_cast<Ident*>(e);
      if (id->var && !id->var->global) id->var->captured = true;
      return;
    }
    if (e->kind == NodeKind::SelectorExpr) {
      auto* s = static_cast<SelectorExpr*>(e);
      if (s->sel_kind != SelKind::Field || s->deref) return;
      e = s->x;
      continue;
    }
    if (e->kind == NodeKind::IndexExpr) {
      auto* ix = static_cast<IndexExpr*>(e);
      if (!ix->x->type || ix->x->type->ukind() != Kind::Array) return;
      e = ix->x;
      continue;
    }
    return;
  }
}

// ---------------------------------------------------------------- types

const Type* Checker::type_or_null(Expr* e) {
  size_t before = errors_.size();
  const Type* t = resolve_type(e);
  if (errors_.size() != before) return nullptr;
  return t;
}

int64_t Checker::array_length(Expr* len) {
  expr(len);
  if (invalid(len->type)) return -1;
  if (!len->cv) {
    error(len->pos, "array length " + expr_text(len) + " (" + describe(len).substr(expr_text(len).size() + 2));
    return -1;
  }
  if (len->cv->kind == ConstValue::Kind::Float && len->cv->f == std::floor(len->cv->f)) return int64_t(len->cv->f);
  if (len->cv->kind != ConstValue::Kind::Int) {
    error(len->pos, "array length " + describe(len) + " must be integer");
    return -1;
  }
  if (len->cv->i < 0 || len->cv->i > INT64_MAX) {
    error(len->pos, "invalid array length " + expr_text(len) + " (untyped int constant " + const_int_string(len->cv->i) + ")");
    return -1;
  }
  if (len->type->is_untyped()) set_type_deep(len, u_.int_type);
  return static_cast<int64_t>(len->cv->i);
}

const Type* Checker::resolve_type(Expr* e) {
  const Type* t = u_.invalid;
  switch (e->kind) {
    case NodeKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      const Object* o = lookup(id->name);
      if (!o) {
        error(id->pos, "undefined: " + id->name);
        break;
      }
      if (o->k != Object::K::TypeName) {
        error(id->pos, id->name + " is not a type");
        if (o->k == Object::K::Var && o->var) o->var->used = true;
        break;
      }
      id->ref = RefKind::TypeName;
      t = o->type ? o->type : u_.invalid;
      break;
    }
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<SelectorExpr*>(e);
      expr(s, true);
      if (invalid(s->type)) break;
      if (!s->is_type_expr) {
        error(s->pos, expr_text(s) + " is not a type");
        break;
      }
      t = s->type;
      break;
    }
    case NodeKind::ParenExpr: t = resolve_type(static_cast<ParenExpr*>(e)->x); break;
    case NodeKind::StarExpr: {
      const Type* elem = resolve_type(static_cast<StarExpr*>(e)->x);
      t = invalid(elem) ? u_.invalid : arena_.pointer_to(elem);
      break;
    }
    case NodeKind::ArrayType: {
      auto* a = static_cast<ArrayType*>(e);
      const Type* elem = resolve_type(a->elem);
      if (a->slice) {
        t = invalid(elem) ? u_.invalid : arena_.slice_of(elem);
        break;
      }
      if (a->len && a->len->kind == NodeKind::Ellipsis) {
        error(a->len->pos, "invalid use of [...] array (outside a composite literal)");
        break;
      }
      int64_t n = array_length(a->len);
      if (n < 0 || invalid(elem)) break;
      if (elem->kind == Kind::Named && !elem->underlying_) {
        error(a->pos, "invalid recursive type");
        break;
      }
      t = arena_.array_of(elem, n);
      break;
    }
    case NodeKind::MapType: {
      auto* m = static_cast<MapType*>(e);
      const Type* k = resolve_type(m->key);
      const Type* v = resolve_type(m->value);
      if (invalid(k) || invalid(v)) break;
      if (k->underlying_ || k->kind != Kind::Named) {
        if (!comparable(k)) {
          error(m->key->pos, "invalid map key type " + ts(k));
          break;
        }
      }
      t = arena_.map_of(k, v);
      break;
    }
    case NodeKind::ChanType: {
      auto* c = static_cast<ChanType*>(e);
      const Type* elem = resolve_type(c->elem);
      t = invalid(elem) ? u_.invalid : arena_.chan_of(elem, c->dir);
      break;
    }
    case NodeKind::FuncType: t = func_sig(static_cast<FuncType*>(e), nullptr); break;
    case NodeKind::StructType: {
      auto* st = static_cast<StructType*>(e);
      if (st->fields.empty()) {
        t = u_.empty_struct;
        break;
      }
      Type* s = arena_.make(Kind::Struct);
      bool bad = false;
      std::unordered_set<std::string> seen;
      for (auto& f : st->fields) {
        const Type* ft = resolve_type(f.type);
        if (invalid(ft)) {
          bad = true;
          continue;
        }
        if (ft->kind == Kind::Named && !ft->underlying_) {
          error(f.type->pos, "invalid recursive type " + ft->name);
          bad = true;
          continue;
        }
        if (f.names.empty()) {
          const Type* base = ft->kind == Kind::Pointer ? ft->elem : ft;
          std::string name = base->kind == Kind::Named ? base->name : base->name;
          if (seen.count(name)) error(f.pos, name + " redeclared");
          seen.insert(name);
          s->fields.push_back(Field{name, ft, true});
        }
        for (auto* n : f.names) {
          if (n->name != "_" && seen.count(n->name)) error(n->pos, n->name + " redeclared");
          seen.insert(n->name);
          s->fields.push_back(Field{n->name, ft, false});
        }
      }
      t = bad ? u_.invalid : s;
      break;
    }
    case NodeKind::InterfaceType: {
      auto* it = static_cast<InterfaceType*>(e);
      if (it->methods.empty()) {
        t = u_.any_type;
        break;
      }
      Type* iface = arena_.make(Kind::Interface);
      for (auto& m : it->methods) {
        if (!m.names.empty()) {
          iface->imethods.push_back({m.names[0]->name, func_sig(static_cast<FuncType*>(m.type), nullptr)});
        } else {
          const Type* emb = resolve_type(m.type);
          if (invalid(emb)) continue;
          if (emb->ukind() != Kind::Interface) {
            error(m.type->pos, "cannot use " + ts(emb) + " as interface");
            continue;
          }
          for (auto& im : emb->underlying()->imethods) iface->imethods.push_back(im);
        }
      }
      std::sort(iface->imethods.begin(), iface->imethods.end(),
                [](const InterfaceMethod& a, const InterfaceMethod& b) { return a.name < b.name; });
      t = iface;
      break;
    }
    case NodeKind::Ellipsis: error(e->pos, "invalid use of ..."); break;
    case NodeKind::BadExpr: break;
    default:
      expr(e, true);
      if (!invalid(e->type)) error(e->pos, expr_text(e) + " is not a type");
      break;
  }
  e->type = t;
  e->is_type_expr = true;
  return t;
}

// ---------------------------------------------------------------- constants

bool Checker::representable(ConstValue& cv, const Type* t, bool& truncated) {
  truncated = false;
  const Type* u = t->underlying();
  if (u->kind == Kind::Interface) return true;
  if (t->is_integer()) {
    ConstInt v;
    if (cv.kind == ConstValue::Kind::Float) {
      if (cv.f != std::floor(cv.f) || !std::isfinite(cv.f)) {
        truncated = true;
        return false;
      }
      if (cv.f >= 1.8446744073709552e19 || cv.f < -9.3e18) return false;
      v = ConstInt(cv.f);
    } else if (cv.kind == ConstValue::Kind::Int) {
      v = cv.i;
    } else {
      return false;
    }
    int bits = t->int_bits();
    if (t->is_unsigned()) {
      if (v < 0 || v >= (ConstInt(1) << bits)) return false;
    } else {
      const ConstInt lim = ConstInt(1) << (bits - 1);
      if (v < -lim || v >= lim) return false;
    }
    cv = ConstValue::of_int(v);
    return true;
  }
  if (t->is_float()) {
    if (cv.kind == ConstValue::Kind::Int) cv = ConstValue::of_float(double(cv.i));
    if (cv.kind != ConstValue::Kind::Float) return false;
    if (u->kind == Kind::Float32 && std::fabs(cv.f) > 3.4028234663852886e38) return false;
    return true;
  }
  if (t->is_string()) return cv.kind == ConstValue::Kind::String;
  if (t->is_boolean()) return cv.kind == ConstValue::Kind::Bool;
  return false;
}

// Give e (and its untyped operands) the type t after conversion.
void Checker::set_type_deep(Expr* e, const Type* t) {
  e->type = t;
  if (e->cv && !t->is_untyped()) {
    bool tr;
    ConstValue c = *e->cv;
    if (t->underlying()->kind != Kind::Interface && representable(c, t, tr)) e->cv = c;
  }
  switch (e->kind) {
    case NodeKind::ParenExpr: set_type_deep(static_cast<ParenExpr*>(e)->x, t); break;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<UnaryExpr*>(e);
      if (u->op != Op::Arrow && u->op != Op::And && u->x->type && u->x->type->is_untyped()) set_type_deep(u->x, t);
      break;
    }
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<BinaryExpr*>(e);
      bool cmp = b->op == Op::Eql || b->op == Op::Neq || b->op == Op::Lss || b->op == Op::Leq || b->op == Op::Gtr ||
                 b->op == Op::Geq;
      if (cmp) break;
      if (b->x->type && b->x->type->is_untyped()) set_type_deep(b->x, t);
      if (b->op != Op::Shl && b->op != Op::Shr && b->y->type && b->y->type->is_untyped()) set_type_deep(b->y, t);
      break;
    }
    default: break;
  }
}

Checker::Conv Checker::try_convert_untyped(Expr* e, const Type* target) {
  const Type* t = e->type;
  if (!t || !t->is_untyped() || invalid(target)) return Conv::Ok;
  const Type* tu = target->underlying();
  if (target->is_untyped()) {
    // untyped to untyped: only numeric kinds widen
    if (t->kind == Kind::UntypedNil || target->kind == Kind::UntypedNil) return t->kind == target->kind ? Conv::Ok : Conv::Incompatible;
    if (untyped_rank(t->kind) && untyped_rank(target->kind)) {
      if (untyped_rank(target->kind) > untyped_rank(t->kind)) set_type_deep(e, target);
      return Conv::Ok;
    }
    return t->kind == target->kind ? Conv::Ok : Conv::Incompatible;
  }
  if (tu->kind == Kind::Interface) {
    if (t->kind == Kind::UntypedNil) {
      set_type_deep(e, target);
      return Conv::Ok;
    }
    if (!tu->imethods.empty()) return Conv::Incompatible;
    set_type_deep(e, u_.default_type(t));
    return Conv::Ok;
  }
  switch (t->kind) {
    case Kind::UntypedNil:
      switch (tu->kind) {
        case Kind::Pointer: case Kind::Slice: case Kind::Map: case Kind::Chan: case Kind::Func:
          set_type_deep(e, target);
          return Conv::Ok;
        default: return Conv::Incompatible;
      }
    case Kind::UntypedBool:
      if (!target->is_boolean()) return Conv::Incompatible;
      break;
    case Kind::UntypedString:
      if (!target->is_string()) return Conv::Incompatible;
      break;
    default:
      if (!target->is_numeric()) return Conv::Incompatible;
      if (e->cv) {
        ConstValue c = *e->cv;
        bool truncated = false;
        if (!representable(c, target, truncated)) return truncated ? Conv::Truncated : Conv::Overflows;
      }
      break;
  }
  set_type_deep(e, target);
  return Conv::Ok;
}

bool Checker::convert_untyped(Expr* e, const Type* target) {
  Conv c = try_convert_untyped(e, target);
  switch (c) {
    case Conv::Ok: return true;
    case Conv::Truncated: error(e->pos, describe(e) + " truncated to " + ts(target->underlying())); break;
    case Conv::Overflows: error(e->pos, describe(e) + " overflows " + ts(target->underlying())); break;
    case Conv::Incompatible: error(e->pos, "cannot convert " + describe(e) + " to type " + ts(target)); break;
  }
  e->type = u_.invalid;
  return false;
}

void Checker::default_type(Expr* e) {
  if (e->type && e->type->is_untyped() && e->type->kind != Kind::UntypedNil) set_type_deep(e, u_.default_type(e->type));
}

bool Checker::default_type_in(Expr* e, const std::string& context) {
  if (e->cv && e->type && e->type->is_untyped() && e->type->is_numeric()) {
    const Type* d = u_.default_type(e->type);
    ConstValue c = *e->cv;
    bool truncated = false;
    if (!representable(c, d, truncated)) {
      error(e->pos, "cannot use " + describe(e) + " as " + ts(d) + " value in " + context + " (overflows)");
      e->type = u_.invalid;
      return false;
    }
  }
  default_type(e);
  return true;
}

// Spec "Assignability", reported in Go's words for `context`.
bool Checker::assign(Expr* e, const Type* t, const std::string& context) {
  if (invalid(e->type) || invalid(t)) return false;
  const Type* v = e->type;
  if (v->kind == Kind::Tuple) return false;
  if (v->is_untyped() && v->kind != Kind::UntypedNil && t->ukind() == Kind::Interface &&
      !t->underlying()->imethods.empty()) {
    default_type(e);  // then checked as a typed value: "string does not implement error"
    v = e->type;
  }
  if (v->is_untyped() && e->cv && v->is_numeric() && t->ukind() == Kind::Interface) {
    // Into an interface the constant takes its default type, which must hold it.
    if (!default_type_in(e, context)) return false;
    v = e->type;
  }
  if (v->is_untyped()) {
    Conv c = try_convert_untyped(e, t);
    if (c == Conv::Ok) return true;
    std::string msg = "cannot use " + describe(e) + " as " + ts(t) + " value in " + context;
    if (c == Conv::Truncated) msg += " (truncated)";
    if (c == Conv::Overflows) msg += " (overflows)";
    error(e->pos, msg);
    return false;
  }
  if (assignable(v, t)) return true;
  std::string msg = "cannot use " + describe(e) + " as " + ts(t) + " value in " + context;
  if (t->ukind() == Kind::Interface) {
    std::string why = not_implemented_reason(v, t, pkg_name_);
    if (!why.empty()) msg += ": " + ts(v) + " does not implement " + ts(t) + " " + why;
  }
  error(e->pos, msg);
  return false;
}

// ---------------------------------------------------------------- expressions

void Checker::value(Expr* e, const Type* hint) {
  expr(e, false, hint);
  Expr* b = unparen(e);
  if (b->kind == NodeKind::Ident && static_cast<Ident*>(b)->ref == RefKind::Builtin) {
    error(e->pos, expr_text(e) + " (built-in function " + expr_text(e) + ") must be called");
    e->type = u_.invalid;
    return;
  }
  if (invalid(e->type)) return;
  if (e->type->kind == Kind::Tuple) {
    if (e->type->elems.empty()) error(e->pos, expr_text(e) + " (no value) used as value");
    else error(e->pos, "multiple-value " + expr_text(e) + " (value of type " + ts(e->type) + ") in single-value context");
    e->type = u_.invalid;
    return;
  }
}

void Checker::expr(Expr* e, bool allow_type, const Type* hint) {
  switch (e->kind) {
    case NodeKind::BadExpr: e->type = u_.invalid; return;
    case NodeKind::Ident: ident(static_cast<Ident*>(e), allow_type); return;
    case NodeKind::BasicLit: {
      auto* b = static_cast<BasicLit*>(e);
      switch (b->lit) {
        case LitKind::Int: {
          ConstInt v = 0;
          bool overflow = false;
          parse_int_lit(b->raw, v, overflow);
          if (overflow) {
            double f = 0;
            parse_float_lit(b->raw, f);
            error(b->pos, "cannot use " + b->raw + " (untyped int constant) as int value (overflows)");
            b->type = u_.invalid;
            return;
          }
          b->type = u_.untyped_int;
          b->cv = ConstValue::of_int(v);
          return;
        }
        case LitKind::Float: {
          double f = 0;
          parse_float_lit(b->raw, f);
          b->type = u_.untyped_float;
          b->cv = ConstValue::of_float(f);
          return;
        }
        case LitKind::Imag:
          error(b->pos, "complex numbers are not supported");
          b->type = u_.invalid;
          return;
        case LitKind::Char: {
          int64_t v = 0;
          unquote_char(b->raw, v);
          b->type = u_.untyped_rune;
          b->cv = ConstValue::of_int(v);
          return;
        }
        case LitKind::String: {
          std::string s;
          unquote_string(b->raw, s);
          b->type = u_.untyped_string;
          b->cv = ConstValue::of_string(std::move(s));
          return;
        }
      }
      return;
    }
    case NodeKind::CompositeLit: composite(static_cast<CompositeLit*>(e), hint); return;
    case NodeKind::FuncLit: func_lit(static_cast<FuncLit*>(e)); return;
    case NodeKind::ParenExpr: {
      auto* p = static_cast<ParenExpr*>(e);
      expr(p->x, allow_type, hint);
      p->type = p->x->type;
      p->cv = p->x->cv;
      p->is_type_expr = p->x->is_type_expr;
      return;
    }
    case NodeKind::SelectorExpr: selector(static_cast<SelectorExpr*>(e), allow_type); return;
    case NodeKind::IndexExpr: index(static_cast<IndexExpr*>(e)); return;
    case NodeKind::SliceExpr: slice_expr(static_cast<SliceExpr*>(e)); return;
    case NodeKind::TypeAssertExpr: type_assert(static_cast<TypeAssertExpr*>(e)); return;
    case NodeKind::CallExpr: call(static_cast<CallExpr*>(e), allow_type); return;
    case NodeKind::StarExpr: {
      auto* s = static_cast<StarExpr*>(e);
      expr(s->x, true);
      if (invalid(s->x->type)) {
        s->type = u_.invalid;
        return;
      }
      if (s->x->is_type_expr) {
        s->type = arena_.pointer_to(s->x->type);
        s->is_type_expr = true;
        if (!allow_type) {
          error(s->pos, expr_text(s) + " (type) is not an expression");
          s->type = u_.invalid;
        }
        return;
      }
      if (s->x->type->kind == Kind::UntypedNil) {
        error(s->pos, "invalid operation: cannot indirect nil");
        s->type = u_.invalid;
        return;
      }
      if (s->x->type->ukind() != Kind::Pointer) {
        error(s->x->pos, "invalid operation: cannot indirect " + describe(s->x));
        s->type = u_.invalid;
        return;
      }
      mark_used(s->x);
      s->type = s->x->type->underlying()->elem;
      return;
    }
    case NodeKind::UnaryExpr: unary(static_cast<UnaryExpr*>(e)); return;
    case NodeKind::BinaryExpr: binary(static_cast<BinaryExpr*>(e)); return;
    case NodeKind::KeyValueExpr:
      error(e->pos, "unexpected key:value expression");
      e->type = u_.invalid;
      return;
    case NodeKind::ArrayType: case NodeKind::MapType: case NodeKind::ChanType: case NodeKind::FuncType:
    case NodeKind::StructType: case NodeKind::InterfaceType: {
      resolve_type(e);
      if (!allow_type && !invalid(e->type)) {
        error(e->pos, expr_text(e) + " (type) is not an expression");
        e->type = u_.invalid;
      }
      return;
    }
    default:
      error(e->pos, "invalid expression");
      e->type = u_.invalid;
      return;
  }
}

void Checker::ident(Ident* id, bool allow_type) {
  id->type = u_.invalid;
  if (id->name == "_") {
    if (!lhs_mode_) error(id->pos, "cannot use _ as value");
    return;
  }
  const Object* o = lookup(id->name);
  if (!o) {
    error(id->pos, "undefined: " + id->name);
    return;
  }
  switch (o->k) {
    case Object::K::Var: {
      Var* v = o->var;
      id->var = v;
      id->type = v->type ? v->type : u_.invalid;
      if (!lhs_mode_) v->used = true;
      if (v->global) {
        id->ref = RefKind::Global;
        id->index = v->index;
      } else if (!fn_ || v->owner == fn_->info) {
        id->ref = RefKind::Local;
        id->index = v->index;
      } else {
        // captured from an enclosing function: thread it through every closure level
        v->captured = true;
        std::vector<FuncCtx*> chain;
        for (FuncCtx* f = fn_; f && f->info != v->owner; f = f->parent) chain.push_back(f);
        int idx = -1;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
          FuncCtx* f = *it;
          auto found = f->capture_index.find(v);
          if (found != f->capture_index.end()) {
            idx = found->second;
            continue;
          }
          CaptureSource src;
          src.var = v;
          src.from_capture = idx >= 0;
          src.index = idx >= 0 ? idx : v->index;
          f->info->captures.push_back(src);
          idx = int(f->info->captures.size()) - 1;
          f->capture_index[v] = idx;
        }
        id->ref = RefKind::Capture;
        id->index = idx;
      }
      return;
    }
    case Object::K::Const:
      if (o->name == "iota" && !o->cv) {
        if (iota_ < 0) {
          error(id->pos, "cannot use iota outside constant declaration");
          return;
        }
        id->ref = RefKind::Const;
        id->type = u_.untyped_int;
        id->cv = ConstValue::of_int(iota_);
        return;
      }
      id->ref = RefKind::Const;
      id->type = o->type ? o->type : u_.invalid;
      if (o->cv) id->cv = o->cv;
      else id->type = u_.invalid;
      return;
    case Object::K::TypeName:
      id->ref = RefKind::TypeName;
      id->type = o->type ? o->type : u_.invalid;
      id->is_type_expr = true;
      if (!allow_type && !invalid(id->type)) {
        error(id->pos, id->name + " (type) is not an expression");
        id->type = u_.invalid;
      }
      return;
    case Object::K::Func:
      id->ref = RefKind::Func;
      id->func = o->func;
      id->type = o->func->sig->type ? o->func->sig->type : u_.invalid;
      return;
    case Object::K::Builtin:
      id->ref = RefKind::Builtin;
      id->builtin = o->builtin;
      id->type = u_.invalid;
      return;
    case Object::K::Package:
      o->import->used = true;
      error(id->pos, "use of package " + id->name + " without selector");
      return;
    case Object::K::Nil:
      id->ref = RefKind::Nil;
      id->type = u_.untyped_nil;
      return;
  }
}

void Checker::selector(SelectorExpr* s, bool allow_type) {
  s->type = u_.invalid;
  // package member
  if (s->x->kind == NodeKind::Ident) {
    auto* id = static_cast<Ident*>(s->x);
    const Object* o = lookup(id->name);
    if (o && o->k == Object::K::Package) {
      o->import->used = true;
      id->ref = RefKind::Package;
      id->package = o->package->path;
      auto it = o->package->members.find(s->sel);
      if (it == o->package->members.end() || !is_exported(s->sel)) {
        // A name Go has but golite does not is told apart from one Go lacks too.
        if (is_exported(s->sel) && go_std_has_name(o->package->path + "." + s->sel))
          error(s->sel_pos, id->name + "." + s->sel + " is in Go's standard library but not in golite's subset");
        else
          error(s->sel_pos, "undefined: " + id->name + "." + s->sel);
        return;
      }
      const Object& m = it->second;
      s->sel_kind = SelKind::PackageMember;
      switch (m.k) {
        case Object::K::Func:
          s->member = m.member;
          s->type = m.func->sig->type;
          return;
        case Object::K::Var:
          s->member = m.member;
          s->type = m.var->type;
          return;
        case Object::K::Const:
          s->type = m.type;
          s->cv = m.cv;
          return;
        case Object::K::TypeName:
          s->type = m.type;
          s->is_type_expr = true;
          if (!allow_type) {
            error(s->pos, expr_text(s) + " (type) is not an expression");
            s->type = u_.invalid;
          }
          return;
        default: return;
      }
    }
  }
  expr(s->x, true);
  const Type* t = s->x->type;
  if (invalid(t)) return;
  if (s->x->is_type_expr) {
    error(s->sel_pos, "method expression " + expr_text(s) + " is not supported");
    return;
  }
  if (t->kind == Kind::Tuple) {
    value(s->x);
    return;
  }
  mark_used(s->x);
  const Type* base = t;
  bool deref = false;
  if (t->kind == Kind::Pointer || (t->kind == Kind::Named && t->ukind() == Kind::Pointer && false)) {
    base = t->elem;
    deref = true;
  }
  // methods declared on the named type
  if (base->kind == Kind::Named) {
    if (const Method* m = base->find_method(s->sel)) {
      s->sel_kind = SelKind::Method;
      s->method = m;
      s->recv_named = base;
      s->deref = deref;
      s->member = m->member;
      s->type = m->sig;
      if (m->pointer_recv && !deref) {
        if (!is_addressable(s->x)) {
          error(s->sel_pos, "cannot call pointer method " + s->sel + " on " + ts(t));
          s->type = u_.invalid;
          return;
        }
        s->take_addr = true;
        mark_address_taken(s->x);
      }
      return;
    }
  }
  const Type* bu = base->underlying();
  if (bu->kind == Kind::Interface && !deref) {
    for (size_t i = 0; i < bu->imethods.size(); ++i) {
      if (bu->imethods[i].name == s->sel) {
        s->sel_kind = SelKind::InterfaceMethod;
        s->method_index = int(i);
        s->type = bu->imethods[i].sig;
        return;
      }
    }
  }
  if (bu->kind == Kind::Struct) {
    // Fields, and methods promoted from embedded fields (the type's own were looked at above).
    Selection sel = resolve_selector(base, s->sel);
    switch (sel.what) {
      case Selection::What::Field:
        s->sel_kind = SelKind::Field;
        s->path = std::move(sel.path);
        s->deref = deref;
        s->type = sel.field_type;
        return;
      case Selection::What::Method:
        s->sel_kind = SelKind::Method;
        s->method = sel.method;
        s->recv_named = sel.recv_named;
        s->path = std::move(sel.path);
        s->deref = deref;
        s->member = sel.method->member;
        s->type = sel.method->sig;
        if (sel.method->pointer_recv && !sel.holder_is_pointer) {
          s->take_addr = true;
          if (!deref) mark_address_taken(s->x);
        }
        return;
      case Selection::What::InterfaceMethod:  // promoted from an embedded interface
        s->sel_kind = SelKind::InterfaceMethod;
        s->method_index = sel.method_index;
        s->iface = sel.iface;
        s->path = std::move(sel.path);
        s->deref = deref;
        s->type = sel.iface->imethods[static_cast<size_t>(sel.method_index)].sig;
        return;
      case Selection::What::Ambiguous:
        error(s->sel_pos, "ambiguous selector " + expr_text(s));
        s->type = u_.invalid;
        return;
      case Selection::What::None:
        break;
    }
  }
  // A method of a standard-library type that golite leaves out.
  const Type* named = t->kind == Kind::Pointer && t->elem ? t->elem : t;
  if (is_exported(s->sel) && !named->pkg.empty() && named->pkg != "main" &&
      go_std_has_name(named->pkg + "." + named->name + "." + s->sel)) {
    error(s->sel_pos, expr_text(s) + " undefined (" + named->pkg + "." + named->name + "." + s->sel +
                          " is in Go's standard library but not in golite's subset)");
    return;
  }
  error(s->sel_pos, expr_text(s) + " undefined (type " + ts(t) + " has no field or method " + s->sel + ")");
}

// ---------------------------------------------------------------- calls

namespace {
std::string summary(const std::vector<const Type*>& list, bool variadic, std::string_view local) {
  std::string out = "(";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    const Type* t = list[i];
    if (!t || t->kind == Kind::Invalid) {
      out += "unknown type";
    } else if (t->is_untyped()) {
      if (t->is_numeric()) out += "number";
      else out += t->name.substr(8);  // strip "untyped "
    } else if (variadic && i + 1 == list.size() && t->kind == Kind::Slice) {
      out += "..." + type_string(t->elem, local);
    } else {
      out += type_string(t, local);
    }
  }
  return out + ")";
}
}  // namespace

void Checker::check_args(CallExpr* c, const Type* sig, const std::string& fname) {
  std::vector<const Type*> arg_types;
  std::vector<Expr*> args = c->args;
  bool spread = false;
  if (args.size() == 1 && !c->has_ellipsis) {
    expr(args[0]);
    const Type* t = args[0]->type;
    if (t && t->kind == Kind::Tuple && t->elems.size() > 1) {
      spread = true;
      c->spread_tuple = true;
      arg_types = t->elems;
    } else {
      const Type* hint = sig->params.empty() ? nullptr : sig->params[0];
      (void)hint;
      value(args[0]);
      arg_types.push_back(args[0]->type);
    }
  } else {
    for (size_t i = 0; i < args.size(); ++i) {
      value(args[i]);
      arg_types.push_back(args[i]->type);
    }
  }
  for (auto* t : arg_types)
    if (invalid(t)) {
      for (Expr* a : args) mark_used(a);
      return;
    }
  size_t nargs = arg_types.size();
  size_t npars = sig->params.size();
  bool variadic = sig->variadic;
  if (c->has_ellipsis && !variadic) {
    error(args.back()->pos, "have (...) but function is not variadic: " + fname);
    error(c->args.back()->pos, "cannot use ... in call to non-variadic " + fname);
    return;
  }
  bool count_ok = variadic && !c->has_ellipsis ? nargs >= npars - 1 : nargs == npars;
  if (!count_ok) {
    Pos at = c->pos;
    std::string qualifier = "not enough";
    if (nargs > npars && !(variadic && !c->has_ellipsis)) {
      at = spread ? args[0]->pos : args[npars]->pos;
      qualifier = "too many";
    } else if (nargs > 0) {
      at = spread ? args[0]->pos : args[nargs - 1]->pos;
    }
    if (nargs < npars && nargs == 0) at = c->rparen;
    if (nargs == 0) at = c->pos;
    error(at, qualifier + " arguments in call to " + fname + "\n\thave " + summary(arg_types, false, pkg_name_) +
                  "\n\twant " + summary(sig->params, variadic, pkg_name_));
    return;
  }
  std::string ctx = "argument to " + fname;
  for (size_t i = 0; i < nargs; ++i) {
    const Type* pt;
    if (variadic && i >= npars - 1) pt = c->has_ellipsis ? sig->params.back() : sig->params.back()->elem;
    else pt = sig->params[i];
    if (spread) {
      if (!assignable(arg_types[i], pt)) {
        error(args[0]->pos, "cannot use " + expr_text(args[0]) + " (value of type " + ts(arg_types[i]) + ") as " + ts(pt) +
                                " value in " + ctx);
        return;
      }
      continue;
    }
    assign(args[i], pt, ctx);
  }
}

// The generic slices functions, declared with `any`: the first argument must be a
// slice; Max and Min give its element type, Clone its own type; a constant value
// argument (Contains, Index) takes the element type, as Go's inference would give it.
void Checker::slices_call(CallExpr* c, Member m) {
  if (c->args.empty() || invalid(c->args[0]->type)) return;
  const Type* st = c->args[0]->type;
  if (st->ukind() != Kind::Slice) {
    error(c->args[0]->pos, "in call to " + expr_text(c->fun) + ", " + describe(c->args[0]) + " is not a slice");
    c->type = u_.invalid;
    return;
  }
  const Type* et = st->underlying()->elem;
  if (m == Member::slices_Max || m == Member::slices_Min) c->type = et;
  if (m == Member::slices_Clone) c->type = st;
  if ((m == Member::slices_Contains || m == Member::slices_Index) && c->args.size() == 2 && c->args[1]->cv &&
      et->is_basic()) {
    ConstValue cv = *c->args[1]->cv;
    bool truncated = false;
    if (representable(cv, et, truncated)) set_type_deep(c->args[1], et);
  }
}

void Checker::call(CallExpr* c, bool allow_type) {
  (void)allow_type;
  c->type = u_.invalid;
  expr(c->fun, true);
  Expr* fun = unparen(c->fun);
  if (fun->kind == NodeKind::Ident && static_cast<Ident*>(fun)->ref == RefKind::Builtin) {
    c->call_kind = CallKind::Builtin;
    builtin_call(c, static_cast<Ident*>(fun)->builtin);
    return;
  }
  if (invalid(c->fun->type)) {
    for (Expr* a : c->args) {
      expr(a);
      mark_used(a);
    }
    return;
  }
  if (c->fun->is_type_expr) {
    c->call_kind = CallKind::Conversion;
    conversion(c, c->fun->type);
    return;
  }
  const Type* ft = c->fun->type;
  if (ft->ukind() != Kind::Func) {
    error(c->pos, "invalid operation: cannot call non-function " + describe(c->fun));
    for (Expr* a : c->args) expr(a);
    return;
  }
  const Type* sig = ft->underlying();
  c->sig = sig;
  check_args(c, sig, expr_text(c->fun));
  if (sig->results.size() == 1) c->type = sig->results[0];
  else c->type = arena_.tuple_of(sig->results);
  c->call_kind = CallKind::Func;
  if (fun->kind == NodeKind::SelectorExpr) {
    auto* s = static_cast<SelectorExpr*>(fun);
    if (s->sel_kind == SelKind::PackageMember && s->member >= 0 && !s->is_type_expr) {
      c->call_kind = CallKind::Stdlib;
      // a package *variable* of func type is called like any func value
      const auto& info = member_info(static_cast<Member>(s->member));
      if (info.recv.empty() && s->type != nullptr && s->member >= 0) {
        const Package* p = stdlib_package(std::string(info.package));
        if (p) {
          auto it = p->members.find(std::string(info.name));
          if (it != p->members.end() && it->second.k == Object::K::Var) c->call_kind = CallKind::Func;
        }
      }
      if (c->call_kind == CallKind::Stdlib && info.package == "slices") slices_call(c, static_cast<Member>(s->member));
    } else if (s->sel_kind == SelKind::Method) {
      c->call_kind = s->method->member >= 0 ? CallKind::Stdlib : CallKind::Method;
    } else if (s->sel_kind == SelKind::InterfaceMethod) {
      c->call_kind = CallKind::Interface;
    }
  }
}

void Checker::conversion(CallExpr* c, const Type* target) {
  c->type = u_.invalid;
  if (c->args.size() != 1) {
    if (c->args.empty()) error(c->rparen, "missing argument in conversion to " + ts(target));
    else error(c->args[1]->pos, "too many arguments in conversion to " + ts(target));
    for (Expr* a : c->args) expr(a);
    return;
  }
  Expr* x = c->args[0];
  value(x);
  if (invalid(x->type) || invalid(target)) return;
  const Type* v = x->type;
  const Type* tu = target->underlying();
  c->type = target;
  if (x->cv && tu->is_basic()) {
    // constant conversion
    ConstValue cv = *x->cv;
    if (target->is_string() && cv.kind == ConstValue::Kind::Int && v->is_integer()) {
      std::string s;
      append_utf8(s, static_cast<int64_t>(cv.i));
      if (v->is_untyped()) set_type_deep(x, u_.default_type(v));
      c->cv = ConstValue::of_string(s);
      return;
    }
    bool compatible = (target->is_numeric() && v->is_numeric()) || (target->is_string() && v->is_string()) ||
                      (target->is_boolean() && v->is_boolean());
    bool truncated = false;
    if (compatible) {
      if (target->is_integer() && v->is_float() && !v->is_untyped()) {
        // typed float constant -> int: Go truncates only at run time; constants must be exact
      }
      if (representable(cv, target, truncated)) {
        if (v->is_untyped()) set_type_deep(x, v->is_numeric() && target->is_numeric() ? target : u_.default_type(v));
        c->cv = cv;
        return;
      }
      // Go's words: concise for integer to integer, no cause otherwise (1.5 or 300.0 to int8).
      if (!truncated && v->is_integer() && target->is_integer())
        error(x->pos, "constant " + const_string(*x->cv) + " overflows " + ts(target));
      else
        error(x->pos, "cannot convert " + describe(x) + " to type " + ts(target));
      c->type = u_.invalid;
      return;
    }
  }
  if (v->is_untyped()) {
    if (v->kind == Kind::UntypedNil) {
      if (try_convert_untyped(x, target) != Conv::Ok) {
        error(x->pos, "cannot convert " + describe(x) + " to type " + ts(target));
        c->type = u_.invalid;
      }
      return;
    }
    if (try_convert_untyped(x, target) == Conv::Ok) return;
    default_type(x);
    v = x->type;
  }
  const Type* vu = v->underlying();
  bool ok = assignable(v, target) || identical(vu, tu) ||
            (v->kind == Kind::Pointer && target->kind == Kind::Pointer && identical(v->elem->underlying(), target->elem->underlying())) ||
            (v->is_numeric() && target->is_numeric()) ||
            (target->is_string() && v->is_integer()) ||
            (target->is_string() && vu->kind == Kind::Slice && (vu->elem->ukind() == Kind::Uint8 || vu->elem->ukind() == Kind::Int32)) ||
            (v->is_string() && tu->kind == Kind::Slice && (tu->elem->ukind() == Kind::Uint8 || tu->elem->ukind() == Kind::Int32));
  if (!ok) {
    error(x->pos, "cannot convert " + describe(x) + " to type " + ts(target));
    c->type = u_.invalid;
  }
}

void Checker::builtin_call(CallExpr* c, Builtin b) {
  c->type = u_.invalid;
  auto& args = c->args;
  std::string name = expr_text(c->fun);
  auto nargs_error = [&](size_t min, size_t max) {
    if (args.size() >= min && args.size() <= max) return false;
    for (Expr* a : args) expr(a, true);
    error(c->pos, std::string("invalid operation: ") + (args.size() < min ? "not enough" : "too many") +
                      " arguments for " + expr_text(c) + " (expected " + std::to_string(args.size() < min ? min : max) +
                      ", found " + std::to_string(args.size()) + ")");
    return true;
  };
  switch (b) {
    case Builtin::Len: case Builtin::Cap: {
      if (nargs_error(1, 1)) return;
      Expr* x = args[0];
      value(x);
      if (invalid(x->type)) return;
      const Type* t = x->type;
      const Type* u = t->underlying();
      if (u->kind == Kind::Pointer && u->elem->ukind() == Kind::Array) u = u->elem->underlying();
      bool ok = false;
      switch (u->kind) {
        case Kind::String: case Kind::UntypedString: ok = b == Builtin::Len; break;
        case Kind::Slice: case Kind::Array: case Kind::Chan: ok = true; break;
        case Kind::Map: ok = b == Builtin::Len; break;
        default: break;
      }
      if (!ok) {
        error(x->pos, "invalid argument: " + describe(x) + " for built-in " + name);
        return;
      }
      c->type = u_.int_type;
      if (x->cv && x->cv->kind == ConstValue::Kind::String) {
        c->cv = ConstValue::of_int(int64_t(x->cv->s.size()));
        default_type(x);
      } else if (u->kind == Kind::Array && x->kind == NodeKind::Ident) {
        // len of an array variable is a constant in Go, but evaluating it is harmless
      }
      default_type(x);
      return;
    }
    case Builtin::Append: {
      if (nargs_error(1, SIZE_MAX)) return;
      Expr* s = args[0];
      value(s);
      if (invalid(s->type)) {
        for (size_t i = 1; i < args.size(); ++i) expr(args[i]);
        return;
      }
      if (s->type->kind == Kind::UntypedNil) {
        error(s->pos, "first argument to append must be a typed slice; found untyped nil");
        return;
      }
      if (s->type->ukind() != Kind::Slice) {
        error(s->pos, "invalid argument: " + describe(s) + " (first argument to append must be a slice)");
        errors_.back().message = "first argument to append must be a slice; have " + describe(s);
        for (size_t i = 1; i < args.size(); ++i) expr(args[i]);
        return;
      }
      const Type* elem = s->type->underlying()->elem;
      c->type = s->type;
      if (c->has_ellipsis) {
        if (args.size() != 2) {
          error(c->pos, "can only use ... with final argument in list");
          return;
        }
        value(args[1]);
        if (invalid(args[1]->type)) return;
        if (elem->ukind() == Kind::Uint8 && args[1]->type->is_string()) {
          default_type(args[1]);
          return;
        }
        assign(args[1], s->type->underlying(), "argument to append");
        return;
      }
      for (size_t i = 1; i < args.size(); ++i) {
        value(args[i]);
        assign(args[i], elem, "argument to append");
      }
      return;
    }
    case Builtin::Make: {
      if (nargs_error(1, SIZE_MAX)) return;
      const Type* t = resolve_type(args[0]);
      if (invalid(t)) {
        for (size_t i = 1; i < args.size(); ++i) expr(args[i]);
        return;
      }
      Kind k = t->ukind();
      size_t min = 1, max = 2;
      if (k == Kind::Slice) {
        min = 2;
        max = 3;
      } else if (k != Kind::Map && k != Kind::Chan) {
        error(args[0]->pos, "invalid argument: cannot make " + expr_text(args[0]) + "; type must be slice, map, or channel");
        for (size_t i = 1; i < args.size(); ++i) expr(args[i]);
        return;
      }
      if (args.size() < min || args.size() > max) {
        error(c->pos, "invalid operation: " + expr_text(c) + " expects " + std::to_string(min) + " or " +
                          std::to_string(max) + " arguments; found " + std::to_string(args.size()));
        for (size_t i = 1; i < args.size(); ++i) expr(args[i]);
        return;
      }
      for (size_t i = 1; i < args.size(); ++i) {
        value(args[i]);
        Expr* a = args[i];
        if (invalid(a->type)) continue;
        if (a->type->is_untyped()) {
          if (a->cv && a->cv->kind == ConstValue::Kind::Float && a->cv->f == std::floor(a->cv->f)) {
            set_type_deep(a, u_.int_type);
          } else if (!a->type->is_integer()) {
            error(a->pos, "cannot convert " + describe(a) + " to type int");
            continue;
          } else {
            convert_untyped(a, u_.int_type);
          }
        } else if (!a->type->is_integer()) {
          error(a->pos, "cannot convert " + describe(a) + " to type int");
          continue;
        }
        if (a->cv && a->cv->kind == ConstValue::Kind::Int && a->cv->i < 0) {
          error(a->pos, "invalid argument: index " + describe(a) + " must not be negative");
        }
      }
      if (args.size() == 3 && args[1]->cv && args[2]->cv && args[1]->cv->i > args[2]->cv->i)
        error(args[1]->pos, "invalid argument: length and capacity swapped");
      c->type = t;
      return;
    }
    case Builtin::New: {
      if (nargs_error(1, 1)) return;
      const Type* t = resolve_type(args[0]);
      if (!invalid(t)) c->type = arena_.pointer_to(t);
      return;
    }
    case Builtin::Delete: {
      if (nargs_error(2, 2)) return;
      value(args[0]);
      value(args[1]);
      if (invalid(args[0]->type) || invalid(args[1]->type)) return;
      if (args[0]->type->ukind() != Kind::Map) {
        error(args[0]->pos, "invalid argument: " + describe(args[0]) + " is not a map");
        return;
      }
      assign(args[1], args[0]->type->underlying()->key, "argument to delete");
      c->type = arena_.tuple_of({});
      return;
    }
    case Builtin::Close: {
      if (nargs_error(1, 1)) return;
      value(args[0]);
      if (invalid(args[0]->type)) return;
      const Type* u = args[0]->type->underlying();
      if (u->kind != Kind::Chan) {
        error(args[0]->pos, "invalid operation: cannot close non-channel " + describe(args[0]));
        return;
      }
      if (u->dir == ChanDir::Recv) {
        error(args[0]->pos, "invalid operation: cannot close receive-only channel " + describe(args[0]));
        return;
      }
      c->type = arena_.tuple_of({});
      return;
    }
    case Builtin::Copy: {
      if (nargs_error(2, 2)) return;
      value(args[0]);
      value(args[1]);
      if (invalid(args[0]->type) || invalid(args[1]->type)) return;
      if (args[0]->type->ukind() != Kind::Slice) {
        error(args[0]->pos, "invalid argument: copy expects slice arguments; found " + describe(args[0]) + " and " +
                                describe(args[1]));
        return;
      }
      default_type(args[1]);
      c->type = u_.int_type;
      return;
    }
    case Builtin::Clear: {
      if (nargs_error(1, 1)) return;
      value(args[0]);
      if (invalid(args[0]->type)) return;
      Kind k = args[0]->type->ukind();
      if (k != Kind::Map && k != Kind::Slice) {
        error(args[0]->pos, "invalid argument: " + describe(args[0]) + " must be a map or slice");
        return;
      }
      c->type = arena_.tuple_of({});
      return;
    }
    case Builtin::Panic: {
      if (nargs_error(1, 1)) return;
      value(args[0]);
      if (!invalid(args[0]->type)) assign(args[0], u_.any_type, "argument to panic");
      c->type = arena_.tuple_of({});
      return;
    }
    case Builtin::Print: case Builtin::Println: {
      for (Expr* a : args) {
        value(a);
        if (invalid(a->type)) continue;
        if (a->type->kind == Kind::UntypedNil) {
          error(a->pos, "use of untyped nil in argument to built-in " + name);
          continue;
        }
        default_type(a);
      }
      c->type = arena_.tuple_of({});
      return;
    }
    case Builtin::Recover: {
      if (nargs_error(0, 0)) return;
      c->type = u_.any_type;
      return;
    }
    case Builtin::Min: case Builtin::Max: {
      if (nargs_error(1, SIZE_MAX)) return;
      bool bad = false;
      for (Expr* a : args) {
        value(a);
        if (invalid(a->type)) bad = true;
      }
      if (bad) return;
      // common type: the first typed operand, else the widest untyped kind
      const Type* common = nullptr;
      for (Expr* a : args)
        if (!a->type->is_untyped()) {
          common = a->type;
          break;
        }
      bool all_const = true;
      for (Expr* a : args) {
        if (!a->cv) all_const = false;
        bool ordered = a->type->is_numeric() || a->type->is_string();
        if (!ordered) {
          error(a->pos, "invalid argument: " + describe(a) + " cannot be ordered");
          return;
        }
      }
      if (common) {
        for (Expr* a : args) {
          if (a->type->is_untyped()) {
            if (!convert_untyped(a, common)) return;
          } else if (!identical(a->type, common)) {
            error(a->pos, "invalid argument: mismatched types " + ts(common) + " (previous argument) and " + ts(a->type) +
                              " (type of " + expr_text(a) + ")");
            return;
          }
        }
        c->type = common;
      } else {
        const Type* widest = args[0]->type;
        for (Expr* a : args)
          if (untyped_rank(a->type->kind) > untyped_rank(widest->kind)) widest = a->type;
        c->type = widest;
      }
      if (all_const) {
        ConstValue best = *args[0]->cv;
        for (size_t i = 1; i < args.size(); ++i) {
          const ConstValue& v = *args[i]->cv;
          bool less;
          if (v.kind == ConstValue::Kind::String) less = v.s < best.s;
          else less = v.as_float() < best.as_float();
          if ((b == Builtin::Min) == less && !(v.as_float() == best.as_float() && v.kind != ConstValue::Kind::String))
            best = v;
        }
        c->cv = best;
        if (c->type->is_float() && best.kind == ConstValue::Kind::Int) c->cv = ConstValue::of_float(double(best.i));
      }
      return;
    }
    case Builtin::None: return;
  }
}

// ---------------------------------------------------------------- operators

namespace {

constexpr ConstInt kConstMax = ~(ConstInt(1) << 127);
constexpr ConstInt kConstMin = ConstInt(1) << 127;

bool fold_int(Op op, ConstInt a, ConstInt b, ConstInt& out, bool& overflow) {
  overflow = false;
  switch (op) {
    case Op::Add: overflow = __builtin_add_overflow(a, b, &out); return true;
    case Op::Sub: overflow = __builtin_sub_overflow(a, b, &out); return true;
    case Op::Mul: overflow = __builtin_mul_overflow(a, b, &out); return true;
    case Op::Quo:
      if (b == 0) return false;
      if (a == kConstMin && b == -1) { overflow = true; return true; }
      out = a / b;
      return true;
    case Op::Rem:
      if (b == 0) return false;
      if (b == -1) { out = 0; return true; }
      out = a % b;
      return true;
    case Op::And: out = a & b; return true;
    case Op::Or: out = a | b; return true;
    case Op::Xor: out = a ^ b; return true;
    case Op::AndNot: out = a & ~b; return true;
    case Op::Shl:
      if (b < 0) return false;
      if (a == 0) {
        out = 0;
        return true;
      }
      if (b >= 127 || (a > 0 ? a > (kConstMax >> b) : a < (kConstMin >> b))) {
        overflow = true;
        out = 0;
        return true;
      }
      out = static_cast<ConstInt>(static_cast<ConstUInt>(a) << b);
      return true;
    case Op::Shr:
      if (b < 0) return false;
      out = b >= 127 ? (a < 0 ? -1 : 0) : a >> b;
      return true;
    default: return false;
  }
}

bool is_comparison(Op op) {
  return op == Op::Eql || op == Op::Neq || op == Op::Lss || op == Op::Leq || op == Op::Gtr || op == Op::Geq;
}

}  // namespace

// An untyped numeric constant paired with a typed numeric operand it does not
// fit: "2.5 (untyped float constant) truncated to int". True when reported.
bool Checker::untyped_misfit(Expr* x, Expr* y) {
  if (x->type->is_untyped() == y->type->is_untyped()) return false;
  Expr* u = x->type->is_untyped() ? x : y;
  Expr* t = u == x ? y : x;
  if (!u->cv || !u->type->is_numeric() || !t->type->is_numeric()) return false;
  ConstValue c = *u->cv;
  bool truncated = false;
  if (representable(c, t->type, truncated)) return false;
  error(u->pos, describe(u) + (truncated ? " truncated to " : " overflows ") + ts(t->type->underlying()));
  return true;
}

bool Checker::match_types(Expr* x, Expr* y) {
  const Type* xt = x->type;
  const Type* yt = y->type;
  bool xu = xt->is_untyped(), yu = yt->is_untyped();
  if (xu && yu) {
    if (xt->kind == yt->kind) return true;
    if (untyped_rank(xt->kind) && untyped_rank(yt->kind)) {
      const Type* wide = untyped_rank(xt->kind) > untyped_rank(yt->kind) ? xt : yt;
      set_type_deep(x, wide);
      set_type_deep(y, wide);
      return true;
    }
    return false;
  }
  if (xu) return try_convert_untyped(x, yt) == Conv::Ok;
  if (yu) return try_convert_untyped(y, xt) == Conv::Ok;
  return true;
}

void Checker::binary(BinaryExpr* b) {
  b->type = u_.invalid;
  value(b->x);
  value(b->y);
  Expr* x = b->x;
  Expr* y = b->y;
  if (invalid(x->type) || invalid(y->type)) return;
  std::string optext = op_string(b->op);
  if (b->op == Op::Shl || b->op == Op::Shr) {
    if (!y->type->is_integer()) {
      if (y->cv && y->cv->kind == ConstValue::Kind::Float && y->cv->f == std::floor(y->cv->f)) {
        y->cv = ConstValue::of_int(int64_t(y->cv->f));
        y->type = u_.untyped_int;
      } else {
        error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
        return;
      }
    }
    if (y->cv && y->cv->i < 0) {
      error(y->pos, "invalid operation: negative shift count " + describe(y));
      return;
    }
    if (y->type->is_untyped()) set_type_deep(y, u_.uint_type);
    if (x->type->is_untyped() && x->cv && x->cv->kind == ConstValue::Kind::Float && x->cv->f == std::floor(x->cv->f)) {
      x->cv = ConstValue::of_int(int64_t(x->cv->f));
      x->type = u_.untyped_int;
    }
    if (!x->type->is_integer()) {
      error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      return;
    }
    if (x->cv && y->cv) {
      ConstInt out;
      bool overflow;
      fold_int(b->op, x->cv->i, y->cv->i, out, overflow);
      if (overflow) {
        error(b->pos, "constant shift overflow");
        return;
      }
      b->type = x->type;
      b->cv = ConstValue::of_int(out);
      if (!x->type->is_untyped()) {
        ConstValue c = *b->cv;
        bool tr;
        if (!representable(c, x->type, tr)) {
          error(b->pos, "constant " + const_int_string(out) + " overflows " + ts(x->type));
          b->type = u_.invalid;
        }
      }
      return;
    }
    if (x->type->is_untyped()) set_type_deep(x, u_.int_type);
    b->type = x->type;
    return;
  }
  if (is_comparison(b->op)) {
    if (untyped_misfit(x, y)) return;
    bool xnil = x->type->kind == Kind::UntypedNil, ynil = y->type->kind == Kind::UntypedNil;  // before match_types converts nil
    bool ok = match_types(x, y);
    if (ok) ok = assignable(x->type, y->type) || assignable(y->type, x->type);
    if (!ok) {
      error(y->pos, "invalid operation: " + expr_text(b) + " (mismatched types " + ts(x->type) + " and " + ts(y->type) + ")");
      return;
    }
    if (b->op == Op::Eql || b->op == Op::Neq) {
      if (xnil && ynil) {
        error(b->pos, "invalid operation: " + expr_text(b) + " (operator " + optext + " not defined on nil)");
        return;
      }
      if (!xnil && !ynil) {
        const Type* t = x->type;
        if (!comparable(t) || !comparable(y->type)) {
          Expr* bad = comparable(t) ? y : x;
          const Type* bt = bad->type->underlying();
          std::string what = bt->kind == Kind::Slice ? "slice" : bt->kind == Kind::Map ? "map" : bt->kind == Kind::Func ? "func" : "";
          if (!what.empty())
            error(bad->pos, "invalid operation: " + expr_text(b) + " (" + what + " can only be compared to nil)");
          else
            error(bad->pos, "invalid operation: " + expr_text(b) + " (" + ts(bad->type) + " cannot be compared)");
          return;
        }
      }
    } else {
      bool ordered = x->type->is_numeric() || x->type->is_string();
      if (!ordered) {
        error(x->pos, "invalid operation: " + expr_text(b) + " (operator " + optext + " not defined on " +
                          describe(x).substr(expr_text(x).size() + 2, std::string::npos) .insert(0, ""));
        errors_.back().message = "invalid operation: " + expr_text(b) + " (operator " + optext + " not defined on " +
                                 std::string(x->type->ukind() == Kind::Bool || x->type->kind == Kind::UntypedBool ? "bool" :
                                             x->type->ukind() == Kind::Pointer ? "pointer" :
                                             x->type->ukind() == Kind::Chan ? "chan" :
                                             x->type->ukind() == Kind::Struct ? "struct" :
                                             x->type->ukind() == Kind::Interface ? "interface" :
                                             x->type->ukind() == Kind::Slice ? "slice" :
                                             x->type->ukind() == Kind::Map ? "map" : "value") + ")";
        return;
      }
    }
    b->type = u_.untyped_bool;
    if (x->cv && y->cv) {
      const ConstValue& a = *x->cv;
      const ConstValue& c = *y->cv;
      bool r = false;
      if (a.kind == ConstValue::Kind::String) {
        int cmp = a.s.compare(c.s);
        r = b->op == Op::Eql ? cmp == 0 : b->op == Op::Neq ? cmp != 0 : b->op == Op::Lss ? cmp < 0
          : b->op == Op::Leq ? cmp <= 0 : b->op == Op::Gtr ? cmp > 0 : cmp >= 0;
      } else if (a.kind == ConstValue::Kind::Bool) {
        r = b->op == Op::Eql ? a.b == c.b : a.b != c.b;
      } else if (a.kind == ConstValue::Kind::Int && c.kind == ConstValue::Kind::Int) {
        r = b->op == Op::Eql ? a.i == c.i : b->op == Op::Neq ? a.i != c.i : b->op == Op::Lss ? a.i < c.i
          : b->op == Op::Leq ? a.i <= c.i : b->op == Op::Gtr ? a.i > c.i : a.i >= c.i;
      } else {
        double p = a.as_float(), q = c.as_float();
        r = b->op == Op::Eql ? p == q : b->op == Op::Neq ? p != q : b->op == Op::Lss ? p < q
          : b->op == Op::Leq ? p <= q : b->op == Op::Gtr ? p > q : p >= q;
      }
      b->cv = ConstValue::of_bool(r);
    } else {
      // operands of a non-constant comparison get their default types
      default_type(x);
      default_type(y);
    }
    return;
  }
  if (b->op == Op::LAnd || b->op == Op::LOr) {
    if (!x->type->is_boolean()) {
      error(x->pos, "invalid operation: operator " + optext + " not defined on " + describe(x));
      return;
    }
    if (!y->type->is_boolean()) {
      error(y->pos, "invalid operation: operator " + optext + " not defined on " + describe(y));
      return;
    }
    if (!match_types(x, y) || !identical(x->type, y->type)) {
      error(x->pos, "invalid operation: " + expr_text(b) + " (mismatched types " + ts(x->type) + " and " + ts(y->type) + ")");
      return;
    }
    b->type = x->type;
    if (x->cv && y->cv) b->cv = ConstValue::of_bool(b->op == Op::LAnd ? (x->cv->b && y->cv->b) : (x->cv->b || y->cv->b));
    return;
  }
  // arithmetic
  if (untyped_misfit(x, y)) return;
  bool matched = match_types(x, y);
  if (!matched || !identical(x->type, y->type)) {
    if (matched || (x->type->is_untyped() != y->type->is_untyped() &&
                    ((x->type->is_numeric() && y->type->is_numeric())))) {
      // an untyped constant that does not fit the other operand's type
      Expr* u = x->type->is_untyped() ? x : y;
      Expr* t = u == x ? y : x;
      if (u->type->is_untyped() && u->cv && t->type->is_numeric()) {
        ConstValue c = *u->cv;
        bool truncated = false;
        if (!representable(c, t->type, truncated)) {
          error(u->pos, describe(u) + (truncated ? " truncated to " : " overflows ") + ts(t->type));
          return;
        }
      }
    }
    error(x->pos, "invalid operation: " + expr_text(b) + " (mismatched types " + ts(x->type) + " and " + ts(y->type) + ")");
    return;
  }
  const Type* t = x->type;
  bool ok;
  switch (b->op) {
    case Op::Add: ok = t->is_numeric() || t->is_string(); break;
    case Op::Sub: case Op::Mul: case Op::Quo: ok = t->is_numeric(); break;
    case Op::Rem: case Op::And: case Op::Or: case Op::Xor: case Op::AndNot: ok = t->is_integer(); break;
    default: ok = false;
  }
  if (!ok) {
    error(x->pos, "invalid operation: operator " + optext + " not defined on " + describe(x));
    return;
  }
  if ((b->op == Op::Quo || b->op == Op::Rem) && y->cv &&
      ((y->cv->kind == ConstValue::Kind::Int && y->cv->i == 0) || (y->cv->kind == ConstValue::Kind::Float && y->cv->f == 0)) &&
      (t->is_integer() || x->cv)) {
    error(y->pos, "invalid operation: division by zero");
    return;
  }
  b->type = t;
  if (!(x->cv && y->cv)) return;
  const ConstValue& a = *x->cv;
  const ConstValue& c = *y->cv;
  if (a.kind == ConstValue::Kind::String) {
    b->cv = ConstValue::of_string(a.s + c.s);
    return;
  }
  bool as_float = t->is_float() || a.kind == ConstValue::Kind::Float || c.kind == ConstValue::Kind::Float;
  if (t->is_integer() && !t->is_untyped()) as_float = false;
  if (as_float && !t->is_integer()) {
    double p = a.as_float(), q = c.as_float(), r = 0;
    switch (b->op) {
      case Op::Add: r = p + q; break;
      case Op::Sub: r = p - q; break;
      case Op::Mul: r = p * q; break;
      case Op::Quo: r = p / q; break;
      default: break;
    }
    b->cv = ConstValue::of_float(r);
    return;
  }
  // integer constant arithmetic (untyped int/rune, or typed integers)
  ConstInt p = a.kind == ConstValue::Kind::Float ? ConstInt(a.f) : a.i;
  ConstInt q = c.kind == ConstValue::Kind::Float ? ConstInt(c.f) : c.i;
  if (b->op == Op::Quo && t->is_untyped() && untyped_rank(t->kind) == 3) {
    b->cv = ConstValue::of_float(double(p) / double(q));
    return;
  }
  ConstInt r = 0;
  bool overflow = false;
  fold_int(b->op, p, q, r, overflow);
  if (overflow) {
    error(b->pos, "constant overflow");
    b->type = u_.invalid;
    return;
  }
  ConstValue cv = ConstValue::of_int(r);
  if (!t->is_untyped()) {
    ConstValue check = cv;
    bool tr;
    if (!representable(check, t, tr)) {
      error(b->pos, "cannot use " + expr_text(b) + " (untyped int constant " + const_int_string(r) + ") as " + ts(t) +
                        " value in expression (overflows)");
      errors_.back().message = "constant " + const_int_string(r) + " overflows " + ts(t);
      b->type = u_.invalid;
      return;
    }
  }
  b->cv = cv;
}

void Checker::unary(UnaryExpr* u) {
  u->type = u_.invalid;
  if (u->op == Op::And) {
    Expr* x = unparen(u->x);
    if (x->kind == NodeKind::CompositeLit) {
      value(x);
      u->x->type = x->type;
      if (!invalid(x->type)) u->type = arena_.pointer_to(x->type);
      return;
    }
    value(u->x);
    if (invalid(u->x->type)) return;
    if (!is_addressable(u->x)) {
      error(u->pos, "invalid operation: cannot take address of " + describe(u->x));
      return;
    }
    mark_used(u->x);
    mark_address_taken(u->x);
    u->type = arena_.pointer_to(u->x->type);
    return;
  }
  value(u->x);
  Expr* x = u->x;
  if (invalid(x->type)) return;
  if (u->op == Op::Arrow) {
    const Type* t = x->type->underlying();
    if (t->kind != Kind::Chan) {
      error(x->pos, "invalid operation: cannot receive from non-channel " + describe(x));
      return;
    }
    if (t->dir == ChanDir::Send) {
      error(x->pos, "invalid operation: cannot receive from send-only channel " + describe(x));
      return;
    }
    u->type = t->elem;
    return;
  }
  bool ok = u->op == Op::Not ? x->type->is_boolean() : u->op == Op::Xor ? x->type->is_integer() : x->type->is_numeric();
  if (!ok) {
    error(u->pos, "invalid operation: operator " + std::string(op_string(u->op)) + " not defined on " + describe(x));
    return;
  }
  u->type = x->type;
  if (!x->cv) return;
  const ConstValue& c = *x->cv;
  switch (u->op) {
    case Op::Not: u->cv = ConstValue::of_bool(!c.b); break;
    case Op::Add: u->cv = c; break;
    case Op::Sub:
      if (c.kind == ConstValue::Kind::Float) u->cv = ConstValue::of_float(-c.f);
      else u->cv = ConstValue::of_int(-c.i);
      break;
    case Op::Xor: {
      ConstInt v = ~c.i;
      if (x->type->is_unsigned()) v &= (ConstInt(1) << x->type->int_bits()) - 1;  // ^ flips the type's bits only
      u->cv = ConstValue::of_int(v);
      break;
    }
    default: break;
  }
  if (u->cv && !x->type->is_untyped()) {
    ConstValue c2 = *u->cv;
    bool tr;
    if (!representable(c2, x->type, tr)) {
      error(u->pos, "constant " + const_string(*u->cv) + " overflows " + ts(x->type));
      u->type = u_.invalid;
      u->cv.reset();
    }
  }
}

// ---------------------------------------------------------------- literals and indexing

void Checker::composite(CompositeLit* c, const Type* hint) {
  c->type = u_.invalid;
  const Type* t = nullptr;
  const Type* literal_type = nullptr;  // what the literal builds
  if (c->type_expr) {
    auto* at = c->type_expr->kind == NodeKind::ArrayType ? static_cast<ArrayType*>(c->type_expr) : nullptr;
    if (at && at->len && at->len->kind == NodeKind::Ellipsis) {
      const Type* elem = resolve_type(at->elem);
      if (invalid(elem)) {
        for (Expr* e : c->elts) expr(e->kind == NodeKind::KeyValueExpr ? static_cast<KeyValueExpr*>(e)->value : e);
        return;
      }
      t = arena_.slice_of(elem);  // placeholder: becomes an array once the length is known
      literal_type = nullptr;
    } else {
      t = resolve_type(c->type_expr);
      literal_type = t;
    }
  } else if (hint) {
    t = hint;
    literal_type = hint;
    if (hint->ukind() == Kind::Pointer) {
      t = hint->underlying()->elem;  // elided &T{...}
    }
  } else {
    error(c->pos, "invalid composite literal type: missing type");
    for (Expr* e : c->elts) expr(e->kind == NodeKind::KeyValueExpr ? static_cast<KeyValueExpr*>(e)->value : e);
    return;
  }
  if (invalid(t)) {
    for (Expr* e : c->elts) expr(e->kind == NodeKind::KeyValueExpr ? static_cast<KeyValueExpr*>(e)->value : e);
    return;
  }
  const Type* u = t->underlying();
  bool ellipsis_array = c->type_expr && literal_type == nullptr;
  switch (u->kind) {
    case Kind::Struct: {
      c->indices.clear();
      if (c->elts.empty()) break;
      bool keyed = c->elts[0]->kind == NodeKind::KeyValueExpr;
      std::vector<bool> seen(u->fields.size(), false);
      for (size_t i = 0; i < c->elts.size(); ++i) {
        Expr* e = c->elts[i];
        bool is_kv = e->kind == NodeKind::KeyValueExpr;
        if (is_kv != keyed) {
          error(e->pos, "mixture of field:value and value elements in struct literal");
          expr(is_kv ? static_cast<KeyValueExpr*>(e)->value : e);
          continue;
        }
        if (keyed) {
          auto* kv = static_cast<KeyValueExpr*>(e);
          if (kv->key->kind != NodeKind::Ident) {
            error(kv->key->pos, "invalid field name " + expr_text(kv->key) + " in struct literal");
            expr(kv->value);
            continue;
          }
          const std::string& name = static_cast<Ident*>(kv->key)->name;
          int idx = -1;
          for (size_t f = 0; f < u->fields.size(); ++f)
            if (u->fields[f].name == name) idx = int(f);
          if (idx < 0) {
            error(kv->key->pos, "unknown field " + name + " in struct literal of type " + ts(t));
            expr(kv->value);
            continue;
          }
          if (seen[idx]) error(kv->key->pos, "duplicate field name " + name + " in struct literal");
          seen[idx] = true;
          kv->key->type = u->fields[idx].type;
          value(kv->value, u->fields[idx].type);
          assign(kv->value, u->fields[idx].type, "struct literal");
          c->indices.push_back(idx);
        } else {
          if (i >= u->fields.size()) {
            error(e->pos, "too many values in struct literal of type " + ts(t));
            for (size_t j = i; j < c->elts.size(); ++j) expr(c->elts[j]);
            break;
          }
          value(e, u->fields[i].type);
          assign(e, u->fields[i].type, "struct literal");
          c->indices.push_back(int64_t(i));
        }
      }
      if (!keyed && c->elts.size() < u->fields.size() && !c->elts.empty())
        error(c->rbrace, "too few values in struct literal of type " + ts(t));
      break;
    }
    case Kind::Array: case Kind::Slice: {
      const Type* elem = u->elem;
      int64_t next = 0, max = 0;
      c->indices.clear();
      for (Expr* e : c->elts) {
        Expr* v = e;
        if (e->kind == NodeKind::KeyValueExpr) {
          auto* kv = static_cast<KeyValueExpr*>(e);
          value(kv->key);
          if (!invalid(kv->key->type)) {
            if (!kv->key->cv || kv->key->cv->kind != ConstValue::Kind::Int) {
              error(kv->key->pos, "index " + expr_text(kv->key) + " must be integer constant");
            } else {
              next = kv->key->cv->i;
              if (kv->key->type->is_untyped()) set_type_deep(kv->key, u_.int_type);
            }
          }
          v = kv->value;
        }
        if (u->kind == Kind::Array && !ellipsis_array && next >= u->length) {
          error(v->pos, "index " + std::to_string(next) + " out of bounds [0:" + std::to_string(u->length) + "]");
        }
        value(v, elem);
        assign(v, elem, "array or slice literal");
        c->indices.push_back(next);
        ++next;
        if (next > max) max = next;
      }
      c->length = max;
      if (ellipsis_array) {
        t = arena_.array_of(elem, max);
        c->type_expr->type = t;
        literal_type = t;
      }
      break;
    }
    case Kind::Map: {
      for (Expr* e : c->elts) {
        if (e->kind != NodeKind::KeyValueExpr) {
          error(e->pos, "missing key in map literal");
          expr(e);
          continue;
        }
        auto* kv = static_cast<KeyValueExpr*>(e);
        value(kv->key, u->key);
        assign(kv->key, u->key, "map literal");
        value(kv->value, u->elem);
        assign(kv->value, u->elem, "map literal");
      }
      break;
    }
    default:
      error(c->pos, "invalid composite literal type " + ts(t));
      for (Expr* e : c->elts) expr(e->kind == NodeKind::KeyValueExpr ? static_cast<KeyValueExpr*>(e)->value : e);
      return;
  }
  c->type = literal_type ? literal_type : t;
}

void Checker::func_lit(FuncLit* f) {
  if (f->type) return;  // already checked: call arguments can be visited more than once
  const Type* sig = func_sig(f->sig, nullptr);
  FuncCtx ctx;
  ctx.info = &f->info;
  ctx.sig = sig;
  ctx.parent = fn_;
  ctx.is_closure = true;
  f->info.parent = fn_ ? fn_->info : nullptr;
  if (fn_) {
    ++fn_->closure_count;
    bool parent_is_closure = fn_->is_closure;
    ctx.base_name = fn_->info->go_name + (parent_is_closure ? "." : ".func") + std::to_string(fn_->closure_count);
  } else {
    ctx.base_name = pkg_name_ + ".init.func" + std::to_string(++global_closures_);
  }
  f->info.go_name = ctx.base_name;
  f->type = sig;
  FuncCtx* saved = fn_;
  fn_ = &ctx;
  check_body(&f->info, sig, f->sig, nullptr, f->body, f->body->rbrace);
  fn_ = saved;
}

void Checker::index(IndexExpr* ix) {
  ix->type = u_.invalid;
  value(ix->x);
  if (invalid(ix->x->type)) {
    expr(ix->index);
    return;
  }
  mark_used(ix->x);
  const Type* t = ix->x->type->underlying();
  if (t->kind == Kind::Pointer && t->elem->ukind() == Kind::Array) t = t->elem->underlying();
  if (t->kind == Kind::Map) {
    value(ix->index, t->key);
    if (!invalid(ix->index->type)) assign(ix->index, t->key, "map index");
    ix->type = t->elem;
    return;
  }
  int64_t length = -1;
  const Type* result = nullptr;
  switch (t->kind) {
    case Kind::String: case Kind::UntypedString:
      result = u_.byte_type;
      if (ix->x->cv) length = int64_t(ix->x->cv->s.size());
      break;
    case Kind::Slice: result = t->elem; break;
    case Kind::Array: result = t->elem; length = t->length; break;
    default:
      error(ix->x->pos, "invalid operation: cannot index " + describe(ix->x));
      expr(ix->index);
      return;
  }
  value(ix->index);
  Expr* i = ix->index;
  if (invalid(i->type)) return;
  if (!i->type->is_integer()) {
    if (i->cv && i->cv->kind == ConstValue::Kind::Float && i->cv->f == std::floor(i->cv->f)) {
      i->cv = ConstValue::of_int(int64_t(i->cv->f));
      set_type_deep(i, u_.int_type);
    } else {
      error(i->pos, "invalid argument: index " + describe(i) + " must be integer");
      return;
    }
  }
  if (i->type->is_untyped()) set_type_deep(i, u_.int_type);
  if (i->cv) {
    if (i->cv->i < 0) {
      error(i->pos, "invalid argument: index " + describe(i) + " must not be negative");
      return;
    }
    if (length >= 0 && i->cv->i >= length) {
      error(i->pos, "invalid argument: index " + const_int_string(i->cv->i) + " out of bounds [0:" + std::to_string(length) + "]");
      return;
    }
  }
  ix->type = result;
  if (ix->x->cv && i->cv && ix->x->cv->kind == ConstValue::Kind::String)
    ix->cv = ConstValue::of_int(static_cast<unsigned char>(ix->x->cv->s[size_t(i->cv->i)]));
  if (ix->x->type->is_untyped()) default_type(ix->x);
}

void Checker::slice_expr(SliceExpr* s) {
  s->type = u_.invalid;
  value(s->x);
  for (Expr* e : {s->lo, s->hi, s->max}) {
    if (!e) continue;
    value(e);
    if (invalid(e->type)) continue;
    if (!e->type->is_integer()) {
      error(e->pos, "invalid argument: index " + describe(e) + " must be integer");
      continue;
    }
    if (e->type->is_untyped()) set_type_deep(e, u_.int_type);
    if (e->cv && e->cv->i < 0) error(e->pos, "invalid argument: index " + describe(e) + " must not be negative");
  }
  if (invalid(s->x->type)) return;
  mark_used(s->x);
  const Type* t = s->x->type;
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::String: case Kind::UntypedString:
      if (s->slice3) {
        error(s->pos, "invalid operation: 3-index slice of string");
        return;
      }
      default_type(s->x);
      s->type = s->x->type;
      return;
    case Kind::Slice: s->type = t; return;
    case Kind::Array:
      if (!is_addressable(s->x)) {
        error(s->x->pos, "invalid operation: " + expr_text(s) + " (slice of unaddressable value)");
        return;
      }
      mark_address_taken(s->x);
      s->type = arena_.slice_of(u->elem);
      return;
    case Kind::Pointer:
      if (u->elem->ukind() == Kind::Array) {
        s->type = arena_.slice_of(u->elem->underlying()->elem);
        return;
      }
      [[fallthrough]];
    default:
      error(s->x->pos, "cannot slice " + describe(s->x));
  }
}

void Checker::type_assert(TypeAssertExpr* t) {
  t->type = u_.invalid;
  value(t->x);
  if (!t->type_expr) {
    error(t->x->pos, "invalid syntax tree: use of .(type) outside type switch");
    return;
  }
  const Type* target = resolve_type(t->type_expr);
  if (invalid(t->x->type) || invalid(target)) return;
  mark_used(t->x);
  if (!t->x->type->is_interface()) {
    error(t->x->pos, "invalid operation: " + describe(t->x) + " is not an interface");
    return;
  }
  if (!target->is_interface()) {
    if (!implements(target, t->x->type)) {
      error(t->type_expr->pos, "impossible type assertion: " + expr_text(t) + "\n\t" + ts(target) + " does not implement " +
                                   ts(t->x->type) + " " + not_implemented_reason(target, t->x->type, pkg_name_));
      return;
    }
  }
  t->type = target;
}

}  // namespace poollab::golite::front
