// Checker: statements, control flow, labels and terminating statements.
#include "front/checker.hpp"
#include "front/expr_text.hpp"

namespace poollab::golite::front {

namespace {

Expr* unparen(Expr* e) {
  while (e && e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

bool is_recv(Expr* e) {
  e = unparen(e);
  return e && e->kind == NodeKind::UnaryExpr && static_cast<UnaryExpr*>(e)->op == Op::Arrow;
}

}  // namespace

void Checker::stmt_list(const std::vector<Stmt*>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    Stmt* s = list[i];
    if (s->kind == NodeKind::BranchStmt && static_cast<BranchStmt*>(s)->branch == BranchKind::Fallthrough) {
      // valid only as the last statement of a switch clause; the switch checks that
      if (!fallthrough_ok_ || i + 1 != list.size()) error(s->pos, "fallthrough statement out of place");
      continue;
    }
    stmt(s);
  }
}

void Checker::stmt(Stmt* s) {
  bool saved_ft = fallthrough_ok_;
  fallthrough_ok_ = false;
  switch (s->kind) {
    case NodeKind::BadStmt: case NodeKind::EmptyStmt: break;
    case NodeKind::DeclStmt: {
      GenDecl* d = static_cast<DeclStmt*>(s)->decl;
      if (d->tok == DeclTok::Const) check_const_decl(d, true);
      else if (d->tok == DeclTok::Type) check_type_decl(d, true);
      else
        for (auto& spec : d->values) check_var_spec(spec, true);
      break;
    }
    case NodeKind::LabeledStmt: {
      auto* l = static_cast<LabeledStmt*>(s);
      pending_label_ = l->label;
      stmt(l->stmt);
      pending_label_ = nullptr;
      break;
    }
    case NodeKind::ExprStmt: expr_stmt(static_cast<ExprStmt*>(s)); break;
    case NodeKind::SendStmt: send(static_cast<SendStmt*>(s)); break;
    case NodeKind::IncDecStmt: inc_dec(static_cast<IncDecStmt*>(s)); break;
    case NodeKind::AssignStmt: assign_stmt(static_cast<AssignStmt*>(s)); break;
    case NodeKind::GoStmt: go_defer(static_cast<GoStmt*>(s)->call, true); break;
    case NodeKind::DeferStmt:
      if (fn_) fn_->info->has_defer = true;
      go_defer(static_cast<DeferStmt*>(s)->call, false);
      break;
    case NodeKind::ReturnStmt: return_stmt(static_cast<ReturnStmt*>(s)); break;
    case NodeKind::BranchStmt: branch(static_cast<BranchStmt*>(s)); break;
    case NodeKind::BlockStmt:
      push_scope();
      stmt_list(static_cast<BlockStmt*>(s)->stmts);
      pop_scope();
      break;
    case NodeKind::IfStmt: if_stmt(static_cast<IfStmt*>(s)); break;
    case NodeKind::SwitchStmt: switch_stmt(static_cast<SwitchStmt*>(s)); break;
    case NodeKind::TypeSwitchStmt: type_switch(static_cast<TypeSwitchStmt*>(s)); break;
    case NodeKind::SelectStmt: select_stmt(static_cast<SelectStmt*>(s)); break;
    case NodeKind::ForStmt: for_stmt(static_cast<ForStmt*>(s)); break;
    case NodeKind::RangeStmt: range_stmt(static_cast<RangeStmt*>(s)); break;
    default: error(s->pos, "unexpected statement"); break;
  }
  fallthrough_ok_ = saved_ft;
}

const Ident* Checker::take_label() {
  const Ident* l = pending_label_;
  pending_label_ = nullptr;
  return l;
}

void Checker::expr_stmt(ExprStmt* s) {
  Expr* x = s->x;
  expr(x);
  if (invalid(x->type) && !(unparen(x)->kind == NodeKind::CallExpr &&
                            static_cast<CallExpr*>(unparen(x))->call_kind == CallKind::Builtin))
    return;
  Expr* inner = unparen(x);
  if (inner->kind == NodeKind::CallExpr) {
    auto* c = static_cast<CallExpr*>(inner);
    if (c->call_kind == CallKind::Builtin) {
      Builtin b = static_cast<Ident*>(unparen(c->fun))->builtin;
      switch (b) {
        case Builtin::Copy: case Builtin::Delete: case Builtin::Panic: case Builtin::Print: case Builtin::Println:
        case Builtin::Recover: case Builtin::Close: case Builtin::Clear:
          return;
        default:
          if (invalid(x->type)) return;
          break;
      }
    } else if (c->call_kind != CallKind::Conversion) {
      return;
    }
  } else if (is_recv(inner)) {
    return;
  }
  error(x->pos, describe(x) + " is not used");
}

void Checker::send(SendStmt* s) {
  value(s->chan);
  value(s->value);
  if (invalid(s->chan->type) || invalid(s->value->type)) return;
  const Type* t = s->chan->type->underlying();
  if (t->kind != Kind::Chan) {
    error(s->pos, "invalid operation: cannot send to non-channel " + describe(s->chan));
    return;
  }
  if (t->dir == ChanDir::Recv) {
    error(s->pos, "invalid operation: cannot send to receive-only channel " + describe(s->chan));
    return;
  }
  assign(s->value, t->elem, "send");
}

void Checker::inc_dec(IncDecStmt* s) {
  Expr* x = unparen(s->x);
  if (x->kind == NodeKind::Ident) lhs_mode_ = true;
  value(s->x);
  lhs_mode_ = false;
  if (invalid(s->x->type)) return;
  const char* op = s->inc ? "++" : "--";
  if (!s->x->type->is_numeric()) {
    error(s->x->pos, "invalid operation: " + expr_text(s->x) + op + " (non-numeric type " + ts(s->x->type) + ")");
    return;
  }
  bool map_index = x->kind == NodeKind::IndexExpr && static_cast<IndexExpr*>(x)->x->type &&
                   static_cast<IndexExpr*>(x)->x->type->ukind() == Kind::Map;
  if (!is_addressable(s->x) && !map_index)
    error(s->x->pos, "cannot assign to " + expr_text(s->x) + " (neither addressable nor a map index expression)");
}

// Check `lhs = rhs` for one pair, or (rhs == nullptr) the target of a tuple assignment of type rhs_type.
void Checker::lhs_assign(Expr* lhs, Expr* rhs, const Type* rhs_type) {
  Expr* l = unparen(lhs);
  if (l->kind == NodeKind::Ident && static_cast<Ident*>(l)->name == "_") {
    static_cast<Ident*>(l)->ref = RefKind::None;
    if (rhs) {
      value(rhs);
      if (invalid(rhs->type)) return;
      if (rhs->type->kind == Kind::UntypedNil) {
        error(rhs->pos, "use of untyped nil in assignment");
        return;
      }
      default_type(rhs);
      lhs->type = rhs->type;
    }
    return;
  }
  if (l->kind == NodeKind::Ident) lhs_mode_ = true;
  expr(lhs);
  lhs_mode_ = false;
  if (rhs) value(rhs, invalid(lhs->type) ? nullptr : lhs->type);
  if (invalid(lhs->type)) return;
  bool map_index = l->kind == NodeKind::IndexExpr && static_cast<IndexExpr*>(l)->x->type &&
                   static_cast<IndexExpr*>(l)->x->type->ukind() == Kind::Map;
  if (!is_addressable(lhs) && !map_index) {
    if (l->kind == NodeKind::SelectorExpr && static_cast<SelectorExpr*>(l)->sel_kind == SelKind::Field) {
      Expr* base = unparen(static_cast<SelectorExpr*>(l)->x);
      if (base->kind == NodeKind::IndexExpr && static_cast<IndexExpr*>(base)->x->type &&
          static_cast<IndexExpr*>(base)->x->type->ukind() == Kind::Map) {
        error(lhs->pos, "cannot assign to struct field " + expr_text(lhs) + " in map");
        return;
      }
    }
    error(lhs->pos, "cannot assign to " + expr_text(lhs) + " (neither addressable nor a map index expression)");
    return;
  }
  if (rhs) {
    if (!invalid(rhs->type)) assign(rhs, lhs->type, "assignment");
  } else if (rhs_type && !invalid(rhs_type) && !assignable(rhs_type, lhs->type)) {
    error(lhs->pos, "cannot assign " + ts(rhs_type) + " to " + expr_text(lhs) + " (variable of type " + ts(lhs->type) + ")");
  }
}

// Types of a single rhs spread over n targets (tuple call or comma-ok form); empty on mismatch (reported).
static std::vector<const Type*> spread_types(Checker*, Expr*, size_t);

void Checker::assign_stmt(AssignStmt* a) {
  if (a->op == Op::Define) {
    define(a);
    return;
  }
  if (a->op != Op::Assign) {
    // x op= y
    Expr* x = a->lhs[0];
    Expr* y = a->rhs[0];
    Expr* l = unparen(x);
    if (l->kind == NodeKind::Ident) lhs_mode_ = true;
    value(x);
    lhs_mode_ = false;
    value(y);
    if (invalid(x->type) || invalid(y->type)) return;
    bool map_index = l->kind == NodeKind::IndexExpr && static_cast<IndexExpr*>(l)->x->type &&
                     static_cast<IndexExpr*>(l)->x->type->ukind() == Kind::Map;
    if (!is_addressable(x) && !map_index) {
      error(x->pos, "cannot assign to " + expr_text(x) + " (neither addressable nor a map index expression)");
      return;
    }
    std::string op = op_string(a->op);
    if (a->op == Op::Shl || a->op == Op::Shr) {
      if (!y->type->is_integer()) {
        error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
        return;
      }
      if (y->type->is_untyped()) set_type_deep(y, u_.uint_type);
      if (!x->type->is_integer()) error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      return;
    }
    if (!match_types(y, x) || !identical(x->type, y->type)) {
      if (y->type->is_untyped() && y->cv && x->type->is_numeric() && y->type->is_numeric()) {
        ConstValue c = *y->cv;
        bool truncated = false;
        if (!representable(c, x->type, truncated)) {
          error(y->pos, describe(y) + (truncated ? " truncated to " : " overflows ") + ts(x->type));
          return;
        }
      }
      error(x->pos, "invalid operation: " + expr_text(x) + " " + op + "= " + expr_text(y) + " (mismatched types " +
                        ts(x->type) + " and " + ts(y->type) + ")");
      return;
    }
    const Type* t = x->type;
    bool ok;
    switch (a->op) {
      case Op::Add: ok = t->is_numeric() || t->is_string(); break;
      case Op::Sub: case Op::Mul: case Op::Quo: ok = t->is_numeric(); break;
      default: ok = t->is_integer(); break;
    }
    if (!ok) {
      error(x->pos, "invalid operation: operator " + op + " not defined on " + describe(x));
      return;
    }
    if ((a->op == Op::Quo || a->op == Op::Rem) && y->cv && t->is_integer() &&
        ((y->cv->kind == ConstValue::Kind::Int && y->cv->i == 0) || (y->cv->kind == ConstValue::Kind::Float && y->cv->f == 0)))
      error(y->pos, "invalid operation: division by zero");
    return;
  }
  size_t n = a->lhs.size(), m = a->rhs.size();
  if (n == 1 && m == 1 && single_call_mismatch(a->rhs[0])) {
    lhs_assign(a->lhs[0], nullptr, u_.invalid);
    return;
  }
  if (n == m) {
    for (size_t i = 0; i < n; ++i) lhs_assign(a->lhs[i], a->rhs[i], nullptr);
    return;
  }
  if (m == 1) {
    std::vector<const Type*> types = spread_types(this, a->rhs[0], n);
    for (size_t i = 0; i < n; ++i) lhs_assign(a->lhs[i], nullptr, types.empty() ? u_.invalid : types[i]);
    return;
  }
  for (Expr* r : a->rhs) expr(r);
  for (Expr* l : a->lhs) {
    if (unparen(l)->kind == NodeKind::Ident && static_cast<Ident*>(unparen(l))->name == "_") continue;
    lhs_mode_ = unparen(l)->kind == NodeKind::Ident;
    expr(l);
    lhs_mode_ = false;
  }
  error(a->rhs[0]->pos, "assignment mismatch: " + std::to_string(n) + (n == 1 ? " variable" : " variables") + " but " +
                            std::to_string(m) + (m == 1 ? " value" : " values"));
}

// `x := f()` / `x = f()` where f returns several values: Go words this as an
// assignment mismatch. Checks the expression; true when reported.
bool Checker::single_call_mismatch(Expr* e) {
  Expr* inner = unparen(e);
  if (inner->kind != NodeKind::CallExpr) return false;
  expr(e);
  const Type* t = e->type;
  if (invalid(t) || t->kind != Kind::Tuple || t->elems.size() < 2) return false;
  error(e->pos, "assignment mismatch: 1 variable but " + expr_text(static_cast<CallExpr*>(inner)->fun) + " returns " +
                    std::to_string(t->elems.size()) + " values");
  return true;
}

// The types a single expression yields for n > 1 targets.
static std::vector<const Type*> spread_types(Checker* c, Expr* e, size_t n) { return c->spread(e, n); }

std::vector<const Type*> Checker::spread(Expr* e, size_t n) {
  expr(e);
  const Type* t = e->type;
  if (invalid(t)) return {};
  Expr* inner = unparen(e);
  if (t->kind == Kind::Tuple) {
    if (t->elems.size() == n) return t->elems;
    std::string fname = inner->kind == NodeKind::CallExpr ? expr_text(static_cast<CallExpr*>(inner)->fun) : expr_text(e);
    error(e->pos, "assignment mismatch: " + std::to_string(n) + " variables but " + fname + " returns " +
                      std::to_string(t->elems.size()) + (t->elems.size() == 1 ? " value" : " values"));
    return {};
  }
  if (n == 2) {
    if (inner->kind == NodeKind::IndexExpr) {
      auto* ix = static_cast<IndexExpr*>(inner);
      if (ix->x->type && ix->x->type->ukind() == Kind::Map) {
        ix->comma_ok = true;
        return {t, u_.untyped_bool};
      }
    } else if (inner->kind == NodeKind::TypeAssertExpr) {
      static_cast<TypeAssertExpr*>(inner)->comma_ok = true;
      return {t, u_.untyped_bool};
    } else if (is_recv(inner)) {
      static_cast<UnaryExpr*>(inner)->comma_ok = true;
      return {t, u_.untyped_bool};
    }
  }
  if (inner->kind == NodeKind::CallExpr && t->kind != Kind::Tuple) {
    error(e->pos, "assignment mismatch: " + std::to_string(n) + " variables but " +
                      expr_text(static_cast<CallExpr*>(inner)->fun) + " returns 1 value");
    return {};
  }
  error(e->pos, "assignment mismatch: " + std::to_string(n) + " variables but 1 value");
  return {};
}

void Checker::define(AssignStmt* a) {
  size_t n = a->lhs.size(), m = a->rhs.size();
  // targets must be identifiers
  bool bad_lhs = false;
  for (Expr* l : a->lhs) {
    if (l->kind != NodeKind::Ident) {
      error(l->pos, "non-name " + expr_text(l) + " on left side of :=");
      bad_lhs = true;
    }
  }
  std::vector<const Type*> types(n, nullptr);
  std::vector<Expr*> values(n, nullptr);
  if (n == 1 && m == 1 && single_call_mismatch(a->rhs[0])) {
    types[0] = u_.invalid;
  } else if (n == m) {
    for (size_t i = 0; i < n; ++i) {
      values[i] = a->rhs[i];
      value(a->rhs[i]);
      types[i] = a->rhs[i]->type;
    }
  } else if (m == 1) {
    auto t = spread(a->rhs[0], n);
    for (size_t i = 0; i < n; ++i) types[i] = t.empty() ? u_.invalid : t[i];
  } else {
    for (Expr* r : a->rhs) expr(r);
    error(a->rhs[0]->pos, "assignment mismatch: " + std::to_string(n) + (n == 1 ? " variable" : " variables") + " but " +
                              std::to_string(m) + (m == 1 ? " value" : " values"));
    for (auto& t : types) t = u_.invalid;
  }
  if (bad_lhs) return;
  a->new_vars.assign(n, nullptr);
  bool any_new = false;
  std::vector<std::pair<Ident*, Var*>> fresh;
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < n; ++i) {
    auto* id = static_cast<Ident*>(a->lhs[i]);
    const Type* t = types[i] ? types[i] : u_.invalid;
    if (id->name == "_") {
      id->ref = RefKind::None;
      if (values[i] && !invalid(t)) {
        if (t->kind == Kind::UntypedNil) error(values[i]->pos, "use of untyped nil in assignment");
        else default_type(values[i]);
      }
      continue;
    }
    if (seen.count(id->name)) {
      error(id->pos, id->name + " repeated on left side of :=");
      continue;
    }
    seen.insert(id->name);
    auto& scope = scopes_.back();
    auto it = scope.find(id->name);
    if (it != scope.end() && it->second.k == Object::K::Var) {
      // reuse: plain assignment
      Var* v = it->second.var;
      id->var = v;
      id->type = v->type;
      id->ref = v->owner == fn_->info ? RefKind::Local : RefKind::Capture;
      if (id->ref == RefKind::Capture) {
        lhs_mode_ = true;
        ident(id, false);
        lhs_mode_ = false;
      } else {
        id->index = v->index;
      }
      if (values[i]) {
        if (!invalid(t)) assign(values[i], v->type, "assignment");
      } else if (!invalid(t) && !invalid(v->type) && !assignable(t, v->type)) {
        error(id->pos, "cannot use " + ts(t) + " value as " + ts(v->type) + " value in assignment");
      }
      continue;
    }
    any_new = true;
    if (values[i] && !invalid(t)) {
      if (t->kind == Kind::UntypedNil) {
        error(values[i]->pos, "use of untyped nil in assignment");
        t = u_.invalid;
      } else {
        default_type_in(values[i], "assignment");
        t = values[i]->type;
      }
    } else if (!invalid(t)) {
      t = u_.default_type(t);
    }
    Var* v = new_local(id, t);
    id->ref = RefKind::Local;
    id->var = v;
    id->index = v->index;
    id->type = t;
    a->new_vars[i] = v;
    fresh.push_back({id, v});
  }
  if (!any_new) error(a->op_pos, "no new variables on left side of :=");
  for (auto& [id, v] : fresh) {
    Object o;
    o.k = Object::K::Var;
    o.var = v;
    declare_local(id, o);
  }
}

void Checker::return_stmt(ReturnStmt* r) {
  const Type* sig = fn_ ? fn_->sig : nullptr;
  if (!sig) return;
  const auto& want = sig->results;
  auto mismatch = [&](const std::vector<const Type*>& have, const char* qualifier, Pos at) {
    std::string h = "(";
    for (size_t i = 0; i < have.size(); ++i) {
      if (i) h += ", ";
      const Type* t = have[i];
      if (invalid(t)) h += "unknown type";
      else if (t->is_untyped()) h += t->is_numeric() ? "number" : t->name.substr(8);
      else h += ts(t);
    }
    h += ")";
    std::string w = "(";
    for (size_t i = 0; i < want.size(); ++i) w += (i ? ", " : "") + ts(want[i]);
    w += ")";
    error(at, std::string(qualifier) + " return values\n\thave " + h + "\n\twant " + w);
  };
  if (r->results.empty()) {
    if (!want.empty() && !fn_->info->named_results) mismatch({}, "not enough", r->pos);
    return;
  }
  if (r->results.size() == 1 && want.size() > 1) {
    expr(r->results[0]);
    const Type* t = r->results[0]->type;
    if (invalid(t)) return;
    if (t->kind == Kind::Tuple && t->elems.size() == want.size()) {
      r->spread_tuple = true;
      for (size_t i = 0; i < want.size(); ++i)
        if (!assignable(t->elems[i], want[i])) {
          error(r->results[0]->pos, "cannot use " + expr_text(r->results[0]) + " (value of type " + ts(t) + ") as " +
                                        ts(want[i]) + " value in return statement");
          return;
        }
      return;
    }
    std::vector<const Type*> have = t->kind == Kind::Tuple ? t->elems : std::vector<const Type*>{t};
    mismatch(have, have.size() < want.size() ? "not enough" : "too many", r->results[0]->pos);
    return;
  }
  std::vector<const Type*> have;
  for (Expr* e : r->results) {
    value(e, have.size() < want.size() ? want[have.size()] : nullptr);
    have.push_back(e->type);
  }
  for (auto* t : have)
    if (invalid(t)) return;
  if (have.size() != want.size()) {
    if (have.size() < want.size()) mismatch(have, "not enough", r->results.back()->pos);
    else mismatch(have, "too many", r->results[want.size()]->pos);
    return;
  }
  for (size_t i = 0; i < want.size(); ++i) assign(r->results[i], want[i], "return statement");
}

void Checker::if_stmt(IfStmt* s) {
  push_scope();
  if (s->init) stmt(s->init);
  if (s->cond) {
    value(s->cond);
    if (!invalid(s->cond->type)) {
      if (!s->cond->type->is_boolean()) error(s->cond->pos, "non-boolean condition in if statement");
      else default_type(s->cond);
    }
  }
  stmt(s->then);
  if (s->else_) stmt(s->else_);
  pop_scope();
}

void Checker::for_stmt(ForStmt* f) {
  const Ident* label = take_label();
  push_scope();
  if (f->init) {
    stmt(f->init);
    if (f->init->kind == NodeKind::AssignStmt) {
      for (Var* v : static_cast<AssignStmt*>(f->init)->new_vars)
        if (v) {
          v->per_iteration = true;
          f->loop_vars.push_back(v);
        }
    }
  }
  if (f->cond) {
    value(f->cond);
    if (!invalid(f->cond->type)) {
      if (!f->cond->type->is_boolean()) error(f->cond->pos, "non-boolean condition in for statement");
      else default_type(f->cond);
    }
  }
  if (f->post) stmt(f->post);
  targets_.push_back({f, true, label});
  stmt(f->body);
  targets_.pop_back();
  pop_scope();
}

void Checker::range_stmt(RangeStmt* r) {
  const Ident* label = take_label();
  value(r->x);
  const Type* key = nullptr;
  const Type* val = nullptr;
  const Type* t = r->x->type;
  bool ok = !invalid(t);
  if (ok) {
    const Type* u = t->underlying();
    if (u->kind == Kind::Pointer && u->elem->ukind() == Kind::Array) {
      r->range_kind = RangeKind::ArrayPtr;
      key = u_.int_type;
      val = u->elem->underlying()->elem;
    } else if (t->is_integer()) {
      std::string range_text = describe(r->x);
      r->range_kind = RangeKind::Int;
      if (t->is_untyped()) {
        set_type_deep(r->x, u_.int_type);
        t = u_.int_type;
      }
      key = t;
      if (r->value) {
        error(r->value->pos, "range over " + range_text + " permits only one iteration variable");
        ok = false;
      }
    } else {
      switch (u->kind) {
        case Kind::String: case Kind::UntypedString:
          default_type(r->x);
          r->range_kind = RangeKind::String;
          key = u_.int_type;
          val = u_.rune_type;
          break;
        case Kind::Slice: r->range_kind = RangeKind::Slice; key = u_.int_type; val = u->elem; break;
        case Kind::Array: r->range_kind = RangeKind::Array; key = u_.int_type; val = u->elem; break;
        case Kind::Map: r->range_kind = RangeKind::Map; key = u->key; val = u->elem; break;
        case Kind::Chan:
          if (u->dir == ChanDir::Send) {
            error(r->x->pos, "cannot range over " + describe(r->x) + ": receive from send-only channel");
            ok = false;
            break;
          }
          r->range_kind = RangeKind::Chan;
          key = u->elem;
          if (r->value) {
            error(r->value->pos, "range over " + describe(r->x) + " permits only one iteration variable");
            ok = false;
          }
          break;
        default:
          error(r->x->pos, "cannot range over " + describe(r->x));
          ok = false;
      }
    }
  }
  push_scope();
  Expr* lhs[2] = {r->key, r->value};
  const Type* types[2] = {ok ? key : u_.invalid, ok ? val : u_.invalid};
  if (r->tok == Op::Define) {
    std::vector<std::pair<Ident*, Var*>> fresh;
    for (int i = 0; i < 2; ++i) {
      if (!lhs[i]) continue;
      if (lhs[i]->kind != NodeKind::Ident) {
        error(lhs[i]->pos, "non-name " + expr_text(lhs[i]) + " on left side of :=");
        continue;
      }
      auto* id = static_cast<Ident*>(lhs[i]);
      const Type* vt = types[i] ? types[i] : u_.invalid;
      id->type = vt;
      if (id->name == "_") continue;
      Var* v = new_local(id, vt);
      v->per_iteration = true;
      if (!ok && i == 1) v->used = true;  // the range error says it all
      id->ref = RefKind::Local;
      id->var = v;
      id->index = v->index;
      (i == 0 ? r->key_var : r->value_var) = v;
      fresh.push_back({id, v});
    }
    for (auto& [id, v] : fresh) {
      Object o;
      o.k = Object::K::Var;
      o.var = v;
      declare_local(id, o);
    }
  } else if (r->tok == Op::Assign) {
    for (int i = 0; i < 2; ++i)
      if (lhs[i]) lhs_assign(lhs[i], nullptr, types[i] ? types[i] : u_.invalid);
  }
  targets_.push_back({r, true, label});
  stmt(r->body);
  targets_.pop_back();
  pop_scope();
}

void Checker::switch_stmt(SwitchStmt* s) {
  const Ident* label = take_label();
  push_scope();
  if (s->init) stmt(s->init);
  if (s->tag) {
    value(s->tag);
    if (!invalid(s->tag->type)) {
      if (s->tag->type->kind == Kind::UntypedNil) error(s->tag->pos, "use of untyped nil in switch expression");
      else default_type(s->tag);
    }
  }
  const Stmt* first_default = nullptr;
  targets_.push_back({s, false, label});
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    CaseClause* c = s->clauses[ci];
    if (c->is_default) {
      if (first_default) error(c->pos, multiple_defaults(first_default));
      else first_default = c;
    }
    for (Expr* e : c->list) {
      value(e);
      if (invalid(e->type)) continue;
      if (s->tag) {
        if (invalid(s->tag->type)) continue;
        if (e->type->is_untyped() && !s->tag->type->is_untyped() && try_convert_untyped(e, s->tag->type) != Conv::Ok) {
          error(e->pos, "cannot convert " + describe(e) + " to type " + ts(s->tag->type));
          continue;
        }
        bool ok = match_types(e, s->tag) && (assignable(e->type, s->tag->type) || assignable(s->tag->type, e->type));
        if (!ok) {
          error(e->pos, "invalid case " + expr_text(e) + " in switch on " + expr_text(s->tag) + " (mismatched types " +
                            ts(e->type) + " and " + ts(s->tag->type) + ")");
          continue;
        }
        default_type(e);
      } else {
        if (!e->type->is_boolean()) {
          error(e->pos, "invalid case " + expr_text(e) + " in switch on true (mismatched types " + ts(e->type) + " and bool)");
          continue;
        }
        default_type(e);
      }
    }
    push_scope();
    bool last = ci + 1 == s->clauses.size();
    bool ends_ft = !c->body.empty() && c->body.back()->kind == NodeKind::BranchStmt &&
                   static_cast<BranchStmt*>(c->body.back())->branch == BranchKind::Fallthrough;
    if (ends_ft && last) {
      error(c->body.back()->pos, "cannot fallthrough final case in switch");
      std::vector<Stmt*> body(c->body.begin(), c->body.end() - 1);
      stmt_list(body);
    } else {
      fallthrough_ok_ = true;
      stmt_list(c->body);
      fallthrough_ok_ = false;
    }
    pop_scope();
  }
  targets_.pop_back();
  pop_scope();
}

void Checker::type_switch(TypeSwitchStmt* s) {
  const Ident* label = take_label();
  push_scope();
  if (s->init) stmt(s->init);
  value(s->x);
  const Type* xt = s->x->type;
  bool ok = !invalid(xt);
  if (ok && !xt->is_interface()) {
    error(s->x->pos, describe(s->x) + " is not an interface");
    ok = false;
  }
  std::vector<Var*> vars;
  targets_.push_back({s, false, label});
  const Stmt* first_default = nullptr;
  for (CaseClause* c : s->clauses) {
    if (c->is_default) {
      if (first_default) error(c->pos, multiple_defaults(first_default));
      else first_default = c;
    }
    const Type* single = nullptr;
    for (Expr* e : c->list) {
      Expr* inner = unparen(e);
      if (inner->kind == NodeKind::Ident && static_cast<Ident*>(inner)->name == "nil" && lookup("nil") &&
          lookup("nil")->k == Object::K::Nil) {
        static_cast<Ident*>(inner)->ref = RefKind::Nil;
        e->type = u_.untyped_nil;
        continue;
      }
      const Type* t = resolve_type(e);
      if (invalid(t)) continue;
      single = t;
      if (ok && !t->is_interface()) {
        if (!implements(t, xt))
          error(e->pos, "impossible type switch case: " + describe(s->x) + " cannot have dynamic type " + ts(t) + " " +
                            not_implemented_reason(t, xt, pkg_name_));
      }
    }
    push_scope();
    if (s->bind && s->bind->name != "_") {
      const Type* vt = (c->list.size() == 1 && single) ? single : (ok ? xt : u_.invalid);
      Var* v = file_.make_var();
      v->name = s->bind->name;
      v->pos = s->bind->pos;
      v->type = vt;
      v->owner = fn_ ? fn_->info : nullptr;
      v->index = fn_ ? fn_->info->num_slots++ : -1;
      c->type_switch_var = v;
      vars.push_back(v);
      Object o;
      o.k = Object::K::Var;
      o.var = v;
      scopes_.back()[v->name] = o;
    }
    stmt_list(c->body);
    pop_scope();
  }
  targets_.pop_back();
  if (s->bind) {
    s->bind->type = xt;
    if (s->bind->name == "_") {
      error(s->bind->pos, "no new variable on left side of :=");
    } else {
      bool used = false;
      for (Var* v : vars) used |= v->used;
      if (!used) error(s->bind->pos, "declared and not used: " + s->bind->name);
    }
  }
  pop_scope();
}

void Checker::select_stmt(SelectStmt* s) {
  const Ident* label = take_label();
  targets_.push_back({s, false, label});
  const Stmt* first_default = nullptr;
  for (CommClause* c : s->clauses) {
    push_scope();
    if (!c->comm) {
      if (first_default) error(c->pos, multiple_defaults(first_default));
      else first_default = c;
    } else {
      bool valid = false;
      Stmt* comm = c->comm;
      if (comm->kind == NodeKind::SendStmt) {
        valid = true;
      } else if (comm->kind == NodeKind::ExprStmt) {
        valid = is_recv(static_cast<ExprStmt*>(comm)->x);
      } else if (comm->kind == NodeKind::AssignStmt) {
        auto* a = static_cast<AssignStmt*>(comm);
        valid = (a->op == Op::Assign || a->op == Op::Define) && a->rhs.size() == 1 && is_recv(a->rhs[0]) &&
                a->lhs.size() <= 2;
      }
      if (!valid) {
        Pos at = comm->kind == NodeKind::ExprStmt ? static_cast<ExprStmt*>(comm)->x->pos : comm->pos;
        error(at, "select case must be send or receive (possibly with assignment)");
        pop_scope();
        continue;  // like go, the clause body is not checked
      }
      stmt(comm);
    }
    stmt_list(c->body);
    pop_scope();
  }
  targets_.pop_back();
}

std::string Checker::multiple_defaults(const Stmt* first) const {
  return "multiple defaults (first at " + file_.filename + ":" + std::to_string(first->pos.line) + ":" +
         std::to_string(first->pos.col) + ")";
}

void Checker::branch(BranchStmt* b) {
  auto find_label = [&](const std::string& name) -> Label* {
    if (labels_.empty()) return nullptr;
    auto it = labels_.back().find(name);
    return it == labels_.back().end() ? nullptr : &it->second;
  };
  switch (b->branch) {
    case BranchKind::Goto: {
      Label* l = find_label(b->label->name);
      if (!l) {
        error(b->label->pos, "label " + b->label->name + " not defined");
        return;
      }
      l->used = true;
      error(b->pos, "goto is not supported by golite");
      return;
    }
    case BranchKind::Fallthrough: error(b->pos, "fallthrough statement out of place"); return;
    case BranchKind::Break: case BranchKind::Continue: {
      bool is_break = b->branch == BranchKind::Break;
      if (b->label) {
        Label* l = find_label(b->label->name);
        if (!l) {
          error(b->label->pos, "label " + b->label->name + " not defined");
          return;
        }
        l->used = true;
        for (auto it = targets_.rbegin(); it != targets_.rend(); ++it) {
          if (it->label && it->label->name == b->label->name) {
            if (!is_break && !it->loop) break;
            b->target = it->stmt;
            return;
          }
        }
        error(b->label->pos, std::string("invalid ") + (is_break ? "break" : "continue") + " label " + b->label->name);
        return;
      }
      for (auto it = targets_.rbegin(); it != targets_.rend(); ++it) {
        if (is_break || it->loop) {
          b->target = it->stmt;
          return;
        }
      }
      error(b->pos, is_break ? "break is not in a loop, switch, or select" : "continue is not in a loop");
      return;
    }
  }
}

void Checker::go_defer(CallExpr* c, bool is_go) {
  const char* kw = is_go ? "go" : "defer";
  if (c->lparen.line == -1) {
    error(c->fun->pos, std::string("expression in ") + kw + " must be function call");
    expr(c->fun);
    return;
  }
  expr(c);
  if (c->call_kind == CallKind::Conversion) {
    error(c->pos, std::string(kw) + " requires function call, not conversion");
    return;
  }
  if (c->call_kind == CallKind::Builtin) {
    Builtin b = static_cast<Ident*>(unparen(c->fun))->builtin;
    switch (b) {
      case Builtin::Copy: case Builtin::Delete: case Builtin::Panic: case Builtin::Print: case Builtin::Println:
      case Builtin::Recover: case Builtin::Close: case Builtin::Clear:
        return;
      default:
        error(c->pos, std::string(kw) + " discards result of " + expr_text(c));
    }
  }
}

// ---------------------------------------------------------------- labels and termination

void Checker::collect_labels(const std::vector<Stmt*>& list) {
  for (Stmt* s : list) {
    if (!s) continue;
    switch (s->kind) {
      case NodeKind::LabeledStmt: {
        auto* l = static_cast<LabeledStmt*>(s);
        auto& table = labels_.back();
        if (l->label->name != "_") {
          if (table.count(l->label->name)) error(l->label->pos, "label " + l->label->name + " already defined");
          else table[l->label->name] = Label{l->label, l->stmt, false};
        }
        collect_labels({l->stmt});
        break;
      }
      case NodeKind::BlockStmt: collect_labels(static_cast<BlockStmt*>(s)->stmts); break;
      case NodeKind::IfStmt: {
        auto* i = static_cast<IfStmt*>(s);
        collect_labels({i->then, i->else_});
        break;
      }
      case NodeKind::ForStmt: collect_labels({static_cast<ForStmt*>(s)->body}); break;
      case NodeKind::RangeStmt: collect_labels({static_cast<RangeStmt*>(s)->body}); break;
      case NodeKind::SwitchStmt:
        for (auto* c : static_cast<SwitchStmt*>(s)->clauses) collect_labels(c->body);
        break;
      case NodeKind::TypeSwitchStmt:
        for (auto* c : static_cast<TypeSwitchStmt*>(s)->clauses) collect_labels(c->body);
        break;
      case NodeKind::SelectStmt:
        for (auto* c : static_cast<SelectStmt*>(s)->clauses) collect_labels(c->body);
        break;
      default: break;
    }
  }
}

bool Checker::has_break(const Stmt* s, const Stmt* target, bool implicit) {
  if (!s) return false;
  switch (s->kind) {
    case NodeKind::BranchStmt: {
      auto* b = static_cast<const BranchStmt*>(s);
      return b->branch == BranchKind::Break && b->target == target;
    }
    case NodeKind::LabeledStmt: return has_break(static_cast<const LabeledStmt*>(s)->stmt, target, implicit);
    case NodeKind::BlockStmt:
      for (auto* x : static_cast<const BlockStmt*>(s)->stmts)
        if (has_break(x, target, implicit)) return true;
      return false;
    case NodeKind::IfStmt: {
      auto* i = static_cast<const IfStmt*>(s);
      return has_break(i->then, target, implicit) || has_break(i->else_, target, implicit);
    }
    case NodeKind::ForStmt: return has_break(static_cast<const ForStmt*>(s)->body, target, implicit);
    case NodeKind::RangeStmt: return has_break(static_cast<const RangeStmt*>(s)->body, target, implicit);
    case NodeKind::SwitchStmt:
      for (auto* c : static_cast<const SwitchStmt*>(s)->clauses)
        for (auto* x : c->body)
          if (has_break(x, target, implicit)) return true;
      return false;
    case NodeKind::TypeSwitchStmt:
      for (auto* c : static_cast<const TypeSwitchStmt*>(s)->clauses)
        for (auto* x : c->body)
          if (has_break(x, target, implicit)) return true;
      return false;
    case NodeKind::SelectStmt:
      for (auto* c : static_cast<const SelectStmt*>(s)->clauses)
        for (auto* x : c->body)
          if (has_break(x, target, implicit)) return true;
      return false;
    default: return false;
  }
}

// Spec "Terminating statements".
bool Checker::terminating(const Stmt* s, const std::string& label) {
  (void)label;
  if (!s) return false;
  auto list_terminates = [&](const std::vector<Stmt*>& l) {
    size_t n = l.size();
    while (n > 0 && l[n - 1]->kind == NodeKind::EmptyStmt) --n;
    return n > 0 && terminating(l[n - 1]);
  };
  switch (s->kind) {
    case NodeKind::ReturnStmt: return true;
    case NodeKind::BranchStmt: {
      auto* b = static_cast<const BranchStmt*>(s);
      return b->branch == BranchKind::Goto || b->branch == BranchKind::Fallthrough;
    }
    case NodeKind::ExprStmt: {
      const Expr* x = static_cast<const ExprStmt*>(s)->x;
      while (x->kind == NodeKind::ParenExpr) x = static_cast<const ParenExpr*>(x)->x;
      if (x->kind != NodeKind::CallExpr) return false;
      auto* c = static_cast<const CallExpr*>(x);
      const Expr* f = c->fun;
      while (f->kind == NodeKind::ParenExpr) f = static_cast<const ParenExpr*>(f)->x;
      return f->kind == NodeKind::Ident && static_cast<const Ident*>(f)->ref == RefKind::Builtin &&
             static_cast<const Ident*>(f)->builtin == Builtin::Panic;
    }
    case NodeKind::BlockStmt: return list_terminates(static_cast<const BlockStmt*>(s)->stmts);
    case NodeKind::IfStmt: {
      auto* i = static_cast<const IfStmt*>(s);
      return i->else_ && terminating(i->then) && terminating(i->else_);
    }
    case NodeKind::ForStmt: {
      auto* f = static_cast<const ForStmt*>(s);
      return !f->cond && !has_break(f->body, f, true);
    }
    case NodeKind::LabeledStmt: return terminating(static_cast<const LabeledStmt*>(s)->stmt);
    case NodeKind::SwitchStmt: {
      auto* sw = static_cast<const SwitchStmt*>(s);
      bool has_default = false;
      for (auto* c : sw->clauses) {
        has_default |= c->is_default;
        if (!list_terminates(c->body)) return false;
        for (auto* x : c->body)
          if (has_break(x, sw, true)) return false;
      }
      return has_default;
    }
    case NodeKind::TypeSwitchStmt: {
      auto* sw = static_cast<const TypeSwitchStmt*>(s);
      bool has_default = false;
      for (auto* c : sw->clauses) {
        has_default |= c->is_default;
        if (!list_terminates(c->body)) return false;
        for (auto* x : c->body)
          if (has_break(x, sw, true)) return false;
      }
      return has_default;
    }
    case NodeKind::SelectStmt: {
      auto* sel = static_cast<const SelectStmt*>(s);
      for (auto* c : sel->clauses) {
        if (!list_terminates(c->body)) return false;
        for (auto* x : c->body)
          if (has_break(x, sel, true)) return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace poollab::golite::front
