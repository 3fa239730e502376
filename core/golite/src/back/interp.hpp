// The tree-walking evaluator: one Interp per run, one Machine per goroutine.
//
//   auto interp = std::make_shared<Interp>(program, options);
//   runtime.start("main.main", [interp] { Machine(interp).run_main(); });
#pragma once

#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "back/fmt.hpp"
#include "poollab/golite/ast.hpp"
#include "poollab/golite/front_end.hpp"
#include "poollab/golite/golite.hpp"
#include "poollab/golite/stdlib_decls.hpp"
#include "poollab/golite/value.hpp"

namespace poollab::golite {

// golite::Program: the checked tree, shared read-only by every run.
class Program {
 public:
  std::unique_ptr<CheckedProgram> checked;
  std::string filename;
  std::vector<ConstantInfo> constants;
  std::vector<FunctionInfo> functions;
};

// State shared by all goroutines of one run.
struct Interp {
  Interp(const Program& p, RunOptions o);
  ObjHeap heap;  // first member, so the last destroyed: its teardown frees the run's cycles
  const Program& prog;
  RunOptions opts;
  std::vector<Value> globals;
  std::mutex out_mu;
  void write_stdout(std::string_view s);
  void write_stderr(std::string_view s);

  std::mutex rand_mu;
  std::mt19937_64 rng;
  std::mt19937_64 map_rng;  // where each range over a map starts (apart from math/rand's stream)

  std::mutex sim_mu;
  int64_t sim_min = 100'000'000, sim_max = 500'000'000, sim_fail = 0;

  std::mutex sync_map_mu;  // every sync.Map of the run: its operations are short
  std::mutex keep_alive_mu;
  std::vector<Value> keep_alive;  // tickers of time.Tick live as long as the run
  size_t stack_limit = 0;
  Value ctx_canceled, ctx_deadline;
};

// Names a channel, WaitGroup or Mutex after the variable or field that first holds it
// (what the pool view and the event log call it); a channel keeps its first name.
void name_object(const Value& v, const std::string& name);

enum class Ctl : uint8_t { Normal, Break, Continue, Return, Fallthrough };

// What a call invokes: user code, a function value, a stdlib member or a builtin.
struct Callee {
  enum class K : uint8_t { User, FuncValue, Stdlib, Builtin } k = K::User;
  const FuncInfo* fi = nullptr;
  const BlockStmt* body = nullptr;
  Value func;  // FuncValue: the FuncObj (keeps captures alive)
  Member member = Member::Count;
  Builtin builtin = Builtin::None;
  const CallExpr* call = nullptr;
  std::string name() const;
};

struct Deferred {
  Callee callee;
  std::vector<Value> args;
  int line = 0;
};

struct PanicState {
  rt::Panic panic;
  Value value;
  int defer_depth = 0;  // depth of the deferred call allowed to recover
  bool recovered = false;
};

struct Frame {
  Value* slots = nullptr;
  const Value* caps = nullptr;
  std::vector<Deferred>* defers = nullptr;
  const FuncInfo* fi = nullptr;
};

class Machine final : public fmt::Hooks {
 public:
  explicit Machine(std::shared_ptr<Interp> in);
  ~Machine() override;
  void run_main();
  void run_goroutine(const Callee& c, std::vector<Value>& args);

  // Runs method m of the program (m.decl set) from native code: fmt's String and Error,
  // Fprint's Write. args[0] is the receiver, as method_receiver gives it.
  void call_from_native(const Method& m, Value* args, size_t nargs, Value* results, size_t nresults);
  bool call_string_method(const Value& recv, const Method& m, const std::vector<int>& path,
                          std::string& out) override;
  // The receiver to pass when calling m on x: x itself, its pointee for a value method
  // called through a pointer, or the embedded field reached by `path` (a pointer to it
  // for pointer methods) when m is promoted.
  Value method_receiver(const Value& x, const Method& m, const std::vector<int>& path);
  // Dynamic dispatch of x.name(): the method and its receiver, following methods promoted
  // from embedded interface fields to the dynamic value inside. False if x has none.
  bool dispatch(const Value& x, const std::string& name, const Method*& m, Value& recv);
  // The value of the embedded field reached by `path` from x (a struct or a pointer to one).
  Value embedded_field(const Value& x, const std::vector<int>& path);
  // For an interface method selector x.name: the interface value it dispatches on (x, or
  // the embedded interface field the method is promoted from) and the method's name.
  Value interface_value(const SelectorExpr* s, const std::string*& name);

  // ---- used by the standard library ----
  Interp& in() { return *in_; }
  const std::shared_ptr<Interp>& interp_ptr() const { return in_; }
  void call_value(const Value& fn, std::vector<Value>& args, Value* out, size_t nout);
  [[noreturn]] void runtime_panic(const std::string& text);
  // A runtime.Error whose text has no "runtime error: " prefix (Go's plainError).
  [[noreturn]] void plain_runtime_panic(const std::string& text);
  [[noreturn]] void nil_dereference();  // Go's nil pointer dereference panic
  Value make_error(std::string msg, const Type* t = nullptr);

 private:
  friend struct Stdlib;
  std::shared_ptr<Interp> in_;
  ObjHeap::Scope heap_scope_;  // what this goroutine makes joins the run's heap
  Interp& I;
  const Type* const int_t_;   // universe's int and bool, kept at hand for the hot paths
  const Type* const bool_t_;
  char* stack_base_;
  Frame* fr_ = nullptr;
  int depth_ = 0;
  const Stmt* branch_target_ = nullptr;
  PanicState* panicking_ = nullptr;
  std::vector<std::vector<Value>> arg_pool_;  // reusable argument vectors (see PooledArgs)

  // calls
  void call_user(const FuncInfo& fi, const BlockStmt* body, const Value* caps, Value* args, size_t nargs,
                 Value* out, size_t nout);
  // Runs a user function whose frame `slots` already holds its receiver and arguments.
  void run_frame(const FuncInfo& fi, const BlockStmt* body, const Value* caps, Value* slots, Value* out, size_t nout);
  void invoke(const Callee& c, Value* args, size_t nargs, Value* out, size_t nout);
  void run_defers(std::vector<Deferred>& defers, std::unique_ptr<PanicState>& ps);
  Callee callee_of(const CallExpr* call, std::vector<Value>& args);
  void eval_args(const CallExpr* call, size_t first_param, std::vector<Value>& args);
  void eval_call(const CallExpr* call, Value* out, size_t nout);
  // A call with CallExpr::direct set: arguments are evaluated straight into the callee's frame.
  void call_direct(const CallExpr* call, Value* out, size_t nout);
  void call_builtin(const CallExpr* call, Builtin b, Value* args, size_t nargs, Value* out);
  void call_stdlib(Member m, const CallExpr* call, Value* args, size_t nargs, Value* out, size_t nout);
  Value convert(const Value& v, const Type* from, const Type* to);

  // expressions
  Value eval(const Expr* e);
  void fill_struct(const CompositeLit* e, const Type* u, AggObj* a);  // a struct literal's fields
  bool truth(const Expr* e);  // a boolean condition
  Value eval_to(const Expr* e, const Type* target) {
    if (e->kind == NodeKind::BinaryExpr) {
      if (static_cast<const BinaryExpr*>(e)->int_result) return int_binary(static_cast<const BinaryExpr*>(e));
    } else if (e->kind == NodeKind::Ident) {
      if (const Value* v = plain_local(e)) return *v;
    }
    if (!e->cv && e->kind != NodeKind::Ident) return eval(e);
    return eval_to_slow(e, target);
  }
  // The slot of a plain (not boxed) local variable named by e, or null.
  Value* plain_local(const Expr* e) {
    auto* id = static_cast<const Ident*>(e);
    if (id->ref != RefKind::Local || id->var->captured) return nullptr;
    return &fr_->slots[id->index];
  }
  Value eval_to_slow(const Expr* e, const Type* target);
  // An int or int64 operand of a BinaryExpr with int_result set.
  int64_t int_operand(const Expr* e, const Type* t) {
    if (e->cv) {
      if (e->cv->kind == ConstValue::Kind::Int) return e->cv->i;
    } else if (e->kind == NodeKind::Ident) {
      auto* id = static_cast<const Ident*>(e);
      if (id->ref == RefKind::Local && !id->var->captured) return fr_->slots[id->index].i;
    }
    return int_operand_slow(e, t);
  }
  int64_t int_operand_slow(const Expr* e, const Type* t);
  Value int_binary(const BinaryExpr* e);
  // The slot of a plain (not boxed) local variable named by e, or null.
  Value* local_slot(const Expr* e) {
    if (e->kind != NodeKind::Ident) return nullptr;
    auto* id = static_cast<const Ident*>(e);
    if (id->ref != RefKind::Local || id->var->captured) return nullptr;
    return &fr_->slots[id->index];
  }
  void eval_multi(const Expr* e, std::vector<Value>& out);
  Value const_value(const ConstValue& cv, const Type* t);
  Value* place(const Expr* e, Obj** owner);
  Value address_of(const Expr* e, const Type* pointer_type);
  Value eval_binary(const BinaryExpr* e);
  Value arith(Op op, const Value& a, const Value& b, const Type* t);
  Value eval_unary(const UnaryExpr* e);
  Value eval_index(const IndexExpr* e, bool* ok);
  Value eval_slice(const SliceExpr* e);
  Value eval_selector(const SelectorExpr* e);
  Value eval_composite(const CompositeLit* e);
  Value eval_type_assert(const TypeAssertExpr* e, bool* ok);
  Value func_value(const FuncDecl* d);
  Value recv(const Value& ch, const Type* chan_type, bool* ok);
  void send(const Value& ch, Value v);
  Value deref(const Value& p);
  Value load_var(const Var* v);
  Value& slot_ref(const Ident* id);
  Value method_receiver(const SelectorExpr* sel);

  // statements
  Ctl exec(const Stmt* s);
  Ctl exec_block(const std::vector<Stmt*>& stmts);
  Ctl exec_assign(const AssignStmt* s);
  Ctl exec_for(const ForStmt* s);
  Ctl exec_range(const RangeStmt* s);
  Ctl exec_switch(const SwitchStmt* s);
  Ctl exec_type_switch(const TypeSwitchStmt* s);
  Ctl exec_select(const SelectStmt* s);
  Ctl exec_return(const ReturnStmt* s);
  void exec_decl(const GenDecl* d);
  void store(const Expr* lhs, Value v);
  void define(Var* var, Value v);
  Ctl loop_ctl(Ctl c, const Stmt* loop, bool& stop);
  void stack_check() {
    auto* here = static_cast<char*>(__builtin_frame_address(0));
    if (stack_base_ - here > static_cast<ptrdiff_t>(I.stack_limit)) stack_overflow();
  }
  [[noreturn]] void stack_overflow();
};

// Visits the indices of `xs` in the order gc evaluates an operand list: when
// `calls_first`, the operands holding a call or receive first (left to right), then the
// plain ones; otherwise left to right.
//
//   in_go_order(call->args, call->calls_first, [&](size_t i) { vals[i] = eval(call->args[i]); });
template <class Visit>
void in_go_order(const std::vector<Expr*>& xs, bool calls_first, Visit visit) {
  if (!calls_first) {
    for (size_t i = 0; i < xs.size(); ++i) visit(i);
    return;
  }
  for (size_t i = 0; i < xs.size(); ++i)
    if (xs[i]->has_call) visit(i);
  for (size_t i = 0; i < xs.size(); ++i)
    if (!xs[i]->has_call) visit(i);
}

// True when some plain operand precedes one with a call: only then does gc's order differ.
inline bool needs_calls_first(const std::vector<Expr*>& xs) {
  bool plain_before = false;
  for (const Expr* x : xs) {
    if (!x) continue;
    if (x->has_call && plain_before) return true;
    if (!x->has_call) plain_before = true;
  }
  return false;
}

// Go's int arithmetic: wrap a result to the size of integer kind k.
int64_t wrap_int(int64_t v, Kind k);
// Byte size of a Go type (for append's capacity growth).
int64_t go_sizeof(const Type* t);
// Go's new capacity when appending to a slice of cap old_cap needing `needed` elements.
int64_t grow_cap(int64_t old_cap, int64_t needed, int64_t elem_size);

// Mark variables whose address is taken so they live in heap boxes.
void mark_address_taken(const CheckedProgram& prog);

}  // namespace poollab::golite
