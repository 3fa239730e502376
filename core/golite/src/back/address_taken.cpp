// A pass over the checked tree: variables whose address is taken (&x, or a
// pointer-receiver method called on x) must live in heap boxes so pointers to
// them outlive the frame, exactly like closure captures. The same pass marks
// integer operations the evaluator can compute without dispatching on types.
#include "back/interp.hpp"

namespace poollab::golite {

namespace {

const Type* typed(const Type* t) {
  if (t && t->is_untyped()) return universe().default_type(t);
  return t;
}

bool machine_int(const Type* t) { return t && (t->ukind() == Kind::Int || t->ukind() == Kind::Int64); }

// Fills BinaryExpr::int_result / int_operand, with the same types eval_binary would use.
void prepare_int_op(BinaryExpr* b) {
  if (b->cv) return;
  switch (b->op) {
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Quo:
    case Op::Rem: {
      const Type* t = typed(b->type);
      if (machine_int(t)) b->int_result = b->int_operand = t;
      return;
    }
    case Op::Eql:
    case Op::Neq:
    case Op::Lss:
    case Op::Leq:
    case Op::Gtr:
    case Op::Geq: {
      const Type* ot = typed((b->x->type && !b->x->type->is_untyped()) ? b->x->type : b->y->type);
      if (!machine_int(ot)) return;
      b->int_operand = ot;
      b->int_result = b->type && !b->type->is_untyped() ? b->type : universe().bool_type;
      return;
    }
    default: return;
  }
}

// Fills CallExpr::direct for calls the evaluator can bind straight into the callee's frame.
void prepare_direct_call(CallExpr* c) {
  const Expr* fun = c->fun;
  while (fun && fun->kind == NodeKind::ParenExpr) fun = static_cast<const ParenExpr*>(fun)->x;
  if (c->call_kind != CallKind::Func || !fun || fun->kind != NodeKind::Ident) return;
  auto* id = static_cast<const Ident*>(fun);
  if (id->ref != RefKind::Func || !id->func || c->spread_tuple || c->has_ellipsis || !c->sig || c->sig->variadic) return;
  if (c->args.size() != c->sig->params.size()) return;
  c->direct = id->func;
}

struct Marker {
  static void mark_root(Expr* e) {
    while (e && e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
    if (e && e->kind == NodeKind::Ident) {
      auto* id = static_cast<Ident*>(e);
      if ((id->ref == RefKind::Local) && id->var) id->var->captured = true;
    }
  }

  // Walks an expression; returns (and records in Expr::has_call) whether a call,
  // receive, && or || is inside, and marks the operand lists gc evaluates calls-first.
  bool expr(Expr* e) {
    if (!e) return false;
    bool h = false;
    switch (e->kind) {
      case NodeKind::UnaryExpr: {
        auto* u = static_cast<UnaryExpr*>(e);
        if (u->op == Op::And) mark_root(u->x);
        h = expr(u->x) || u->op == Op::Arrow;
        break;
      }
      case NodeKind::ParenExpr: h = expr(static_cast<ParenExpr*>(e)->x); break;
      case NodeKind::BinaryExpr: {
        auto* b = static_cast<BinaryExpr*>(e);
        prepare_int_op(b);
        const bool hx = expr(b->x), hy = expr(b->y);
        const bool logical = b->op == Op::LAnd || b->op == Op::LOr;  // ordered, and y may not run
        b->y_first = !logical && !hx && hy;
        h = hx || hy || (logical && hy);
        break;
      }
      case NodeKind::CallExpr: {
        auto* c = static_cast<CallExpr*>(e);
        prepare_direct_call(c);
        h = expr(c->fun);
        for (Expr* a : c->args) h = expr(a) || h;
        c->calls_first = needs_calls_first(c->args);
        if (c->call_kind != CallKind::Conversion) h = true;  // builtins too: gc reads len(s) in order
        break;
      }
      case NodeKind::SelectorExpr: {
        auto* s = static_cast<SelectorExpr*>(e);
        if (s->sel_kind == SelKind::Method && s->take_addr && s->path.empty()) mark_root(s->x);
        h = expr(s->x);
        break;
      }
      case NodeKind::IndexExpr: {
        const bool hx = expr(static_cast<IndexExpr*>(e)->x);
        h = expr(static_cast<IndexExpr*>(e)->index) || hx;
        break;
      }
      case NodeKind::SliceExpr: {
        auto* s = static_cast<SliceExpr*>(e);
        h = expr(s->x);
        h = expr(s->lo) || h;
        h = expr(s->hi) || h;
        h = expr(s->max) || h;
        break;
      }
      case NodeKind::TypeAssertExpr: h = expr(static_cast<TypeAssertExpr*>(e)->x); break;
      case NodeKind::StarExpr: h = expr(static_cast<StarExpr*>(e)->x); break;
      case NodeKind::KeyValueExpr: {
        const bool hk = expr(static_cast<KeyValueExpr*>(e)->key);
        h = expr(static_cast<KeyValueExpr*>(e)->value) || hk;
        break;
      }
      case NodeKind::CompositeLit: {
        auto* lit = static_cast<CompositeLit*>(e);
        for (Expr* x : lit->elts) h = expr(x) || h;
        // Map literals are filled entry by entry, as gc does.
        lit->calls_first = lit->type && lit->type->ukind() != Kind::Map && needs_calls_first(lit->elts);
        break;
      }
      case NodeKind::FuncLit: block(static_cast<FuncLit*>(e)->body); break;  // its body runs later
      default: break;
    }
    e->has_call = h;
    return h;
  }

  void block(BlockStmt* b) {
    if (!b) return;
    for (Stmt* s : b->stmts) stmt(s);
  }

  void stmts(std::vector<Stmt*>& list) {
    for (Stmt* s : list) stmt(s);
  }

  void stmt(Stmt* s) {
    if (!s) return;
    switch (s->kind) {
      case NodeKind::DeclStmt: {
        GenDecl* d = static_cast<DeclStmt*>(s)->decl;
        if (d)
          for (ValueSpec& v : d->values)
            for (Expr* x : v.values) expr(x);
        break;
      }
      case NodeKind::LabeledStmt: stmt(static_cast<LabeledStmt*>(s)->stmt); break;
      case NodeKind::ExprStmt: expr(static_cast<ExprStmt*>(s)->x); break;
      case NodeKind::SendStmt:
        expr(static_cast<SendStmt*>(s)->chan);
        expr(static_cast<SendStmt*>(s)->value);
        break;
      case NodeKind::IncDecStmt: expr(static_cast<IncDecStmt*>(s)->x); break;
      case NodeKind::AssignStmt: {
        auto* a = static_cast<AssignStmt*>(s);
        for (Expr* x : a->lhs) expr(x);
        for (Expr* x : a->rhs) expr(x);
        a->calls_first = a->rhs.size() > 1 && needs_calls_first(a->rhs);
        break;
      }
      case NodeKind::GoStmt: expr(static_cast<GoStmt*>(s)->call); break;
      case NodeKind::DeferStmt: expr(static_cast<DeferStmt*>(s)->call); break;
      case NodeKind::ReturnStmt: {
        auto* r = static_cast<ReturnStmt*>(s);
        for (Expr* x : r->results) expr(x);
        r->calls_first = r->results.size() > 1 && needs_calls_first(r->results);
        break;
      }
      case NodeKind::BlockStmt: block(static_cast<BlockStmt*>(s)); break;
      case NodeKind::IfStmt: {
        auto* i = static_cast<IfStmt*>(s);
        stmt(i->init);
        expr(i->cond);
        block(i->then);
        stmt(i->else_);
        break;
      }
      case NodeKind::CaseClause: {
        auto* c = static_cast<CaseClause*>(s);
        for (Expr* x : c->list) expr(x);
        stmts(c->body);
        break;
      }
      case NodeKind::SwitchStmt: {
        auto* w = static_cast<SwitchStmt*>(s);
        stmt(w->init);
        expr(w->tag);
        for (CaseClause* c : w->clauses) stmt(c);
        break;
      }
      case NodeKind::TypeSwitchStmt: {
        auto* w = static_cast<TypeSwitchStmt*>(s);
        stmt(w->init);
        expr(w->x);
        for (CaseClause* c : w->clauses) stmts(c->body);
        break;
      }
      case NodeKind::CommClause: {
        auto* c = static_cast<CommClause*>(s);
        stmt(c->comm);
        stmts(c->body);
        break;
      }
      case NodeKind::SelectStmt:
        for (CommClause* c : static_cast<SelectStmt*>(s)->clauses) stmt(c);
        break;
      case NodeKind::ForStmt: {
        auto* f = static_cast<ForStmt*>(s);
        stmt(f->init);
        expr(f->cond);
        stmt(f->post);
        block(f->body);
        break;
      }
      case NodeKind::RangeStmt: {
        auto* r = static_cast<RangeStmt*>(s);
        expr(r->key);
        expr(r->value);
        expr(r->x);
        block(r->body);
        break;
      }
      default: break;
    }
  }
};

}  // namespace

void mark_address_taken(const CheckedProgram& prog) {
  Marker m;
  for (Decl* d : prog.file->decls) {
    if (d->kind == NodeKind::FuncDecl) {
      m.block(static_cast<FuncDecl*>(d)->body);
    } else if (d->kind == NodeKind::GenDecl) {
      for (ValueSpec& v : static_cast<GenDecl*>(d)->values)
        for (Expr* x : v.values) m.expr(x);
    }
  }
}

}  // namespace poollab::golite
