// Statements, calls, defer/recover and goroutines.
#include <alloca.h>

#include <algorithm>

#include "back/interp.hpp"
#include "utf8.hpp"

namespace poollab::golite {

namespace {

const Type* typed(const Type* t) {
  if (t && t->is_untyped()) return universe().default_type(t);
  return t;
}

const Expr* unparen(const Expr* e) {
  while (e && e->kind == NodeKind::ParenExpr) e = static_cast<const ParenExpr*>(e)->x;
  return e;
}

// int or int64 (named or not): arithmetic on these needs no wrapping.
bool machine_int(const Type* t) { return t && (t->ukind() == Kind::Int || t->ukind() == Kind::Int64); }

Value box(Value v) { return Value::of_obj(nullptr, new BoxObj(std::move(v))); }

// Restores the machine's frame and depth however a call ends.
struct FrameScope {
  Frame*& slot;
  Frame* saved;
  int& depth;
  FrameScope(Frame*& s, Frame* f, int& d) : slot(s), saved(s), depth(d) {
    slot = f;
    ++depth;
  }
  ~FrameScope() {
    slot = saved;
    --depth;
  }
};

struct SlotGuard {
  Value* s;
  size_t n;
  ~SlotGuard() {
    for (size_t i = 0; i < n; ++i) s[i].~Value();
  }
};

// An argument vector borrowed from the machine's pool, so calls other than direct ones
// do not allocate once the pool is warm; it goes back emptied (releasing the values).
struct PooledArgs {
  std::vector<std::vector<Value>>& pool;
  std::vector<Value> v;
  explicit PooledArgs(std::vector<std::vector<Value>>& p) : pool(p) {
    if (!pool.empty()) {
      v = std::move(pool.back());
      pool.pop_back();
    }
  }
  ~PooledArgs() {
    v.clear();
    if (pool.size() < 256) pool.push_back(std::move(v));
  }
  PooledArgs(const PooledArgs&) = delete;
  PooledArgs& operator=(const PooledArgs&) = delete;
};

Value panic_value(const rt::Panic& p) {
  if (const Value* v = std::any_cast<Value>(&p.value)) return *v;
  return Value::of_obj(native_types().runtime_error, new ErrObj(p.text));
}

}  // namespace

// ---------------------------------------------------------------- setup

Interp::Interp(const Program& p, RunOptions o) : prog(p), opts(std::move(o)) {
  globals.resize(prog.checked->globals.size());
}

void Interp::write_stdout(std::string_view s) {
  if (rt::program_exiting()) return;  // Go's exit has already happened: later output is lost
  std::lock_guard lk(out_mu);
  if (opts.stdout_sink) opts.stdout_sink(s);
}

void Interp::write_stderr(std::string_view s) {
  std::lock_guard lk(out_mu);
  if (opts.stderr_sink) opts.stderr_sink(s);
}

std::string Callee::name() const {
  switch (k) {
    case K::User: return fi ? fi->go_name : "main.func";
    case K::FuncValue:
      if (func.heap()) {
        auto* f = static_cast<FuncObj*>(func.o);
        if (f->info) return f->info->go_name;
        if (f->member >= 0) {
          const MemberInfo& mi = member_info(static_cast<Member>(f->member));
          return std::string(package_name(mi.package)) + "." + std::string(mi.name);
        }
        if (!f->native_name.empty()) return f->native_name;
      }
      return "main.func";
    case K::Stdlib: {
      const MemberInfo& mi = member_info(member);
      std::string pkg(package_name(mi.package));
      if (!mi.recv.empty()) return pkg + ".(*" + std::string(mi.recv) + ")." + std::string(mi.name);
      return pkg + "." + std::string(mi.name);
    }
    case K::Builtin: return "main.main.gowrap";
  }
  return "main.func";
}

Machine::Machine(std::shared_ptr<Interp> in)
    : in_(std::move(in)),
      heap_scope_(&in_->heap),
      I(*in_),
      int_t_(universe().int_type),
      bool_t_(universe().bool_type),
      stack_base_(static_cast<char*>(__builtin_frame_address(0))) {}

Machine::~Machine() = default;

void Machine::stack_overflow() {
  throw rt::Fatal("stack overflow", "runtime: goroutine stack exceeds 1000000000-byte limit");
}

void Machine::run_main() {
  const CheckedProgram& cp = *I.prog.checked;
  Frame top;
  Value dummy[1];
  top.slots = dummy;
  fr_ = &top;
  for (const Var* v : cp.globals)
    if (v && v->index >= 0) I.globals[size_t(v->index)] = zero_value(v->type);
  for (const GlobalInit& gi : cp.global_inits) {
    const ValueSpec* spec = gi.spec;
    if (!spec) continue;
    rt::at_line(spec->pos.line);
    if (spec->values.size() == spec->vars.size()) {
      for (size_t i = 0; i < spec->vars.size(); ++i) {
        Value v = eval_to(spec->values[i], spec->vars[i] ? spec->vars[i]->type : nullptr);
        if (spec->vars[i]) I.globals[size_t(spec->vars[i]->index)] = copy_value(v);
      }
    } else if (spec->values.size() == 1) {
      std::vector<Value> vals;
      eval_multi(spec->values[0], vals);
      for (size_t i = 0; i < spec->vars.size() && i < vals.size(); ++i)
        if (spec->vars[i]) I.globals[size_t(spec->vars[i]->index)] = copy_value(vals[i]);
    }
  }
  for (const FuncDecl* init : cp.inits) call_user(init->info, init->body, nullptr, nullptr, 0, nullptr, 0);
  if (cp.main) call_user(cp.main->info, cp.main->body, nullptr, nullptr, 0, nullptr, 0);
  fr_ = nullptr;
}

void Machine::run_goroutine(const Callee& c, std::vector<Value>& args) {
  Frame top;
  Value dummy[1];
  top.slots = dummy;
  fr_ = &top;
  invoke(c, args.data(), args.size(), nullptr, 0);
  fr_ = nullptr;
}

Value Machine::method_receiver(const Value& x, const Method& m, const std::vector<int>& path) {
  const bool is_ptr = x.tb && x.type()->kind == Kind::Pointer;
  if (path.empty()) return (!m.pointer_recv && is_ptr) ? copy_value(deref(x)) : x;
  Value cur = x;  // a struct value (sharing its storage) or a pointer to one
  for (size_t k = 0; k < path.size(); ++k) {
    Value holder = cur.tb && cur.type()->kind == Kind::Pointer ? deref(cur) : cur;
    if (!holder.heap()) nil_dereference();
    auto* agg = static_cast<AggObj*>(holder.o);
    Value& field = agg->v[size_t(path[k])];
    const bool field_ptr = field.tb && field.type()->kind == Kind::Pointer;
    if (k + 1 < path.size()) {
      cur = field;
      continue;
    }
    if (m.forward) return field;  // an embedded interface: its dynamic value, whatever its type
    if (field_ptr) return m.pointer_recv ? field : copy_value(deref(field));
    if (!m.pointer_recv) return copy_value(field);
    // A pointer to the embedded field, keeping its struct's storage alive.
    return Value::of_obj(I.prog.checked->types->pointer_to(field.type()), new PtrObj(agg, &field));
  }
  return x;
}

Value Machine::embedded_field(const Value& x, const std::vector<int>& path) {
  Method through;  // walks the path and hands the field's value out as it is
  through.forward = true;
  return method_receiver(x, through, path);
}

Value Machine::interface_value(const SelectorExpr* s, const std::string*& name) {
  Value x = eval(s->x);
  if (x.tb == 0) nil_dereference();
  const Type* it = s->iface ? s->iface : s->x->type->underlying();
  name = &it->imethods[size_t(s->method_index)].name;
  if (!s->path.empty()) {  // x.name() promoted from an embedded interface field
    x = embedded_field(x, s->path);
    if (x.tb == 0) nil_dereference();
  }
  return x;
}

bool Machine::dispatch(const Value& x, const std::string& name, const Method*& m, Value& recv) {
  Value cur = x;
  for (int hop = 0; hop < 16; ++hop) {
    std::vector<int> path;
    m = fmt::find_dyn_method(cur.type(), name, &path);
    if (!m) return false;
    // A standard-library method takes its native receiver as it is (an ErrObj is no PtrObj).
    recv = m->member >= 0 && path.empty() ? cur : method_receiver(cur, *m, path);
    if (!m->forward) return true;
    if (recv.tb == 0) nil_dereference();  // the embedded interface is nil
    cur = recv;
  }
  return false;
}

bool Machine::call_string_method(const Value& recv, const Method& m, const std::vector<int>& path,
                                 std::string& out) {
  if (m.forward) {  // promoted from an embedded interface: call the dynamic value's method
    const Method* target = nullptr;
    Value r;
    if (!dispatch(embedded_field(recv, path), m.name, target, r)) return false;
    return fmt::call_text_method(r, *target, this, out);
  }
  if (!m.decl) return false;
  if (recv.tb && recv.type()->kind == Kind::Pointer && !recv.heap() && (!m.pointer_recv || !path.empty()))
    return false;
  Value r = method_receiver(recv, m, path);
  Value result;
  call_from_native(m, &r, 1, &result, 1);
  out = std::string(str(result));
  return true;
}

void Machine::call_from_native(const Method& m, Value* args, size_t nargs, Value* results, size_t nresults) {
  Frame top;
  Value dummy[1];
  top.slots = dummy;
  Frame* saved = fr_;
  if (!fr_) fr_ = &top;  // called with no Go frame running (a goroutine's first call)
  try {
    call_user(m.decl->info, m.decl->body, nullptr, args, nargs, results, nresults);
  } catch (...) {
    fr_ = saved;
    throw;
  }
  fr_ = saved;
}

// ---------------------------------------------------------------- calls

namespace {
// Binds one incoming argument (receiver or parameter) into its frame slot with Go's copy.
inline void bind_param(Value* slots, const Var* v, const Value& a) {
  if (!v || v->index < 0) return;
  if (v->captured) slots[v->index] = box(copy_value(a));
  else slots[v->index] = copy_value(a);
}
}  // namespace

__attribute__((always_inline)) inline void Machine::run_frame(const FuncInfo& fi, const BlockStmt* body, const Value* caps, Value* slots, Value* out,
                        size_t nout) {
  rt::check_abort();
  stack_check();
  rt::FrameGuard guard(fi.go_name, body ? body->pos.line : 0);
  for (const Var* r : fi.results) {
    if (!r || r->index < 0) continue;
    if (r->captured) slots[r->index] = box(zero_value(r->type));
    else slots[r->index] = zero_value(r->type);
  }
  Frame f;
  f.slots = slots;
  f.caps = caps;
  f.fi = &fi;
  FrameScope scope(fr_, &f, depth_);
  if (!fi.has_defer) {
    if (body) exec_block(body->stmts);
  } else {
    std::vector<Deferred> defers;
    f.defers = &defers;
    std::unique_ptr<PanicState> ps;
    try {
      if (body) exec_block(body->stmts);
    } catch (const rt::Panic& p) {
      ps.reset(new PanicState{p, panic_value(p)});
    }
    run_defers(defers, ps);
  }
  for (size_t i = 0; i < nout && i < fi.results.size(); ++i) {
    const Var* r = fi.results[i];
    if (!r || r->index < 0) continue;
    Value& s = slots[r->index];
    if (r->captured) out[i] = static_cast<BoxObj*>(s.o)->v;
    else out[i] = std::move(s);  // the frame ends here
  }
}

void Machine::call_user(const FuncInfo& fi, const BlockStmt* body, const Value* caps, Value* args, size_t nargs,
                        Value* out, size_t nout) {
  size_t n = size_t(std::max(fi.num_slots, 1));
  auto* slots = static_cast<Value*>(alloca(n * sizeof(Value)));
  for (size_t i = 0; i < n; ++i) new (&slots[i]) Value();
  SlotGuard sg{slots, n};
  size_t ai = 0;
  if (fi.recv && ai < nargs) bind_param(slots, fi.recv, args[ai++]);
  for (const Var* p : fi.params) {
    if (ai >= nargs) break;
    bind_param(slots, p, args[ai++]);
  }
  run_frame(fi, body, caps, slots, out, nout);
}

void Machine::run_defers(std::vector<Deferred>& defers, std::unique_ptr<PanicState>& ps) {
  while (!defers.empty()) {
    Deferred d = std::move(defers.back());
    defers.pop_back();
    PanicState* saved = panicking_;
    if (ps && !ps->recovered) {
      ps->defer_depth = depth_ + 1;
      panicking_ = ps.get();
    }
    try {
      rt::at_line(d.line);
      invoke(d.callee, d.args.data(), d.args.size(), nullptr, 0);
    } catch (const rt::Panic& p) {
      panicking_ = saved;
      if (ps) {
        std::string text = ps->panic.text + (ps->recovered ? " [recovered]" : "") + "\n\tpanic: " + p.text;
        rt::Panic chained(text, p.value);
        chained.stack = p.stack;
        ps.reset(new PanicState{chained, panic_value(p)});
      } else {
        ps.reset(new PanicState{p, panic_value(p)});
      }
      continue;
    }
    panicking_ = saved;
  }
  if (ps && !ps->recovered) throw ps->panic;
}

void Machine::invoke(const Callee& c, Value* args, size_t nargs, Value* out, size_t nout) {
  switch (c.k) {
    case Callee::K::User: call_user(*c.fi, c.body, nullptr, args, nargs, out, nout); return;
    case Callee::K::FuncValue: {
      auto* f = c.func.heap() && c.func.o->kind == ObjKind::Func ? static_cast<FuncObj*>(c.func.o) : nullptr;
      if (f && f->info && !f->bound && !f->native && f->member < 0) {  // a closure or function value: no copy of the arguments
        call_user(*f->info, f->body, f->captures.data(), args, nargs, out, nout);
        return;
      }
      std::vector<Value> a(args, args + nargs);
      call_value(c.func, a, out, nout);
      return;
    }
    case Callee::K::Stdlib: call_stdlib(c.member, c.call, args, nargs, out, nout); return;
    case Callee::K::Builtin: {
      Value tmp;
      call_builtin(c.call, c.builtin, args, nargs, out && nout ? out : &tmp);
      return;
    }
  }
}

void Machine::call_value(const Value& fn, std::vector<Value>& args, Value* out, size_t nout) {
  if (!fn.heap() || fn.o->kind != ObjKind::Func) {
    nil_dereference();
  }
  auto* f = static_cast<FuncObj*>(fn.o);
  if (f->bound) args.insert(args.begin(), f->recv);
  if (f->native) {
    std::vector<Value> results;
    f->native(args, results);
    for (size_t i = 0; i < nout && i < results.size(); ++i) out[i] = results[i];
    return;
  }
  if (f->member >= 0) {
    call_stdlib(static_cast<Member>(f->member), nullptr, args.data(), args.size(), out, nout);
    return;
  }
  if (!f->info) return;
  call_user(*f->info, f->body, f->captures.data(), args.data(), args.size(), out, nout);
}

void Machine::eval_args(const CallExpr* call, size_t first, std::vector<Value>& args) {
  (void)first;
  const Type* sig = call->sig;
  if (call->spread_tuple && call->args.size() == 1) {
    std::vector<Value> vals;
    eval_multi(call->args[0], vals);
    if (sig && sig->variadic && !sig->params.empty()) {
      size_t fixed = sig->params.size() - 1;
      for (size_t i = 0; i < fixed && i < vals.size(); ++i) args.push_back(vals[i]);
      const Type* st = sig->params.back();
      size_t n = vals.size() > fixed ? vals.size() - fixed : 0;
      auto* a = new AggObj(n);
      for (size_t i = 0; i < n; ++i) a->v[i] = vals[fixed + i];
      args.push_back(Value::of_obj(st, new SliceObj(a, 0, int64_t(n), int64_t(n))));
    } else {
      for (auto& v : vals) args.push_back(v);
    }
    return;
  }
  // Every argument lands in its own place, in gc's order (CallExpr::calls_first); a
  // variadic call's tail then becomes one slice argument.
  const size_t n = call->args.size();
  const size_t np = sig ? sig->params.size() : 0;
  const bool variadic = sig && sig->variadic && !call->has_ellipsis && np > 0;
  const size_t fixed = variadic ? np - 1 : np;
  const Type* st = variadic ? sig->params.back() : nullptr;
  const Type* et = variadic ? st->underlying()->elem : nullptr;
  const size_t base = args.size();
  args.resize(base + n);
  in_go_order(call->args, call->calls_first, [&](size_t i) {
    if (!sig) args[base + i] = eval(call->args[i]);
    else if (variadic && i >= fixed) args[base + i] = copy_value(eval_to(call->args[i], et));
    else args[base + i] = eval_to(call->args[i], i < np ? sig->params[i] : nullptr);
  });
  if (!variadic) return;
  const size_t nv = n > fixed ? n - fixed : 0;
  Value tail = Value::of_obj(st, nullptr);  // no variadic arguments: a nil slice
  if (nv > 0) {
    auto* a = new AggObj(nv);
    for (size_t i = 0; i < nv; ++i) a->v[i] = std::move(args[base + fixed + i]);
    tail = Value::of_obj(st, new SliceObj(a, 0, int64_t(nv), int64_t(nv)));
  }
  args.resize(base + std::min(n, fixed));
  args.push_back(std::move(tail));
}

Callee Machine::callee_of(const CallExpr* call, std::vector<Value>& args) {
  Callee c;
  c.call = call;
  const Expr* fun = unparen(call->fun);
  switch (call->call_kind) {
    case CallKind::Builtin: {
      c.k = Callee::K::Builtin;
      c.builtin = static_cast<const Ident*>(fun)->builtin;
      for (const Expr* a : call->args) {
        if (a->is_type_expr) args.push_back(Value());
        else args.push_back(eval(a));
      }
      return c;
    }
    case CallKind::Func:
      if (fun->kind == NodeKind::Ident && static_cast<const Ident*>(fun)->ref == RefKind::Func) {
        const FuncDecl* d = static_cast<const Ident*>(fun)->func;
        c.k = Callee::K::User;
        c.fi = &d->info;
        c.body = d->body;
      } else {
        c.k = Callee::K::FuncValue;
        c.func = eval(fun);
      }
      eval_args(call, 0, args);
      return c;
    case CallKind::Method:
    case CallKind::Stdlib:
    case CallKind::Interface: {
      if (fun->kind != NodeKind::SelectorExpr) break;
      auto* sel = static_cast<const SelectorExpr*>(fun);
      if (sel->sel_kind == SelKind::PackageMember) {
        c.k = Callee::K::Stdlib;
        c.member = static_cast<Member>(sel->member);
        eval_args(call, 0, args);
        return c;
      }
      if (sel->sel_kind == SelKind::Method) {
        Value recv = method_receiver(sel);
        if (sel->method->member >= 0) {
          c.k = Callee::K::Stdlib;
          c.member = static_cast<Member>(sel->method->member);
        } else {
          c.k = Callee::K::User;
          c.fi = &sel->method->decl->info;
          c.body = sel->method->decl->body;
        }
        args.push_back(std::move(recv));
        eval_args(call, 1, args);
        return c;
      }
      if (sel->sel_kind == SelKind::InterfaceMethod) {
        const std::string* name = nullptr;
        Value x = interface_value(sel, name);
        const Method* m = nullptr;
        Value recv;
        if (!dispatch(x, *name, m, recv))
          throw rt::Panic("golite: method " + *name + " not found on " + fmt::type_name(x.type()));
        if (m->member >= 0) {
          c.k = Callee::K::Stdlib;
          c.member = static_cast<Member>(m->member);
        } else {
          c.k = Callee::K::User;
          c.fi = &m->decl->info;
          c.body = m->decl->body;
        }
        args.push_back(recv);
        eval_args(call, 1, args);
        return c;
      }
      break;
    }
    default: break;
  }
  throw rt::Panic("golite: unsupported call");
}

void Machine::call_direct(const CallExpr* call, Value* out, size_t nout) {
  const FuncDecl* d = call->direct;
  const FuncInfo& fi = d->info;
  size_t n = size_t(std::max(fi.num_slots, 1));
  auto* slots = static_cast<Value*>(alloca(n * sizeof(Value)));
  for (size_t i = 0; i < n; ++i) new (&slots[i]) Value();
  SlotGuard sg{slots, n};
  size_t np = std::min(call->args.size(), fi.params.size());
  auto bind = [&](size_t i, Value a) {
    if (i >= np) return;
    const Var* v = fi.params[i];
    if (v && v->index >= 0 && !v->captured && !a.agg()) slots[v->index] = std::move(a);
    else bind_param(slots, v, a);
  };
  if (call->calls_first) [[unlikely]] {
    // Every argument is evaluated before any is bound: a call among them may change a
    // variable a plain argument reads, and gc reads it after.
    std::vector<Value> vals(call->args.size());
    in_go_order(call->args, true, [&](size_t i) { vals[i] = eval_to(call->args[i], call->sig->params[i]); });
    for (size_t i = 0; i < vals.size(); ++i) bind(i, std::move(vals[i]));
  } else {
    for (size_t i = 0; i < call->args.size(); ++i) bind(i, eval_to(call->args[i], call->sig->params[i]));
  }
  run_frame(fi, d->body, nullptr, slots, out, nout);
}

void Machine::eval_call(const CallExpr* call, Value* out, size_t nout) {
  if (call->direct) {
    call_direct(call, out, nout);
    return;
  }
  const Expr* fun = unparen(call->fun);
  if (call->call_kind == CallKind::Conversion) {
    const Expr* a = call->args[0];
    Value v = eval_to(a, call->type->is_interface() ? nullptr : call->type);
    out[0] = convert(v, a->type, call->type);
    return;
  }
  if (call->call_kind == CallKind::Builtin) {
    Builtin b = static_cast<const Ident*>(fun)->builtin;
    std::vector<Value> args;
    if (b == Builtin::Append) {
      const Type* st = call->type;
      const Type* et = st->underlying()->elem;
      args.push_back(eval(call->args[0]));
      if (call->has_ellipsis) {
        args.push_back(eval(call->args[1]));
      } else {
        for (size_t i = 1; i < call->args.size(); ++i) args.push_back(copy_value(eval_to(call->args[i], et)));
      }
    } else if (b == Builtin::Make || b == Builtin::New) {
      for (size_t i = 1; i < call->args.size(); ++i) args.push_back(eval_to(call->args[i], universe().int_type));
    } else if (b == Builtin::Panic || b == Builtin::Print || b == Builtin::Println) {
      for (const Expr* a : call->args) args.push_back(eval_to(a, nullptr));
    } else if (b == Builtin::Min || b == Builtin::Max) {
      for (const Expr* a : call->args) args.push_back(eval_to(a, call->type));
    } else if (b == Builtin::Delete && call->args.size() == 2) {
      args.push_back(eval(call->args[0]));
      args.push_back(eval_to(call->args[1], call->args[0]->type->underlying()->key));
    } else {
      for (const Expr* a : call->args) args.push_back(a->is_type_expr ? Value() : eval(a));
    }
    call_builtin(call, b, args.data(), args.size(), out);
    return;
  }
  PooledArgs args(arg_pool_);
  Callee c = callee_of(call, args.v);
  invoke(c, args.v.data(), args.v.size(), out, nout);
}

// ---------------------------------------------------------------- statements

Ctl Machine::exec_block(const std::vector<Stmt*>& stmts) {
  for (const Stmt* s : stmts) {
    Ctl c = exec(s);
    if (c != Ctl::Normal) return c;
  }
  return Ctl::Normal;
}

Ctl Machine::loop_ctl(Ctl c, const Stmt* loop, bool& stop) {
  stop = false;
  switch (c) {
    case Ctl::Normal: return Ctl::Normal;
    case Ctl::Break:
      stop = true;
      if (!branch_target_ || branch_target_ == loop) {
        branch_target_ = nullptr;
        return Ctl::Normal;
      }
      return Ctl::Break;
    case Ctl::Continue:
      if (!branch_target_ || branch_target_ == loop) {
        branch_target_ = nullptr;
        return Ctl::Normal;
      }
      stop = true;
      return Ctl::Continue;
    default: stop = true; return c;
  }
}

void Machine::define(Var* var, Value v) {
  if (!var || var->index < 0) return;
  Value& s = fr_->slots[var->index];
  if (var->captured) s = box(copy_value(v));
  else s = copy_value(v);
}

void Machine::store(const Expr* lhs, Value v) {
  lhs = unparen(lhs);
  if (lhs->kind == NodeKind::Ident) {
    auto* id = static_cast<const Ident*>(lhs);
    if (id->ref == RefKind::None) return;
    assign_value(slot_ref(id), v);
    return;
  }
  if (lhs->kind == NodeKind::IndexExpr) {
    auto* ix = static_cast<const IndexExpr*>(lhs);
    const Type* xt = ix->x->type->underlying();
    if (xt->kind == Kind::Map) {
      Value m = eval(ix->x);
      Value key = eval_to(ix->index, xt->key);
      if (!m.heap()) {
        Value err = Value::of_obj(native_types().runtime_error, new ErrObj("assignment to entry in nil map"));
        throw rt::Panic("assignment to entry in nil map", std::any(err));
      }
      require_comparable(key);
      static_cast<MapObj*>(m.o)->m[std::move(key)] = copy_value(v);
      return;
    }
  }
  Value* p = place(lhs, nullptr);
  assign_value(*p, v);
}

void name_object(const Value& v, const std::string& name) {
  if (!v.heap() || name.empty() || name == "_") return;
  switch (v.o->kind) {
    case ObjKind::Chan: {
      auto* c = static_cast<ChanObj*>(v.o);
      if (c->elem == ChanObj::Elem::Value && c->ch.core() && c->ch.core()->name().empty()) c->ch.set_name(name);
      break;
    }
    case ObjKind::WaitGroup: static_cast<WaitGroupObj*>(v.o)->wg.set_name(name); break;
    case ObjKind::Mutex: static_cast<MutexObj*>(v.o)->mu.set_name(name); break;
    case ObjKind::RWMutex: static_cast<RWMutexObj*>(v.o)->mu.set_name(name); break;
    default: break;
  }
}

Ctl Machine::exec_assign(const AssignStmt* s) {
  if (s->op != Op::Assign && s->op != Op::Define) {
    const Expr* lhs = unparen(s->lhs[0]);
    if (Value* p = local_slot(lhs); p && machine_int(lhs->type)) {  // x op= y on a plain int local
      auto x = uint64_t(p->i);
      switch (s->op) {
        case Op::Add: p->i = int64_t(x + uint64_t(int_operand(s->rhs[0], lhs->type))); return Ctl::Normal;
        case Op::Sub: p->i = int64_t(x - uint64_t(int_operand(s->rhs[0], lhs->type))); return Ctl::Normal;
        case Op::Mul: p->i = int64_t(x * uint64_t(int_operand(s->rhs[0], lhs->type))); return Ctl::Normal;
        default: break;
      }
    }
    const Type* t = typed(lhs->type);
    Value rhs = (s->op == Op::Shl || s->op == Op::Shr) ? eval(s->rhs[0]) : eval_to(s->rhs[0], t);
    if (lhs->kind == NodeKind::IndexExpr &&
        static_cast<const IndexExpr*>(lhs)->x->type->ukind() == Kind::Map) {
      Value old = eval_index(static_cast<const IndexExpr*>(lhs), nullptr);
      store(lhs, arith(s->op, old, rhs, t));
      return Ctl::Normal;
    }
    Value* p = local_slot(lhs);
    if (!p) p = place(lhs, nullptr);
    Value r = arith(s->op, *p, rhs, t);
    *p = std::move(r);
    return Ctl::Normal;
  }
  bool def = s->op == Op::Define;
  auto target_type = [&](size_t i) -> const Type* {
    if (def && i < s->new_vars.size() && s->new_vars[i]) return s->new_vars[i]->type;
    const Expr* l = unparen(s->lhs[i]);
    if (l->kind == NodeKind::Ident && static_cast<const Ident*>(l)->ref == RefKind::None) return nullptr;
    return l->type;
  };
  auto put = [&](size_t i, Value v) {
    if (def && i < s->new_vars.size() && s->new_vars[i]) {
      if (v.heap() && (v.o->kind == ObjKind::Chan)) name_object(v, s->new_vars[i]->name);
      define(s->new_vars[i], std::move(v));
    } else {
      store(s->lhs[i], std::move(v));
    }
  };
  if (s->lhs.size() == s->rhs.size()) {
    if (s->lhs.size() == 1) {
      put(0, eval_to(s->rhs[0], target_type(0)));
      return Ctl::Normal;
    }
    std::vector<Value> vals(s->rhs.size());
    in_go_order(s->rhs, s->calls_first, [&](size_t i) { vals[i] = copy_value(eval_to(s->rhs[i], target_type(i))); });
    for (size_t i = 0; i < vals.size(); ++i) put(i, std::move(vals[i]));
    return Ctl::Normal;
  }
  std::vector<Value> vals;
  eval_multi(s->rhs[0], vals);
  for (size_t i = 0; i < s->lhs.size() && i < vals.size(); ++i) put(i, std::move(vals[i]));
  return Ctl::Normal;
}

void Machine::exec_decl(const GenDecl* d) {
  if (d->tok != DeclTok::Var) return;
  for (const ValueSpec& spec : d->values) {
    if (spec.values.empty()) {
      for (Var* v : spec.vars) {
        if (!v) continue;
        Value z = zero_value(v->type);
        name_object(z, v->name);
        define(v, std::move(z));
      }
    } else if (spec.values.size() == spec.vars.size()) {
      std::vector<Value> vals(spec.vars.size());
      for (size_t i = 0; i < spec.vars.size(); ++i)
        vals[i] = eval_to(spec.values[i], spec.vars[i] ? spec.vars[i]->type : nullptr);
      for (size_t i = 0; i < spec.vars.size(); ++i) {
        if (spec.vars[i]) name_object(vals[i], spec.vars[i]->name);
        define(spec.vars[i], std::move(vals[i]));
      }
    } else {
      std::vector<Value> vals;
      eval_multi(spec.values[0], vals);
      for (size_t i = 0; i < spec.vars.size() && i < vals.size(); ++i) define(spec.vars[i], std::move(vals[i]));
    }
  }
}

Ctl Machine::exec_return(const ReturnStmt* s) {
  const auto& rs = fr_->fi->results;
  auto set = [&](size_t i, const Value& v) {
    if (i >= rs.size() || !rs[i] || rs[i]->index < 0) return;
    Value& slot = fr_->slots[rs[i]->index];
    if (rs[i]->captured) assign_value(static_cast<BoxObj*>(slot.o)->v, v);
    else assign_value(slot, v);
  };
  if (s->results.empty()) return Ctl::Return;
  if (s->spread_tuple || (s->results.size() == 1 && rs.size() > 1)) {
    std::vector<Value> vals;
    eval_multi(s->results[0], vals);
    for (size_t i = 0; i < vals.size(); ++i) set(i, vals[i]);
    return Ctl::Return;
  }
  if (s->results.size() == 1) {
    const Expr* x = s->results[0];
    if (rs.size() == 1 && rs[0] && rs[0]->index >= 0 && !rs[0]->captured && x->kind == NodeKind::BinaryExpr &&
        static_cast<const BinaryExpr*>(x)->int_result) {
      fr_->slots[rs[0]->index] = int_binary(static_cast<const BinaryExpr*>(x));
      return Ctl::Return;
    }
    Value v = eval_to(x, rs.empty() || !rs[0] ? nullptr : rs[0]->type);
    if (rs.size() == 1 && rs[0] && rs[0]->index >= 0 && !rs[0]->captured && !v.agg()) {
      fr_->slots[rs[0]->index] = std::move(v);
      return Ctl::Return;
    }
    set(0, v);
    return Ctl::Return;
  }
  std::vector<Value> vals(s->results.size());
  in_go_order(s->results, s->calls_first, [&](size_t i) {
    vals[i] = copy_value(eval_to(s->results[i], i < rs.size() && rs[i] ? rs[i]->type : nullptr));
  });
  for (size_t i = 0; i < vals.size(); ++i) set(i, vals[i]);
  return Ctl::Return;
}

Ctl Machine::exec_for(const ForStmt* s) {
  if (s->init) exec(s->init);
  for (;;) {
    if (s->cond && !truth(s->cond)) break;
    Ctl c = exec_block(s->body->stmts);
    bool stop;
    Ctl r = loop_ctl(c, s, stop);
    if (stop) {
      if (r != Ctl::Normal) return r;
      break;
    }
    for (const Var* v : s->loop_vars) {
      if (v && v->captured && v->index >= 0) {
        Value& slot = fr_->slots[v->index];
        slot = box(copy_value(static_cast<BoxObj*>(slot.o)->v));
      }
    }
    if (s->post) exec(s->post);
    rt::at_line(s->pos.line);
  }
  return Ctl::Normal;
}

Ctl Machine::exec_range(const RangeStmt* s) {
  const Universe& u = universe();
  auto assign_kv = [&](const Value* k, const Value* v) {
    if (s->tok == Op::Define) {
      if (k && s->key_var) define(s->key_var, *k);
      if (v && s->value_var) define(s->value_var, *v);
    } else if (s->tok == Op::Assign) {
      if (k && s->key) store(s->key, *k);
      if (v && s->value) store(s->value, *v);
    }
  };
  auto body = [&](bool& stop) -> Ctl {
    Ctl c = exec_block(s->body->stmts);
    Ctl r = loop_ctl(c, s, stop);
    if (!stop) rt::at_line(s->pos.line);
    return r;
  };
  bool want_value = s->value != nullptr;
  switch (s->range_kind) {
    case RangeKind::Int: {
      Value n = eval(s->x);
      const Type* kt = typed(s->x->type);
      if (s->key_var) kt = s->key_var->type;
      for (int64_t i = 0; i < n.i; ++i) {
        Value k = Value::of_int(kt, i);
        assign_kv(&k, nullptr);
        bool stop;
        Ctl r = body(stop);
        if (stop) return r;
      }
      return Ctl::Normal;
    }
    case RangeKind::Slice:
    case RangeKind::Array:
    case RangeKind::ArrayPtr: {
      Value x = eval(s->x);
      if (s->range_kind == RangeKind::Array && want_value) x = copy_value(x);
      int64_t len = 0;
      if (s->range_kind == RangeKind::Slice) {
        len = x.heap() ? static_cast<SliceObj*>(x.o)->len : 0;
      } else if (s->range_kind == RangeKind::Array) {
        len = int64_t(static_cast<AggObj*>(x.o)->v.size());
      } else {
        len = s->x->type->underlying()->elem->underlying()->length;
      }
      for (int64_t i = 0; i < len; ++i) {
        Value k = Value::of_int(u.int_type, i);
        Value v;
        if (want_value) {
          if (s->range_kind == RangeKind::Slice) v = static_cast<SliceObj*>(x.o)->data()[i];
          else if (s->range_kind == RangeKind::Array) v = static_cast<AggObj*>(x.o)->v[size_t(i)];
          else v = static_cast<AggObj*>(deref(x).o)->v[size_t(i)];
        }
        assign_kv(&k, want_value ? &v : nullptr);
        bool stop;
        Ctl r = body(stop);
        if (stop) return r;
      }
      return Ctl::Normal;
    }
    case RangeKind::String: {
      Value x = eval(s->x);
      std::string sv(str(x));
      size_t i = 0;
      while (i < sv.size()) {
        Value k = Value::of_int(u.int_type, int64_t(i));
        Value v = Value::of_int(u.rune_type, decode_utf8(sv, i));
        assign_kv(&k, &v);
        bool stop;
        Ctl rr = body(stop);
        if (stop) return rr;
      }
      return Ctl::Normal;
    }
    case RangeKind::Map: {
      Value m = eval(s->x);
      if (!m.heap()) return Ctl::Normal;
      auto* mo = static_cast<MapObj*>(m.o);
      std::vector<Value> keys;
      keys.reserve(mo->m.size());
      for (auto& kv : mo->m) keys.push_back(kv.first);
      if (keys.size() > 1) {  // Go starts each range over a map at a random place
        std::lock_guard lk(I.rand_mu);
        std::rotate(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(I.map_rng() % keys.size()), keys.end());
      }
      for (const Value& k : keys) {
        auto it = mo->m.find(k);
        if (it == mo->m.end()) continue;
        Value v = it->second;
        assign_kv(&k, want_value ? &v : nullptr);
        bool stop;
        Ctl r = body(stop);
        if (stop) return r;
      }
      return Ctl::Normal;
    }
    case RangeKind::Chan: {
      Value ch = eval(s->x);
      for (;;) {
        bool ok = false;
        Value v = recv(ch, s->x->type, &ok);
        if (!ok) break;
        assign_kv(&v, nullptr);
        bool stop;
        Ctl r = body(stop);
        if (stop) return r;
      }
      return Ctl::Normal;
    }
    default: break;
  }
  throw rt::Panic("golite: unsupported range");
}

static bool eq_static(const Value& a, const Value& b, const Type* t) {
  Kind k = t ? t->ukind() : Kind::Invalid;
  if ((k >= Kind::Bool && k <= Kind::Uintptr)) return a.i == b.i;
  if (k == Kind::Float32 || k == Kind::Float64) return a.f == b.f;
  if (k == Kind::String) return str(a) == str(b);
  return values_equal(a, b);
}

Ctl Machine::exec_switch(const SwitchStmt* s) {
  if (s->init) exec(s->init);
  const Type* tt = s->tag ? typed(s->tag->type) : universe().bool_type;
  Value tag = s->tag ? eval(s->tag) : Value::of_bool(tt, true);
  int start = -1, def = -1;
  for (size_t i = 0; i < s->clauses.size() && start < 0; ++i) {
    const CaseClause* cc = s->clauses[i];
    if (cc->is_default || cc->list.empty()) {
      def = int(i);
      continue;
    }
    for (const Expr* x : cc->list) {
      Value v = eval_to(x, tt->is_interface() ? nullptr : tt);
      bool match = s->tag ? (tt->is_interface() ? values_equal(tag, v) : eq_static(tag, v, tt)) : v.i != 0;
      if (match) {
        start = int(i);
        break;
      }
    }
  }
  if (start < 0) start = def;
  if (start < 0) return Ctl::Normal;
  Ctl c = exec_block(s->clauses[size_t(start)]->body);
  while (c == Ctl::Fallthrough && size_t(start) + 1 < s->clauses.size()) {
    ++start;
    c = exec_block(s->clauses[size_t(start)]->body);
  }
  if (c == Ctl::Fallthrough) c = Ctl::Normal;
  if (c == Ctl::Break && (!branch_target_ || branch_target_ == s)) {
    branch_target_ = nullptr;
    return Ctl::Normal;
  }
  return c;
}

Ctl Machine::exec_type_switch(const TypeSwitchStmt* s) {
  if (s->init) exec(s->init);
  const Expr* xe = unparen(s->x);
  if (xe->kind == NodeKind::TypeAssertExpr) xe = static_cast<const TypeAssertExpr*>(xe)->x;
  Value x = eval(xe);
  int chosen = -1, def = -1;
  const Type* single = nullptr;
  for (size_t i = 0; i < s->clauses.size() && chosen < 0; ++i) {
    const CaseClause* cc = s->clauses[i];
    if (cc->is_default || cc->list.empty()) {
      def = int(i);
      continue;
    }
    for (const Expr* t : cc->list) {
      const Expr* te = unparen(t);
      bool is_nil = (te->kind == NodeKind::Ident && static_cast<const Ident*>(te)->ref == RefKind::Nil) ||
                    (te->type && te->type->kind == Kind::UntypedNil);
      bool match;
      if (is_nil) match = x.tb == 0;
      else if (te->type->is_interface()) match = x.tb != 0 && implements(x.type(), te->type);
      else match = x.tb != 0 && (x.type() == te->type || identical(x.type(), te->type));
      if (match) {
        chosen = int(i);
        if (cc->list.size() == 1 && !is_nil && !te->type->is_interface()) single = te->type;
        break;
      }
    }
  }
  if (chosen < 0) chosen = def;
  if (chosen < 0) return Ctl::Normal;
  const CaseClause* cc = s->clauses[size_t(chosen)];
  if (cc->type_switch_var) define(cc->type_switch_var, single ? copy_value(x) : x);
  Ctl c = exec_block(cc->body);
  if (c == Ctl::Break && (!branch_target_ || branch_target_ == s)) {
    branch_target_ = nullptr;
    return Ctl::Normal;
  }
  return c;
}

Ctl Machine::exec_select(const SelectStmt* s) {
  struct CaseData {
    const CommClause* cc = nullptr;
    const UnaryExpr* recv_expr = nullptr;
    Value ch;
    Value got;
    rt::Nanos tgot = 0;
    rt::Unit ugot;
    bool ok = false;
  };
  std::vector<CaseData> cd(s->clauses.size());
  std::vector<size_t> index_of_case;
  rt::Select sel;
  const CommClause* default_clause = nullptr;
  for (size_t i = 0; i < s->clauses.size(); ++i) {
    const CommClause* cc = s->clauses[i];
    CaseData& d = cd[i];
    d.cc = cc;
    if (!cc->comm) {
      default_clause = cc;
      sel.otherwise();
      continue;
    }
    if (cc->comm->kind == NodeKind::SendStmt) {
      auto* ss = static_cast<const SendStmt*>(cc->comm);
      d.ch = eval(ss->chan);
      Value v = copy_value(eval_to(ss->value, ss->chan->type->underlying()->elem));
      if (!d.ch.heap()) sel.send(rt::Chan<Value>(), std::move(v));
      else {
        auto* c = static_cast<ChanObj*>(d.ch.o);
        if (c->elem == ChanObj::Elem::Value) sel.send(c->ch, std::move(v));
        else sel.send(rt::Chan<Value>(), std::move(v));
      }
    } else {
      const Expr* rx = nullptr;
      if (cc->comm->kind == NodeKind::ExprStmt) rx = static_cast<const ExprStmt*>(cc->comm)->x;
      else if (cc->comm->kind == NodeKind::AssignStmt) rx = static_cast<const AssignStmt*>(cc->comm)->rhs[0];
      rx = unparen(rx);
      d.recv_expr = static_cast<const UnaryExpr*>(rx);
      d.ch = eval(d.recv_expr->x);
      if (!d.ch.heap()) {
        sel.recv(rt::Chan<Value>(), &d.got, &d.ok);
      } else {
        auto* c = static_cast<ChanObj*>(d.ch.o);
        switch (c->elem) {
          case ChanObj::Elem::Value: sel.recv(c->ch, &d.got, &d.ok); break;
          case ChanObj::Elem::Time: sel.recv(c->tch, &d.tgot, &d.ok); break;
          case ChanObj::Elem::Unit: sel.recv(c->uch, &d.ugot, &d.ok); break;
        }
      }
    }
    index_of_case.push_back(i);
  }
  int r = sel.run();
  const CommClause* cc = nullptr;
  if (r < 0) {
    cc = default_clause;
  } else {
    CaseData& d = cd[index_of_case[size_t(r)]];
    cc = d.cc;
    if (d.recv_expr && cc->comm->kind == NodeKind::AssignStmt) {
      auto* as = static_cast<const AssignStmt*>(cc->comm);
      const Type* et = d.recv_expr->x->type->underlying()->elem;
      Value v;
      auto* c = d.ch.heap() ? static_cast<ChanObj*>(d.ch.o) : nullptr;
      if (!c || c->elem == ChanObj::Elem::Value) v = d.ok ? d.got : zero_value(et);
      else if (c->elem == ChanObj::Elem::Time) v = Value::of_int(et, d.ok ? d.tgot : 0);
      else v = zero_value(et);
      Value okv = Value::of_bool(universe().bool_type, d.ok);
      for (size_t k = 0; k < as->lhs.size(); ++k) {
        Value& val = k == 0 ? v : okv;
        if (as->op == Op::Define && k < as->new_vars.size() && as->new_vars[k]) define(as->new_vars[k], val);
        else store(as->lhs[k], val);
      }
    }
  }
  if (!cc) return Ctl::Normal;
  Ctl c = exec_block(cc->body);
  if (c == Ctl::Break && (!branch_target_ || branch_target_ == s)) {
    branch_target_ = nullptr;
    return Ctl::Normal;
  }
  return c;
}

Ctl Machine::exec(const Stmt* s) {
  switch (s->kind) {
    case NodeKind::BlockStmt: return exec_block(static_cast<const BlockStmt*>(s)->stmts);
    case NodeKind::EmptyStmt: return Ctl::Normal;
    case NodeKind::LabeledStmt: return exec(static_cast<const LabeledStmt*>(s)->stmt);
    default: break;
  }
  rt::at_line(s->pos.line);
  switch (s->kind) {
    case NodeKind::ExprStmt: {
      const Expr* x = unparen(static_cast<const ExprStmt*>(s)->x);
      if (x->kind == NodeKind::CallExpr) {
        Value out[4];
        size_t nout = x->type && x->type->kind == Kind::Tuple ? std::min<size_t>(4, x->type->elems.size()) : 1;
        eval_call(static_cast<const CallExpr*>(x), out, nout);
      } else {
        eval(x);
      }
      return Ctl::Normal;
    }
    case NodeKind::SendStmt: {
      auto* ss = static_cast<const SendStmt*>(s);
      Value ch = eval(ss->chan);
      Value v = eval_to(ss->value, ss->chan->type->underlying()->elem);
      send(ch, std::move(v));
      return Ctl::Normal;
    }
    case NodeKind::IncDecStmt: {
      auto* st = static_cast<const IncDecStmt*>(s);
      const Expr* x = unparen(st->x);
      if (Value* p = local_slot(x); p && machine_int(x->type)) {  // i++ on a plain int local
        p->i = int64_t(st->inc ? uint64_t(p->i) + 1 : uint64_t(p->i) - 1);
        return Ctl::Normal;
      }
      const Type* t = typed(x->type);
      Value one = t->is_float() ? Value::of_float(t, 1) : Value::of_int(t, 1);
      if (x->kind == NodeKind::IndexExpr && static_cast<const IndexExpr*>(x)->x->type->ukind() == Kind::Map) {
        Value old = eval_index(static_cast<const IndexExpr*>(x), nullptr);
        store(x, arith(st->inc ? Op::Add : Op::Sub, old, one, t));
        return Ctl::Normal;
      }
      Value* p = local_slot(x);
      if (!p) p = place(x, nullptr);
      *p = arith(st->inc ? Op::Add : Op::Sub, *p, one, t);
      return Ctl::Normal;
    }
    case NodeKind::AssignStmt: return exec_assign(static_cast<const AssignStmt*>(s));
    case NodeKind::GoStmt: {
      auto* gs = static_cast<const GoStmt*>(s);
      std::vector<Value> args;
      Callee c = callee_of(gs->call, args);
      std::string name = c.name();
      std::shared_ptr<Interp> in = in_;
      rt::go(std::move(name), [in, c, args]() mutable {
        Machine m(in);
        m.run_goroutine(c, args);
      });
      return Ctl::Normal;
    }
    case NodeKind::DeferStmt: {
      auto* ds = static_cast<const DeferStmt*>(s);
      Deferred d;
      d.callee = callee_of(ds->call, d.args);
      d.line = s->pos.line;
      if (!fr_->defers) throw rt::Panic("golite: defer outside a function with defers");
      fr_->defers->push_back(std::move(d));
      return Ctl::Normal;
    }
    case NodeKind::ReturnStmt: return exec_return(static_cast<const ReturnStmt*>(s));
    case NodeKind::BranchStmt: {
      auto* b = static_cast<const BranchStmt*>(s);
      switch (b->branch) {
        case BranchKind::Break: branch_target_ = b->target; return Ctl::Break;
        case BranchKind::Continue: branch_target_ = b->target; return Ctl::Continue;
        case BranchKind::Fallthrough: return Ctl::Fallthrough;
        case BranchKind::Goto: throw rt::Panic("golite: goto is not supported");
      }
      return Ctl::Normal;
    }
    case NodeKind::IfStmt: {
      auto* is = static_cast<const IfStmt*>(s);
      if (is->init) exec(is->init);
      if (truth(is->cond)) return exec_block(is->then->stmts);
      if (is->else_) return exec(is->else_);
      return Ctl::Normal;
    }
    case NodeKind::SwitchStmt: return exec_switch(static_cast<const SwitchStmt*>(s));
    case NodeKind::TypeSwitchStmt: return exec_type_switch(static_cast<const TypeSwitchStmt*>(s));
    case NodeKind::SelectStmt: return exec_select(static_cast<const SelectStmt*>(s));
    case NodeKind::ForStmt: return exec_for(static_cast<const ForStmt*>(s));
    case NodeKind::RangeStmt: return exec_range(static_cast<const RangeStmt*>(s));
    case NodeKind::DeclStmt: exec_decl(static_cast<const DeclStmt*>(s)->decl); return Ctl::Normal;
    default: break;
  }
  throw rt::Panic("golite: unsupported statement");
}

}  // namespace poollab::golite
