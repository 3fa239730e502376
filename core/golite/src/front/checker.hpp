// The type checker: resolves names, computes types and constants, assigns frame
// slots, and reports Go's compile errors in Go's words.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "poollab/golite/ast.hpp"
#include "poollab/golite/front_end.hpp"
#include "poollab/golite/golite.hpp"
#include "poollab/golite/stdlib_decls.hpp"
#include "poollab/golite/types.hpp"

namespace poollab::golite::front {

struct Package;

// What a name denotes in a scope.
struct Object {
  enum class K : uint8_t { Var, Const, TypeName, Func, Builtin, Package, Nil } k = K::Var;
  Pos pos;
  std::string name;
  Var* var = nullptr;                // Var
  const Type* type = nullptr;        // Const, TypeName (once resolved)
  std::optional<ConstValue> cv;      // Const (once evaluated)
  FuncDecl* func = nullptr;          // Func
  Builtin builtin = Builtin::None;   // Builtin
  const Package* package = nullptr;  // Package
  ImportSpec* import = nullptr;      // Package: the import that bound it
  int member = -1;                   // stdlib member id of a func or var
  // Package-level declarations are resolved on first use.
  enum class State : uint8_t { Done, Unresolved, Resolving } state = State::Done;
  ValueSpec* spec = nullptr;         // Const / global Var
  int spec_index = 0;
  TypeSpec* tspec = nullptr;         // TypeName
};

// A checked package: the main program or a stdlib package.
struct Package {
  std::string path;  // "math/rand"
  std::string name;  // "rand"
  std::unordered_map<std::string, Object> members;
  std::unique_ptr<File> file;
  std::unique_ptr<TypeArena> arena;
};

// The stdlib package with this import path, checked once per process; null if unsupported.
const Package* stdlib_package(const std::string& path);

class Checker {
 public:
  Checker(File& file, TypeArena& arena, std::vector<Diagnostic>& errors, std::string pkg_path, bool stdlib);
  // Check the whole file. `out` (may be null for stdlib packages) receives globals and functions.
  void check(CheckedProgram* out);
  std::unordered_map<std::string, Object>& package_scope() { return pkg_scope_; }

 private:
  friend struct ScopeGuard;
  // ------------------------------------------------ state
  File& file_;
  TypeArena& arena_;
  Universe& u_;
  std::vector<Diagnostic>& errors_;
  std::string pkg_path_;
  std::string pkg_name_;
  bool stdlib_;
  CheckedProgram* out_ = nullptr;
  std::unordered_map<std::string, Object> pkg_scope_;
  std::unordered_map<std::string, Object> file_scope_;  // imports
  std::vector<std::unordered_map<std::string, Object>> scopes_;  // local block scopes, innermost last
  std::vector<Var*> globals_;

  struct FuncCtx {
    FuncInfo* info = nullptr;
    const Type* sig = nullptr;
    FuncCtx* parent = nullptr;
    std::unordered_map<const Var*, int> capture_index;
    std::vector<Var*> locals;  // for "declared and not used"
    int closure_count = 0;
    std::string base_name;     // "main.main" for naming closures funcN
    bool is_closure = false;   // a func literal: its literals are named .1, .2
  };
  FuncCtx* fn_ = nullptr;
  int iota_ = -1;  // inside a const spec: the value of iota
  int global_closures_ = 0;  // func literals in package-level initialisers (main.init.funcN)

  struct Label {
    Ident* ident = nullptr;
    Stmt* stmt = nullptr;
    bool used = false;
  };
  std::vector<std::unordered_map<std::string, Label>> labels_;  // per function
  // Enclosing breakable/continuable statements, innermost last.
  struct Target {
    Stmt* stmt;
    bool loop;
    const Ident* label;
  };
  std::vector<Target> targets_;

  // ------------------------------------------------ errors
  void error(Pos pos, const std::string& msg);
  std::string ts(const Type* t) const { return type_string(t, pkg_name_); }
  std::string describe(const Expr* e) const;  // "x (variable of type int)"
  static bool invalid(const Type* t) { return !t || t->kind == Kind::Invalid; }

  // ------------------------------------------------ scopes
  void push_scope() { scopes_.emplace_back(); }
  void pop_scope();
  const Object* lookup(const std::string& name, bool* is_local = nullptr);
  void declare_local(Ident* id, Object obj);
  Var* new_local(Ident* id, const Type* type);

  // ------------------------------------------------ declarations
  void collect();
  void declare_pkg(Ident* id, Object obj);
  void resolve_object(Object& obj);
  const Type* resolve_type_spec(Object& obj);
  void const_spec(ValueSpec& spec, int index, Object* out);
  void check_const_decl(GenDecl* d, bool local);
  void check_var_spec(ValueSpec& spec, bool local);
  void check_type_decl(GenDecl* d, bool local);
  void resolve_global_var(Object& obj);
  void attach_methods();
  const Type* func_sig(FuncType* ft, FieldDecl* recv);
  void check_func_body(FuncDecl* f);
  void check_body(FuncInfo* info, const Type* sig, FuncType* ft, FieldDecl* recv, BlockStmt* body, Pos end);
  std::unordered_map<const ValueSpec*, int> spec_state_;  // 1 = checking, 2 = done
  std::vector<std::pair<Ident*, Object>> pending_consts_;
  bool lhs_mode_ = false;  // resolving an assignment target: not a "use"
  bool fallthrough_ok_ = false;  // checking the body of a switch clause
  const Ident* pending_label_ = nullptr;  // label of the statement being checked
  const Ident* take_label();

  // ------------------------------------------------ types
  const Type* resolve_type(Expr* e);
  const Type* type_or_null(Expr* e);  // null (no error) when e is not a type
  int64_t array_length(Expr* len);

  // ------------------------------------------------ expressions
  // Check e; result may be untyped, a tuple, or invalid. allow_type: e may denote a type.
  void expr(Expr* e, bool allow_type = false, const Type* hint = nullptr);
  // Check e as a single value (not a tuple, not a type, not void).
  void value(Expr* e, const Type* hint = nullptr);
  void ident(Ident* id, bool allow_type);
  void selector(SelectorExpr* s, bool allow_type);
  void call(CallExpr* c, bool allow_type);
  void slices_call(CallExpr* c, Member m);
  void builtin_call(CallExpr* c, Builtin b);
  void conversion(CallExpr* c, const Type* target);
  void binary(BinaryExpr* b);
  void unary(UnaryExpr* u);
  void composite(CompositeLit* c, const Type* hint);
  void func_lit(FuncLit* f);
  void index(IndexExpr* ix);
  void slice_expr(SliceExpr* s);
  void type_assert(TypeAssertExpr* t);
  void check_args(CallExpr* c, const Type* sig, const std::string& fname);

  // Convert an untyped e to target (representability, default types); false on error (reported).
  bool convert_untyped(Expr* e, const Type* target);
  void set_type_deep(Expr* e, const Type* t);
  void default_type(Expr* e);
  // default_type, first checking the default type holds a constant: false (reported in
  // Go's words for `context`) when it overflows, e.g. x := 1 << 63.
  bool default_type_in(Expr* e, const std::string& context);
  // Assignment of e to a variable of type t; context: "assignment", "argument to f", ...
  bool assign(Expr* e, const Type* t, const std::string& context);
  bool representable(ConstValue& cv, const Type* t, bool& truncated);
  bool is_addressable(const Expr* e) const;
  void mark_used(Expr* e);
  void mark_address_taken(Expr* e);
  // Result of converting an untyped operand to a type.
  enum class Conv { Ok, Incompatible, Truncated, Overflows };
  Conv try_convert_untyped(Expr* e, const Type* target);
  // Both operands of a binary operation to a common type; false when mismatched (not reported).
  bool match_types(Expr* x, Expr* y);
  bool untyped_misfit(Expr* x, Expr* y);
  std::string const_string(const ConstValue& cv) const;

  // ------------------------------------------------ statements
  void stmt_list(const std::vector<Stmt*>& list);
  void stmt(Stmt* s);
  void assign_stmt(AssignStmt* a);
  void define(AssignStmt* a);
  bool single_call_mismatch(Expr* e);
 public:
  std::vector<const Type*> spread(Expr* e, size_t n);  // one expression over n targets
 private:
  void lhs_assign(Expr* lhs, Expr* rhs, const Type* rhs_type);
  void return_stmt(ReturnStmt* r);
  void if_stmt(IfStmt* s);
  void for_stmt(ForStmt* f);
  void range_stmt(RangeStmt* r);
  void switch_stmt(SwitchStmt* s);
  void type_switch(TypeSwitchStmt* s);
  void select_stmt(SelectStmt* s);
  void branch(BranchStmt* b);
  std::string multiple_defaults(const Stmt* first) const;
  void go_defer(CallExpr* c, bool is_go);
  void expr_stmt(ExprStmt* s);
  void inc_dec(IncDecStmt* s);
  void send(SendStmt* s);
  void collect_labels(const std::vector<Stmt*>& list);
  bool terminating(const Stmt* s, const std::string& label = "");
  bool has_break(const Stmt* s, const Stmt* target, bool implicit);
  void report_unused();
};

}  // namespace poollab::golite::front
