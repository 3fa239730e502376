// Expressions: constants, variables, operators, indexing, selectors, literals.
#include <cmath>
#include <cstring>

#include "back/interp.hpp"

namespace poollab::golite {

namespace {

const Universe& U() { return universe(); }

bool is_int_kind(Kind k) { return k >= Kind::Int && k <= Kind::Uintptr; }
bool is_unsigned(Kind k) { return k >= Kind::Uint && k <= Kind::Uintptr; }
bool is_float(Kind k) { return k == Kind::Float32 || k == Kind::Float64 || k == Kind::UntypedFloat; }

const Type* typed(const Type* t) {
  if (t && t->is_untyped()) return universe().default_type(t);
  return t;
}

std::string bounds_msg(int64_t i, int64_t len) {
  return "index out of range [" + std::to_string(i) + "] with length " + std::to_string(len);
}

}  // namespace

int64_t wrap_int(int64_t v, Kind k) {
  switch (k) {
    case Kind::Int8: return int8_t(v);
    case Kind::Int16: return int16_t(v);
    case Kind::Int32: return int32_t(v);
    case Kind::Uint8: return uint8_t(v);
    case Kind::Uint16: return uint16_t(v);
    case Kind::Uint32: return uint32_t(v);
    default: return v;
  }
}

Value Machine::const_value(const ConstValue& cv, const Type* t) {
  // (A checked constant fits its type; uint64 values past INT64_MAX keep their bits.)
  if (cv.kind == ConstValue::Kind::Int && t == int_t_) return Value::of_int(t, static_cast<int64_t>(cv.i));
  t = typed(t);
  if (!t || t->is_interface()) {
    switch (cv.kind) {
      case ConstValue::Kind::Bool: t = U().bool_type; break;
      case ConstValue::Kind::Int: t = U().int_type; break;
      case ConstValue::Kind::Float: t = U().float64_type; break;
      case ConstValue::Kind::String: t = U().string_type; break;
    }
  }
  Kind k = t->ukind();
  switch (cv.kind) {
    case ConstValue::Kind::Bool: return Value::of_bool(t, cv.b);
    case ConstValue::Kind::String: return Value::of_string(t, cv.s);
    case ConstValue::Kind::Int:
      if (is_float(k)) return Value::of_float(t, k == Kind::Float32 ? double(float(cv.i)) : double(cv.i));
      return Value::of_int(t, wrap_int(static_cast<int64_t>(cv.i), k));
    case ConstValue::Kind::Float:
      if (is_int_kind(k)) return Value::of_int(t, int64_t(cv.f));
      return Value::of_float(t, k == Kind::Float32 ? double(float(cv.f)) : cv.f);
  }
  return Value();
}

Value Machine::eval_to_slow(const Expr* e, const Type* target) {
  if (e->cv) return const_value(*e->cv, target && !target->is_interface() ? target : e->type);
  if (e->type && e->type->kind == Kind::UntypedNil) return zero_value(target);
  if (e->kind == NodeKind::Ident && static_cast<const Ident*>(e)->ref == RefKind::Nil) return zero_value(target);
  return eval(e);
}

void Machine::runtime_panic(const std::string& text) {
  // The recoverable error's text is the first line; the signal line is only in the crash report.
  Value v = Value::of_obj(native_types().runtime_error, new ErrObj("runtime error: " + text.substr(0, text.find('\n'))));
  throw rt::Panic("runtime error: " + text, std::any(v));
}

void Machine::plain_runtime_panic(const std::string& text) {
  Value v = Value::of_obj(native_types().runtime_error, new ErrObj(text));
  throw rt::Panic(text, std::any(v));
}

void Machine::nil_dereference() {
  runtime_panic(
      "invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]");
}

Value Machine::make_error(std::string msg, const Type* t) {
  return Value::of_obj(t ? t : native_types().error_string, new ErrObj(std::move(msg)));
}

Value& Machine::slot_ref(const Ident* id) {
  if (id->ref == RefKind::Local) {
    Value& s = fr_->slots[id->index];
    if (id->var && id->var->captured) return static_cast<BoxObj*>(s.o)->v;
    return s;
  }
  if (id->ref == RefKind::Capture) return static_cast<BoxObj*>(fr_->caps[id->index].o)->v;
  return I.globals[size_t(id->index)];
}

Value Machine::deref(const Value& p) {
  if (!p.heap()) nil_dereference();
  if (p.o->kind == ObjKind::Ptr) return *static_cast<PtrObj*>(p.o)->target;
  return Value();
}

Value Machine::func_value(const FuncDecl* d) {
  auto* f = new FuncObj();
  f->info = &d->info;
  f->body = d->body;
  return Value::of_obj(d->name ? d->name->type : nullptr, f);
}

Value* Machine::place(const Expr* e, Obj** owner) {
  if (owner) *owner = nullptr;
  switch (e->kind) {
    case NodeKind::ParenExpr: return place(static_cast<const ParenExpr*>(e)->x, owner);
    case NodeKind::Ident: {
      auto* id = static_cast<const Ident*>(e);
      if (id->ref == RefKind::Local) {
        Value& s = fr_->slots[id->index];
        if (id->var && id->var->captured) {
          if (owner) *owner = s.o;
          return &static_cast<BoxObj*>(s.o)->v;
        }
        return &s;
      }
      if (id->ref == RefKind::Capture) {
        Obj* box = fr_->caps[id->index].o;
        if (owner) *owner = box;
        return &static_cast<BoxObj*>(box)->v;
      }
      if (id->ref == RefKind::Global) return &I.globals[size_t(id->index)];
      break;
    }
    case NodeKind::StarExpr: {
      Value p = eval(static_cast<const StarExpr*>(e)->x);
      if (!p.heap()) nil_dereference();
      auto* po = static_cast<PtrObj*>(p.o);
      if (owner) *owner = po->owner;
      return po->target;
    }
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<const SelectorExpr*>(e);
      if (s->sel_kind != SelKind::Field) break;
      Value* cur;
      Obj* own = nullptr;
      if (s->deref || s->x->type->ukind() == Kind::Pointer) {
        Value p = eval(s->x);
        if (!p.heap() || p.o->kind != ObjKind::Ptr) nil_dereference();
        auto* po = static_cast<PtrObj*>(p.o);
        own = po->owner;
        cur = po->target;
      } else {
        cur = place(s->x, &own);
      }
      for (size_t k = 0; k < s->path.size(); ++k) {
        if (cur->tb && cur->type()->ukind() == Kind::Pointer) {
          if (!cur->heap() || cur->o->kind != ObjKind::Ptr) nil_dereference();
          auto* po = static_cast<PtrObj*>(cur->o);
          own = po->owner;
          cur = po->target;
        }
        if (!cur->heap() || cur->o->kind != ObjKind::Agg) nil_dereference();
        own = cur->o;
        cur = &static_cast<AggObj*>(cur->o)->v[size_t(s->path[k])];
      }
      if (owner) *owner = own;
      return cur;
    }
    case NodeKind::IndexExpr: {
      auto* ix = static_cast<const IndexExpr*>(e);
      const Type* xt = ix->x->type->underlying();
      if (xt->kind == Kind::Slice) {
        Value s = eval(ix->x);
        int64_t i = eval_to(ix->index, U().int_type).i;
        int64_t len = s.heap() ? static_cast<SliceObj*>(s.o)->len : 0;
        if (i < 0 || i >= len) runtime_panic(bounds_msg(i, len));
        auto* so = static_cast<SliceObj*>(s.o);
        if (owner) *owner = so->arr;
        return so->data() + i;
      }
      Value* base;
      Obj* own = nullptr;
      if (xt->kind == Kind::Pointer) {
        Value p = eval(ix->x);
        if (!p.heap()) nil_dereference();
        auto* po = static_cast<PtrObj*>(p.o);
        base = po->target;
      } else {
        base = place(ix->x, &own);
      }
      int64_t i = eval_to(ix->index, U().int_type).i;
      auto* a = static_cast<AggObj*>(base->o);
      int64_t len = int64_t(a->v.size());
      if (i < 0 || i >= len) runtime_panic(bounds_msg(i, len));
      if (owner) *owner = a;
      return &a->v[size_t(i)];
    }
    default: break;
  }
  throw rt::Panic("golite: expression is not addressable");
}

Value Machine::address_of(const Expr* e, const Type* pt) {
  while (e->kind == NodeKind::ParenExpr) e = static_cast<const ParenExpr*>(e)->x;
  if (!pt || pt->ukind() != Kind::Pointer) pt = U().pointer_to(e->type);
  if (e->kind == NodeKind::CompositeLit) {
    auto* box = new BoxObj(eval(e));
    auto* p = new PtrObj(box, &box->v);
    obj_release(box);
    return Value::of_obj(pt, p);
  }
  Obj* owner = nullptr;
  Value* target = place(e, &owner);
  if (!owner && target->agg() && e->kind == NodeKind::Ident &&
      static_cast<const Ident*>(e)->ref != RefKind::Global) {
    // A struct variable in a frame slot: share its storage through a box.
    auto* box = new BoxObj(*target);
    auto* p = new PtrObj(box, &box->v);
    obj_release(box);
    return Value::of_obj(pt, p);
  }
  return Value::of_obj(pt, new PtrObj(owner, target));
}

Value Machine::load_var(const Var* v) {
  (void)v;
  return Value();
}

Value Machine::eval(const Expr* e) {
  if (e->kind == NodeKind::Ident) {  // a plain local first: the commonest operand
    auto* id = static_cast<const Ident*>(e);
    if (id->ref == RefKind::Local && !id->var->captured) return fr_->slots[id->index];
  }
  if (e->cv) return const_value(*e->cv, e->type);
  switch (e->kind) {
    case NodeKind::Ident: {
      auto* id = static_cast<const Ident*>(e);
      switch (id->ref) {
        case RefKind::Local: {
          const Value& s = fr_->slots[id->index];
          if (id->var->captured) return static_cast<BoxObj*>(s.o)->v;
          return s;
        }
        case RefKind::Capture: return static_cast<BoxObj*>(fr_->caps[id->index].o)->v;
        case RefKind::Global: return I.globals[size_t(id->index)];
        case RefKind::Func: return func_value(id->func);
        case RefKind::Nil: return zero_value(e->type && e->type->kind != Kind::UntypedNil ? e->type : nullptr);
        default: return Value();
      }
    }
    case NodeKind::ParenExpr: return eval(static_cast<const ParenExpr*>(e)->x);
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<const BinaryExpr*>(e);
      return b->int_result ? int_binary(b) : eval_binary(b);
    }
    case NodeKind::UnaryExpr: return eval_unary(static_cast<const UnaryExpr*>(e));
    case NodeKind::CallExpr: {
      auto* c = static_cast<const CallExpr*>(e);
      if (!e->type || e->type->kind != Kind::Tuple) {
        Value out;
        if (c->direct) call_direct(c, &out, 1);
        else eval_call(c, &out, 1);
        return out;
      }
      Value out[4];
      eval_call(c, out, std::min<size_t>(4, e->type->elems.size()));
      return std::move(out[0]);
    }
    case NodeKind::IndexExpr: return eval_index(static_cast<const IndexExpr*>(e), nullptr);
    case NodeKind::SliceExpr: return eval_slice(static_cast<const SliceExpr*>(e));
    case NodeKind::SelectorExpr: return eval_selector(static_cast<const SelectorExpr*>(e));
    case NodeKind::StarExpr: return deref(eval(static_cast<const StarExpr*>(e)->x));
    case NodeKind::CompositeLit: return eval_composite(static_cast<const CompositeLit*>(e));
    case NodeKind::TypeAssertExpr: return eval_type_assert(static_cast<const TypeAssertExpr*>(e), nullptr);
    case NodeKind::FuncLit: {
      auto* lit = static_cast<const FuncLit*>(e);
      auto* f = new FuncObj();
      f->info = &lit->info;
      f->body = lit->body;
      f->captures.reserve(lit->info.captures.size());
      for (const CaptureSource& c : lit->info.captures)
        f->captures.push_back(c.from_capture ? fr_->caps[c.index] : fr_->slots[c.index]);
      return Value::of_obj(e->type, f);
    }
    case NodeKind::KeyValueExpr: return eval(static_cast<const KeyValueExpr*>(e)->value);
    default: break;
  }
  throw rt::Panic("golite: cannot evaluate expression");
}

bool Machine::truth(const Expr* e) {
  if (e->kind == NodeKind::BinaryExpr && static_cast<const BinaryExpr*>(e)->int_result)
    return int_binary(static_cast<const BinaryExpr*>(e)).i != 0;
  return eval(e).i != 0;
}

void Machine::eval_multi(const Expr* e, std::vector<Value>& out) {
  while (e->kind == NodeKind::ParenExpr) e = static_cast<const ParenExpr*>(e)->x;
  out.clear();
  switch (e->kind) {
    case NodeKind::CallExpr: {
      size_t n = e->type && e->type->kind == Kind::Tuple ? e->type->elems.size() : 1;
      out.resize(n);
      eval_call(static_cast<const CallExpr*>(e), out.data(), n);
      return;
    }
    case NodeKind::IndexExpr: {
      bool ok = false;
      out.push_back(eval_index(static_cast<const IndexExpr*>(e), &ok));
      out.push_back(Value::of_bool(U().bool_type, ok));
      return;
    }
    case NodeKind::TypeAssertExpr: {
      bool ok = false;
      out.push_back(eval_type_assert(static_cast<const TypeAssertExpr*>(e), &ok));
      out.push_back(Value::of_bool(U().bool_type, ok));
      return;
    }
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<const UnaryExpr*>(e);
      bool ok = false;
      Value ch = eval(u->x);
      out.push_back(recv(ch, u->x->type, &ok));
      out.push_back(Value::of_bool(U().bool_type, ok));
      return;
    }
    default: out.push_back(eval(e));
  }
}

// ---------------------------------------------------------------- operators

static bool compare_ordered(const Value& a, const Value& b, Kind k, Op op) {
  int c;
  if (k == Kind::String) {
    int r = str(a).compare(str(b));
    c = r < 0 ? -1 : r > 0 ? 1 : 0;
  } else if (is_float(k)) {
    switch (op) {
      case Op::Eql: return a.f == b.f;
      case Op::Neq: return a.f != b.f;
      case Op::Lss: return a.f < b.f;
      case Op::Leq: return a.f <= b.f;
      case Op::Gtr: return a.f > b.f;
      case Op::Geq: return a.f >= b.f;
      default: return false;
    }
  } else if (is_unsigned(k)) {
    c = uint64_t(a.i) < uint64_t(b.i) ? -1 : uint64_t(a.i) > uint64_t(b.i) ? 1 : 0;
  } else {
    c = a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
  }
  switch (op) {
    case Op::Eql: return c == 0;
    case Op::Neq: return c != 0;
    case Op::Lss: return c < 0;
    case Op::Leq: return c <= 0;
    case Op::Gtr: return c > 0;
    case Op::Geq: return c >= 0;
    default: return false;
  }
}

Value Machine::eval_binary(const BinaryExpr* e) {
  Op op = e->op;
  if (op == Op::LAnd) {
    if (!eval(e->x).i) return Value::of_bool(typed(e->type), false);
    return Value::of_bool(typed(e->type), eval(e->y).i != 0);
  }
  if (op == Op::LOr) {
    if (eval(e->x).i) return Value::of_bool(typed(e->type), true);
    return Value::of_bool(typed(e->type), eval(e->y).i != 0);
  }
  bool cmp = op == Op::Eql || op == Op::Neq || op == Op::Lss || op == Op::Leq || op == Op::Gtr || op == Op::Geq;
  if (cmp) {
    const Type* ot = (e->x->type && !e->x->type->is_untyped()) ? e->x->type : e->y->type;
    ot = typed(ot);
    Value a, b;
    if (e->y_first) {  // x is plain and y calls: gc reads x after the call
      b = eval_to(e->y, ot);
      a = eval_to(e->x, ot);
    } else {
      a = eval_to(e->x, ot);
      b = eval_to(e->y, ot);
    }
    const Type* bt = e->type && !e->type->is_untyped() ? e->type : bool_t_;
    Kind k = ot ? ot->ukind() : Kind::Invalid;
    if (k == Kind::Int || k == Kind::Int64) {  // the common case: signed machine integers
      switch (op) {
        case Op::Eql: return Value::of_bool(bt, a.i == b.i);
        case Op::Neq: return Value::of_bool(bt, a.i != b.i);
        case Op::Lss: return Value::of_bool(bt, a.i < b.i);
        case Op::Leq: return Value::of_bool(bt, a.i <= b.i);
        case Op::Gtr: return Value::of_bool(bt, a.i > b.i);
        default: return Value::of_bool(bt, a.i >= b.i);
      }
    }
    if (is_int_kind(k) || is_float(k) || k == Kind::String || k == Kind::Bool) {
      if (k == Kind::Bool) return Value::of_bool(bt, op == Op::Eql ? a.i == b.i : a.i != b.i);
      return Value::of_bool(bt, compare_ordered(a, b, k, op));
    }
    bool eq;
    if (k == Kind::Interface) {
      // interface vs concrete or nil
      if (a.tb && b.tb) {
        require_comparable(a);
        require_comparable(b);
      }
      eq = values_equal(a, b);
    } else if (k == Kind::Slice || k == Kind::Map || k == Kind::Func || k == Kind::Pointer || k == Kind::Chan) {
      if (k == Kind::Pointer) {
        if (a.heap() && b.heap() && a.o->kind == ObjKind::Ptr && b.o->kind == ObjKind::Ptr)
          eq = static_cast<PtrObj*>(a.o)->target == static_cast<PtrObj*>(b.o)->target;
        else
          eq = a.obj() == b.obj();
      } else {
        eq = a.obj() == b.obj();
      }
    } else {
      eq = values_equal(a, b);
    }
    return Value::of_bool(bt, op == Op::Eql ? eq : !eq);
  }
  const Type* t = typed(e->type);
  const bool shift = op == Op::Shl || op == Op::Shr;
  if (e->y_first) {
    Value b = shift ? eval(e->y) : eval_to(e->y, t);
    Value a = eval_to(e->x, t);
    return arith(op, std::move(a), std::move(b), t);
  }
  // (Sequenced: C++ leaves the order of a call's arguments open, and GCC takes them right to left.)
  Value a = eval_to(e->x, t);
  Value b = shift ? eval(e->y) : eval_to(e->y, t);
  return arith(op, std::move(a), std::move(b), t);
}

int64_t Machine::int_operand_slow(const Expr* e, const Type* t) {
  if (e->kind == NodeKind::CallExpr && static_cast<const CallExpr*>(e)->direct) {
    Value out;
    call_direct(static_cast<const CallExpr*>(e), &out, 1);
    return out.i;
  }
  if (e->kind == NodeKind::BinaryExpr && static_cast<const BinaryExpr*>(e)->int_result)
    return int_binary(static_cast<const BinaryExpr*>(e)).i;
  return eval_to(e, t).i;
}

Value Machine::int_binary(const BinaryExpr* e) {
  int64_t x, y;
  if (e->y_first) [[unlikely]] {  // x is plain and y calls: gc reads x after the call
    y = int_operand(e->y, e->int_operand);
    x = int_operand(e->x, e->int_operand);
  } else {
    x = int_operand(e->x, e->int_operand);
    y = int_operand(e->y, e->int_operand);
  }
  const Type* t = e->int_result;
  switch (e->op) {
    case Op::Add: return Value::of_int(t, int64_t(uint64_t(x) + uint64_t(y)));
    case Op::Sub: return Value::of_int(t, int64_t(uint64_t(x) - uint64_t(y)));
    case Op::Mul: return Value::of_int(t, int64_t(uint64_t(x) * uint64_t(y)));
    case Op::Quo:
      if (y > 0) return Value::of_int(t, x / y);
      break;
    case Op::Rem:
      if (y > 0) return Value::of_int(t, x % y);
      break;
    case Op::Eql: return Value::of_bool(t, x == y);
    case Op::Neq: return Value::of_bool(t, x != y);
    case Op::Lss: return Value::of_bool(t, x < y);
    case Op::Leq: return Value::of_bool(t, x <= y);
    case Op::Gtr: return Value::of_bool(t, x > y);
    case Op::Geq: return Value::of_bool(t, x >= y);
    default: break;
  }
  // Division by zero or by a negative number: Go's rules, panic included.
  return arith(e->op, Value::of_int(e->int_operand, x), Value::of_int(e->int_operand, y), t);
}

Value Machine::arith(Op op, const Value& a, const Value& b, const Type* t) {
  Kind k = t->ukind();
  if (k == Kind::Int || k == Kind::Int64) {  // the common case: no wrapping to a narrower size
    uint64_t x = uint64_t(a.i), y = uint64_t(b.i);
    switch (op) {
      case Op::Add: return Value::of_int(t, int64_t(x + y));
      case Op::Sub: return Value::of_int(t, int64_t(x - y));
      case Op::Mul: return Value::of_int(t, int64_t(x * y));
      case Op::Rem:
        if (b.i > 0) return Value::of_int(t, a.i % b.i);
        break;
      default: break;
    }
  }
  if (op == Op::Shl || op == Op::Shr) {
    int64_t n = b.i;
    if (b.tb && !is_unsigned(b.type()->ukind()) && n < 0) runtime_panic("negative shift amount");
    uint64_t un = uint64_t(n);
    int64_t r;
    if (op == Op::Shl) {
      r = un >= 64 ? 0 : int64_t(uint64_t(a.i) << un);
    } else if (is_unsigned(k)) {
      r = un >= 64 ? 0 : int64_t(uint64_t(a.i) >> un);
    } else {
      r = un >= 64 ? (a.i < 0 ? -1 : 0) : (a.i >> un);
    }
    return Value::of_int(t, wrap_int(r, k));
  }
  if (k == Kind::String) {
    std::string s(str(a));
    s += str(b);
    return Value::of_string(t, std::move(s));
  }
  if (is_float(k)) {
    double r = 0;
    switch (op) {
      case Op::Add: r = a.f + b.f; break;
      case Op::Sub: r = a.f - b.f; break;
      case Op::Mul: r = a.f * b.f; break;
      case Op::Quo: r = a.f / b.f; break;
      default: break;
    }
    if (k == Kind::Float32) r = double(float(r));
    return Value::of_float(t, r);
  }
  uint64_t x = uint64_t(a.i), y = uint64_t(b.i);
  int64_t r = 0;
  switch (op) {
    case Op::Add: r = int64_t(x + y); break;
    case Op::Sub: r = int64_t(x - y); break;
    case Op::Mul: r = int64_t(x * y); break;
    case Op::Quo:
      if (y == 0) runtime_panic("integer divide by zero");
      if (is_unsigned(k)) r = int64_t(x / y);
      else if (b.i == -1) r = int64_t(0 - x);
      else r = a.i / b.i;
      break;
    case Op::Rem:
      if (y == 0) runtime_panic("integer divide by zero");
      if (is_unsigned(k)) r = int64_t(x % y);
      else if (b.i == -1) r = 0;
      else r = a.i % b.i;
      break;
    case Op::And: r = int64_t(x & y); break;
    case Op::Or: r = int64_t(x | y); break;
    case Op::Xor: r = int64_t(x ^ y); break;
    case Op::AndNot: r = int64_t(x & ~y); break;
    default: break;
  }
  return Value::of_int(t, wrap_int(r, k));
}

Value Machine::eval_unary(const UnaryExpr* e) {
  switch (e->op) {
    case Op::And: return address_of(e->x, e->type);
    case Op::Arrow: {
      Value ch = eval(e->x);
      bool ok;
      return recv(ch, e->x->type, &ok);
    }
    default: break;
  }
  const Type* t = typed(e->type);
  Value a = eval_to(e->x, t);
  Kind k = t->ukind();
  switch (e->op) {
    case Op::Not: return Value::of_bool(t, !a.i);
    case Op::Sub:
      if (is_float(k)) return Value::of_float(t, -a.f);
      return Value::of_int(t, wrap_int(int64_t(0 - uint64_t(a.i)), k));
    case Op::Xor: return Value::of_int(t, wrap_int(~a.i, k));
    default: return a;
  }
}

// ---------------------------------------------------------------- channels

Value Machine::recv(const Value& ch, const Type* chan_type, bool* ok) {
  const Type* elem = chan_type ? chan_type->underlying()->elem : nullptr;
  if (!ch.heap()) {
    rt::Chan<Value> nil;
    nil.recv();
    return Value();
  }
  auto* c = static_cast<ChanObj*>(ch.o);
  switch (c->elem) {
    case ChanObj::Elem::Value: {
      auto [v, got] = c->ch.recv();
      *ok = got;
      if (!got) return zero_value(elem);
      return std::move(v);
    }
    case ChanObj::Elem::Time: {
      auto [v, got] = c->tch.recv();
      *ok = got;
      return Value::of_int(elem ? elem : native_types().time_type, got ? v : 0);
    }
    case ChanObj::Elem::Unit: {
      auto [v, got] = c->uch.recv();
      (void)v;
      *ok = got;
      return zero_value(elem ? elem : U().empty_struct);
    }
  }
  return Value();
}

void Machine::send(const Value& ch, Value v) {
  if (!ch.heap()) {
    rt::Chan<Value> nil;
    nil.send(Value());
    return;
  }
  auto* c = static_cast<ChanObj*>(ch.o);
  if (c->elem == ChanObj::Elem::Value) c->ch.send(copy_value(v));
}

// ---------------------------------------------------------------- index, slice, selector

Value Machine::eval_index(const IndexExpr* e, bool* ok) {
  const Type* xt = e->x->type->underlying();
  switch (xt->kind) {
    case Kind::Map: {
      Value m = eval(e->x);
      Value key = eval_to(e->index, xt->key);
      require_comparable(key);
      if (m.heap()) {
        auto* mo = static_cast<MapObj*>(m.o);
        auto it = mo->m.find(key);
        if (it != mo->m.end()) {
          if (ok) *ok = true;
          return it->second;
        }
      }
      if (ok) *ok = false;
      return zero_value(xt->elem);
    }
    case Kind::String: {
      Value s = eval(e->x);
      int64_t i = eval_to(e->index, U().int_type).i;
      std::string_view sv = str(s);
      if (i < 0 || i >= int64_t(sv.size())) runtime_panic(bounds_msg(i, int64_t(sv.size())));
      return Value::of_int(U().byte_type, static_cast<unsigned char>(sv[size_t(i)]));
    }
    case Kind::Slice: {
      Value s = eval(e->x);
      int64_t i = eval_to(e->index, U().int_type).i;
      int64_t len = s.heap() ? static_cast<SliceObj*>(s.o)->len : 0;
      if (i < 0 || i >= len) runtime_panic(bounds_msg(i, len));
      return static_cast<SliceObj*>(s.o)->data()[i];
    }
    case Kind::Array: {
      Value a = eval(e->x);
      int64_t i = eval_to(e->index, U().int_type).i;
      auto* ao = static_cast<AggObj*>(a.o);
      if (i < 0 || i >= int64_t(ao->v.size())) runtime_panic(bounds_msg(i, int64_t(ao->v.size())));
      return ao->v[size_t(i)];
    }
    case Kind::Pointer: {
      Value p = eval(e->x);
      Value a = deref(p);
      int64_t i = eval_to(e->index, U().int_type).i;
      auto* ao = static_cast<AggObj*>(a.o);
      if (i < 0 || i >= int64_t(ao->v.size())) runtime_panic(bounds_msg(i, int64_t(ao->v.size())));
      return ao->v[size_t(i)];
    }
    default: break;
  }
  throw rt::Panic("golite: bad index expression");
}

Value Machine::eval_slice(const SliceExpr* e) {
  const Type* xt = e->x->type->underlying();
  const Type* rt_type = typed(e->type);
  auto bound = [&](const Expr* x, int64_t def) { return x ? eval_to(x, U().int_type).i : def; };
  if (xt->kind == Kind::String) {
    Value s = eval(e->x);
    std::string_view sv = str(s);
    int64_t len = int64_t(sv.size());
    int64_t lo = bound(e->lo, 0), hi = bound(e->hi, len);
    if (hi < 0 || hi > len) runtime_panic("slice bounds out of range [:" + std::to_string(hi) + "] with length " + std::to_string(len));
    if (lo < 0 || lo > hi) runtime_panic("slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + "]");
    return Value::of_string(rt_type, std::string(sv.substr(size_t(lo), size_t(hi - lo))));
  }
  AggObj* arr = nullptr;
  int64_t off = 0, len = 0, cap = 0;
  if (xt->kind == Kind::Slice) {
    Value s = eval(e->x);
    if (s.heap()) {
      auto* so = static_cast<SliceObj*>(s.o);
      arr = so->arr;
      off = so->off;
      len = so->len;
      cap = so->cap;
    }
  } else {
    Value a;
    if (xt->kind == Kind::Pointer) a = deref(eval(e->x));
    else a = *place(e->x, nullptr);
    arr = static_cast<AggObj*>(a.o);
    len = cap = int64_t(arr->v.size());
  }
  int64_t lo = bound(e->lo, 0);
  int64_t hi = bound(e->hi, len);
  int64_t mx = bound(e->max, cap);
  if (e->max && (mx < 0 || mx > cap))
    runtime_panic("slice bounds out of range [::" + std::to_string(mx) + "] with capacity " + std::to_string(cap));
  if (hi < 0 || hi > mx) {
    bool arrayish = xt->kind != Kind::Slice;
    runtime_panic("slice bounds out of range [:" + std::to_string(hi) + "] with " +
                  (arrayish && !e->max ? "length " : "capacity ") + std::to_string(arrayish && !e->max ? len : mx));
  }
  if (lo < 0 || lo > hi) runtime_panic("slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + "]");
  if (!arr) return Value::of_obj(rt_type, nullptr);
  obj_retain(arr);
  return Value::of_obj(rt_type, new SliceObj(arr, off + lo, hi - lo, mx - lo));
}

Value Machine::method_receiver(const SelectorExpr* sel) {
  const Method* m = sel->method;
  const Expr* x = sel->x;
  if (!sel->path.empty()) {
    // Promoted through embedded fields: find the embedded value first.
    Obj* own = nullptr;
    Value base = eval(x);
    Value* cur = &base;
    Value holder;
    for (int idx : sel->path) {
      if (cur->tb && cur->type()->ukind() == Kind::Pointer) {
        if (!cur->heap()) nil_dereference();
        auto* po = static_cast<PtrObj*>(cur->o);
        own = po->owner;
        cur = po->target;
      }
      if (!cur->heap() || cur->o->kind != ObjKind::Agg) nil_dereference();
      own = cur->o;
      cur = &static_cast<AggObj*>(cur->o)->v[size_t(idx)];
    }
    bool is_ptr = cur->tb && cur->type()->ukind() == Kind::Pointer;
    if (m->pointer_recv && !is_ptr) return Value::of_obj(U().pointer_to(cur->type()), new PtrObj(own, cur));
    if (!m->pointer_recv && is_ptr) return copy_value(deref(*cur));
    return *cur;
  }
  if (sel->take_addr) return address_of(x, nullptr);
  Value r = eval(x);
  if (!m->pointer_recv && (sel->deref || (x->type && x->type->ukind() == Kind::Pointer))) return copy_value(deref(r));
  return r;
}

Value Machine::eval_selector(const SelectorExpr* e) {
  switch (e->sel_kind) {
    case SelKind::Field: {
      Value cur = eval(e->x);
      for (int idx : e->path) {
        if (cur.tb && cur.type()->ukind() == Kind::Pointer) cur = deref(cur);
        if (!cur.heap() || cur.o->kind != ObjKind::Agg) nil_dereference();
        Value next = static_cast<AggObj*>(cur.o)->v[size_t(idx)];
        cur = std::move(next);
      }
      return cur;
    }
    case SelKind::Method: {
      Value recv = method_receiver(e);
      if (e->method->member >= 0) {
        auto* f = new FuncObj();
        f->bound = true;
        f->recv = recv;
        f->member = e->method->member;
        return Value::of_obj(e->type, f);
      }
      auto* f = new FuncObj();
      f->info = &e->method->decl->info;
      f->body = e->method->decl->body;
      f->bound = true;
      f->recv = copy_value(recv);
      return Value::of_obj(e->type, f);
    }
    case SelKind::InterfaceMethod: {
      const std::string* name = nullptr;
      Value x = interface_value(e, name);
      const Method* m = nullptr;
      Value recv;
      const bool found = dispatch(x, *name, m, recv);
      auto* f = new FuncObj();
      f->bound = true;
      f->recv = copy_value(found ? recv : x);  // a method value binds a copy of its receiver
      if (found && m->decl) {
        f->info = &m->decl->info;
        f->body = m->decl->body;
      } else {
        f->member = found ? m->member : -1;
      }
      return Value::of_obj(e->type, f);
    }
    case SelKind::PackageMember: {
      switch (static_cast<Member>(e->member)) {
        case Member::context_Canceled: return I.ctx_canceled;
        case Member::context_DeadlineExceeded: return I.ctx_deadline;
        case Member::os_Stdout: return Value::of_int(e->type, 1);
        case Member::os_Stderr: return Value::of_int(e->type, 2);
        case Member::os_Args: {
          auto* arr = new AggObj(1);
          arr->v[0] = Value::of_string(U().string_type, "/tmp/main");
          return Value::of_obj(e->type, new SliceObj(arr, 0, 1, 1));
        }
        default: {
          auto* f = new FuncObj();
          f->member = e->member;
          return Value::of_obj(e->type, f);
        }
      }
    }
    default: break;
  }
  throw rt::Panic("golite: bad selector");
}

// Sets the fields a struct literal gives (positional or keyed) and names the channels,
// WaitGroups and mutexes among its fields after them.
void Machine::fill_struct(const CompositeLit* e, const Type* u, AggObj* a) {
  in_go_order(e->elts, e->calls_first, [&](size_t i) {
    const Expr* x = e->elts[i];
    if (x->kind == NodeKind::KeyValueExpr) x = static_cast<const KeyValueExpr*>(x)->value;
    size_t fi = i < e->indices.size() ? size_t(e->indices[i]) : i;
    assign_value(a->v[fi], eval_to(x, u->fields[fi].type));
  });
  for (size_t fi = 0; fi < u->fields.size(); ++fi) name_object(a->v[fi], u->fields[fi].name);
}

Value Machine::eval_composite(const CompositeLit* e) {
  const Type* t = e->type;
  if (t->ukind() == Kind::Pointer) {
    // &T{...} elided inside an outer literal.
    const Type* et = t->underlying()->elem;
    Value inner;
    inner = zero_value(et);
    const Type* u = et->underlying();
    if (u->kind == Kind::Struct) fill_struct(e, u, static_cast<AggObj*>(inner.o));
    auto* box = new BoxObj(std::move(inner));
    auto* p = new PtrObj(box, &box->v);
    obj_release(box);
    return Value::of_obj(t, p);
  }
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Struct: {
      Value v = zero_value(t);
      fill_struct(e, u, static_cast<AggObj*>(v.o));
      return v;
    }
    case Kind::Array:
    case Kind::Slice: {
      int64_t n = u->kind == Kind::Array ? u->length : e->length;
      auto* a = new AggObj(size_t(n));
      for (auto& x : a->v) x = zero_value(u->elem);
      in_go_order(e->elts, e->calls_first, [&](size_t i) {
        const Expr* x = e->elts[i];
        if (x->kind == NodeKind::KeyValueExpr) x = static_cast<const KeyValueExpr*>(x)->value;
        size_t idx = i < e->indices.size() ? size_t(e->indices[i]) : i;
        if (idx < a->v.size()) assign_value(a->v[idx], eval_to(x, u->elem));
      });
      if (u->kind == Kind::Array) return Value::of_obj(t, a, true);
      return Value::of_obj(t, new SliceObj(a, 0, n, n));
    }
    case Kind::Map: {
      auto* m = new MapObj();
      Value mv = Value::of_obj(t, m);
      // Entry by entry, as gc fills a map literal; within an entry a plain key is read
      // after the value's call (gc's m[k] = v).
      for (const Expr* x : e->elts) {
        auto* kv = static_cast<const KeyValueExpr*>(x);
        Value k, v;
        if (!kv->key->has_call && kv->value->has_call) {
          v = copy_value(eval_to(kv->value, u->elem));
          k = eval_to(kv->key, u->key);
        } else {
          k = eval_to(kv->key, u->key);
          v = copy_value(eval_to(kv->value, u->elem));
        }
        m->m[std::move(k)] = std::move(v);
      }
      return mv;
    }
    default: break;
  }
  throw rt::Panic("golite: bad composite literal");
}

static bool type_matches(const Value& v, const Type* target) {
  if (target->is_interface()) return v.tb != 0 && implements(v.type(), target);
  if (v.tb == 0) return false;
  return v.type() == target || identical(v.type(), target);
}

Value Machine::eval_type_assert(const TypeAssertExpr* e, bool* ok) {
  Value x = eval(e->x);
  const Type* target = e->type_expr ? e->type_expr->type : e->type;
  if (type_matches(x, target)) {
    if (ok) *ok = true;
    return copy_value(x);
  }
  if (ok) {
    *ok = false;
    return zero_value(target);
  }
  std::string iface = fmt::type_name(e->x->type);
  if (target->is_interface()) {
    if (x.tb == 0) {
      throw rt::Panic("interface conversion: interface is nil, not " + fmt::type_name(target),
                      std::any(make_error("interface conversion: interface is nil, not " + fmt::type_name(target),
                                          native_types().runtime_error)));
    }
    std::string missing;
    implements(x.type(), target, &missing);
    std::string msg = "interface conversion: " + fmt::type_name(x.type()) + " is not " + fmt::type_name(target) +
                      ": missing method " + missing;
    throw rt::Panic(msg, std::any(make_error(msg, native_types().runtime_error)));
  }
  std::string msg = "interface conversion: " + iface + " is " + (x.tb ? fmt::type_name(x.type()) : "nil") +
                    ", not " + fmt::type_name(target);
  throw rt::Panic(msg, std::any(make_error(msg, native_types().runtime_error)));
}

}  // namespace poollab::golite
