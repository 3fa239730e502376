// golite's syntax tree, annotated in place by the checker.
//
//   const File& f = *checked.file;
//   for (const Decl* d : f.decls)
//     if (d->kind == NodeKind::FuncDecl) { auto* fn = static_cast<const FuncDecl*>(d); ... }
//
// Every node carries its source position. Nodes are owned by the File's arena and
// refer to each other with plain pointers. Dispatch is on `kind` (switch +
// static_cast), never on RTTI. After checking, every expression has `type` set,
// constants have `cv`, identifiers are resolved (`Ident::ref`), and every local
// variable has a frame slot, so the evaluator never looks a name up at run time.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "poollab/golite/types.hpp"

namespace poollab::golite {

struct Pos {
  int line = 0;
  int col = 0;
};

// ---------------------------------------------------------------- constants

// Integer constants are kept in 128 bits: enough for every int64 and uint64 value and
// for the untyped arithmetic between them (1<<63 - 1, 1<<64 - 1), with overflow past it
// reported by the checker. (Go's own limit is 512 bits; lessons never come near.)
__extension__ typedef __int128 ConstInt;  // (__extension__: a GCC/Clang type -Wpedantic accepts)
__extension__ typedef unsigned __int128 ConstUInt;

// Decimal text of a ConstInt (std::to_string has no 128-bit overload).
inline std::string const_int_string(ConstInt v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  ConstUInt u = neg ? ConstUInt(0) - static_cast<ConstUInt>(v) : static_cast<ConstUInt>(v);
  std::string s;
  for (; u != 0; u /= 10) s.insert(s.begin(), char('0' + int(u % 10)));
  return neg ? "-" + s : s;
}

// An exact constant value.
struct ConstValue {
  enum class Kind : uint8_t { Bool, Int, Float, String } kind = Kind::Int;
  bool b = false;
  ConstInt i = 0;
  double f = 0;
  std::string s;

  static ConstValue of_bool(bool v) { ConstValue c; c.kind = Kind::Bool; c.b = v; return c; }
  static ConstValue of_int(ConstInt v) { ConstValue c; c.kind = Kind::Int; c.i = v; return c; }
  static ConstValue of_float(double v) { ConstValue c; c.kind = Kind::Float; c.f = v; return c; }
  static ConstValue of_string(std::string v) { ConstValue c; c.kind = Kind::String; c.s = std::move(v); return c; }
  double as_float() const { return kind == Kind::Int ? double(i) : f; }
};

// ---------------------------------------------------------------- variables

struct FuncInfo;

// A variable: a local (frame slot), a global, a parameter or a named result.
struct Var {
  std::string name;
  Pos pos;
  const Type* type = nullptr;
  bool global = false;
  int index = -1;              // local: slot in its function's frame; global: index into the globals
  const FuncInfo* owner = nullptr;  // local: the function whose frame holds it
  bool captured = false;       // referenced by a closure or its address taken (&x, x.PtrMethod()): the slot holds a heap box
  bool per_iteration = false;  // a for-loop variable (Go 1.22): a fresh copy per iteration
  bool used = false;           // checker bookkeeping ("declared and not used")
};

// Where a closure gets one captured variable from, in its enclosing function.
struct CaptureSource {
  bool from_capture = false;  // false: enclosing frame slot `index` (holds a box);
  int index = -1;             // true: enclosing closure's capture `index`
  Var* var = nullptr;
};

// Everything the evaluator needs to build a frame for a function or closure.
struct FuncInfo {
  std::string go_name;         // as Go's tracebacks name it: "main.worker", "main.main.func1", "main.(*Pool).Submit"
  int num_slots = 0;           // frame size (params, results, locals)
  Var* recv = nullptr;         // receiver, if a method
  std::vector<Var*> params;    // in order; a variadic last param holds a slice
  std::vector<Var*> results;   // named results, or synthetic unnamed ones (name "")
  bool named_results = false;  // bare `return` returns `results`
  std::vector<CaptureSource> captures;  // FuncLit: how to fill its captures when the literal is evaluated
  bool has_defer = false;
  const FuncInfo* parent = nullptr;  // enclosing function of a FuncLit
  int closure_count = 0;       // checker bookkeeping (funcN naming)
};

// ---------------------------------------------------------------- nodes

enum class NodeKind : uint8_t {
  // expressions
  BadExpr,
  Ident,
  BasicLit,
  CompositeLit,
  FuncLit,
  ParenExpr,
  SelectorExpr,
  IndexExpr,
  SliceExpr,
  TypeAssertExpr,
  CallExpr,
  StarExpr,
  UnaryExpr,
  BinaryExpr,
  KeyValueExpr,
  // type expressions
  ArrayType,  // [N]T, [...]T, and []T (len == nullptr, slice = true)
  MapType,
  ChanType,
  FuncType,
  StructType,
  InterfaceType,
  Ellipsis,  // ...T in a parameter list
  // statements
  BadStmt,
  DeclStmt,
  EmptyStmt,
  LabeledStmt,
  ExprStmt,
  SendStmt,
  IncDecStmt,
  AssignStmt,
  GoStmt,
  DeferStmt,
  ReturnStmt,
  BranchStmt,
  BlockStmt,
  IfStmt,
  CaseClause,
  SwitchStmt,
  TypeSwitchStmt,
  CommClause,
  SelectStmt,
  ForStmt,
  RangeStmt,
  // declarations
  ImportDecl,
  GenDecl,  // var, const, type
  FuncDecl,
};

struct Node {
  NodeKind kind;
  Pos pos;
  explicit Node(NodeKind k) : kind(k) {}
  virtual ~Node() = default;
};

// Tokens used as operators in the tree.
enum class Op : uint8_t {
  None,
  Add, Sub, Mul, Quo, Rem,              // + - * / %
  And, Or, Xor, Shl, Shr, AndNot,       // & | ^ << >> &^
  LAnd, LOr,                            // && ||
  Eql, Neq, Lss, Leq, Gtr, Geq,         // == != < <= > >=
  Not,                                  // !
  Arrow,                                // <- (unary receive)
  Assign, Define,                       // = :=
  Inc, Dec,                             // ++ --
};
const char* op_string(Op op);

// ---------------------------------------------------------------- expressions

struct Expr : Node {
  using Node::Node;
  const Type* type = nullptr;         // checker: the expression's type (for a type expression: the denoted type)
  std::optional<ConstValue> cv;       // checker: value when the expression is constant
  bool is_type_expr = false;          // checker: the expression denotes a type
  bool addressable = false;           // checker
  // evaluator's preparation pass: a call, a receive, && or || is inside. gc evaluates
  // such operands of an operand list first and the plain ones (variables, fields,
  // arithmetic on them) after, so the plain ones see what the calls did.
  bool has_call = false;
};

struct BadExpr : Expr { BadExpr() : Expr(NodeKind::BadExpr) {} };

// What an identifier denotes, resolved by the checker.
enum class RefKind : uint8_t {
  None,      // unresolved (errors) or the blank identifier `_`
  Local,     // var: frame slot `index` (a box if var->captured)
  Capture,   // var captured from an enclosing function: closure capture `index` (always a box)
  Global,    // var: global `index`
  Const,     // constant: Expr::cv
  TypeName,  // a type: Expr::type
  Func,      // top-level function: `func`
  Builtin,   // builtin function: `builtin`
  Package,   // an imported package name (only as SelectorExpr::x)
  Nil,       // the predeclared nil
};

enum class Builtin : uint8_t {
  None, Append, Cap, Clear, Close, Copy, Delete, Len, Make, Max, Min, New, Panic, Print, Println, Recover,
};

struct FuncDecl;

struct Ident : Expr {
  std::string name;
  RefKind ref = RefKind::None;
  int index = -1;                  // Local/Capture/Global index
  Var* var = nullptr;              // Local/Capture/Global
  const FuncDecl* func = nullptr;  // Func
  Builtin builtin = Builtin::None; // Builtin
  std::string package;             // Package: the import path ("math/rand")
  Ident() : Expr(NodeKind::Ident) {}
};

enum class LitKind : uint8_t { Int, Float, Imag, Char, String };

struct BasicLit : Expr {
  LitKind lit = LitKind::Int;
  std::string raw;  // source text, e.g. "1_000", "'\\n'", "`raw`"
  BasicLit() : Expr(NodeKind::BasicLit) {}
};

struct KeyValueExpr : Expr {
  Expr* key = nullptr;
  Expr* value = nullptr;
  KeyValueExpr() : Expr(NodeKind::KeyValueExpr) {}
};

// When `type` (set by the checker) is a pointer *T, the literal is an elided
// &T{...} inside an outer literal such as []*Job{{ID: 1}}.
struct CompositeLit : Expr {
  Expr* type_expr = nullptr;  // nullptr when elided inside an outer literal
  std::vector<Expr*> elts;    // values or KeyValueExpr
  Pos rbrace;
  // checker: Struct literal: field index per element (in elts order).
  // Array/slice literal: element index per element. Map: unused.
  std::vector<int64_t> indices;
  int64_t length = 0;  // checker: array/slice literal length (max index + 1)
  bool calls_first = false;  // evaluator's preparation: see Expr::has_call (not for maps)
  CompositeLit() : Expr(NodeKind::CompositeLit) {}
};

struct FuncType;
struct BlockStmt;

struct FuncLit : Expr {
  FuncType* sig = nullptr;
  BlockStmt* body = nullptr;
  FuncInfo info;  // checker
  FuncLit() : Expr(NodeKind::FuncLit) {}
};

struct ParenExpr : Expr {
  Expr* x = nullptr;
  ParenExpr() : Expr(NodeKind::ParenExpr) {}
};

// What x.sel turned out to be.
enum class SelKind : uint8_t {
  None,
  Field,          // struct field: `path` (field indices, through embedded fields); auto-deref pointers
  Method,         // method value or call on a named type: `method`; a non-empty `path`
                  // first selects the embedded field whose method is promoted (s.Lock() on struct{ sync.Mutex })
  InterfaceMethod,// dynamic dispatch: `method_index` into the interface's sorted imethods
  PackageMember,  // pkg.Name: `member` (a stdlib Member id), or a package type/const (Expr::type/cv)
};

struct SelectorExpr : Expr {
  Expr* x = nullptr;
  std::string sel;
  Pos sel_pos;
  SelKind sel_kind = SelKind::None;
  std::vector<int> path;          // Field: field indices from x's struct; embedded steps included
  bool deref = false;             // Field/Method: x is a pointer that is dereferenced first
  const Method* method = nullptr; // Method
  const Type* recv_named = nullptr; // Method: the named type declaring it
  bool take_addr = false;         // Method: pointer receiver called on addressable value (&x).M()
  int method_index = -1;          // InterfaceMethod
  const Type* iface = nullptr;    // InterfaceMethod promoted from an embedded interface field (reached by
                                  // `path`): the interface method_index indexes; else x's own type
  int member = -1;                // PackageMember: stdlib_decls.hpp Member id (-1 for types/consts)
  SelectorExpr() : Expr(NodeKind::SelectorExpr) {}
};

struct IndexExpr : Expr {
  Expr* x = nullptr;
  Expr* index = nullptr;
  Pos rbrack;
  bool comma_ok = false;  // checker: `v, ok := m[k]`
  IndexExpr() : Expr(NodeKind::IndexExpr) {}
};

struct SliceExpr : Expr {
  Expr* x = nullptr;
  Expr* lo = nullptr;
  Expr* hi = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
  SliceExpr() : Expr(NodeKind::SliceExpr) {}
};

struct TypeAssertExpr : Expr {
  Expr* x = nullptr;
  Expr* type_expr = nullptr;  // nullptr for x.(type) in a type switch
  bool comma_ok = false;      // checker: `v, ok := x.(T)`
  TypeAssertExpr() : Expr(NodeKind::TypeAssertExpr) {}
};

// What a call turned out to be.
enum class CallKind : uint8_t {
  None,
  Conversion,  // T(x): `type` is T
  Builtin,     // fun is an Ident with ref Builtin (possibly parenthesised)
  Func,        // call of a func value or top-level function
  Method,      // fun is a SelectorExpr with SelKind::Method
  Interface,   // fun is a SelectorExpr with SelKind::InterfaceMethod
  Stdlib,      // fun is a SelectorExpr with SelKind::PackageMember, or a stdlib method (Method with member >= 0)
};

struct CallExpr : Expr {
  Expr* fun = nullptr;
  std::vector<Expr*> args;
  bool has_ellipsis = false;  // f(xs...)
  Pos lparen;
  Pos rparen;
  CallKind call_kind = CallKind::None;
  // checker: the callee's signature (Kind::Func); for builtins and conversions, nullptr.
  const Type* sig = nullptr;
  // checker: f(g()) where g returns several values spread into the arguments.
  bool spread_tuple = false;
  // evaluator's preparation pass: a plain call of this top-level function (not variadic, no spread).
  const FuncDecl* direct = nullptr;
  bool calls_first = false;  // evaluator's preparation: see Expr::has_call
  CallExpr() : Expr(NodeKind::CallExpr) {}
};

struct StarExpr : Expr {  // *x: dereference, or pointer type
  Expr* x = nullptr;
  StarExpr() : Expr(NodeKind::StarExpr) {}
};

struct UnaryExpr : Expr {  // + - ! ^ & <-
  Op op = Op::None;
  Expr* x = nullptr;
  bool comma_ok = false;  // checker: `v, ok := <-ch`
  UnaryExpr() : Expr(NodeKind::UnaryExpr) {}
};

struct BinaryExpr : Expr {
  Op op = Op::None;
  Expr* x = nullptr;
  Expr* y = nullptr;
  Pos op_pos;
  // evaluator's preparation pass: set when this is + - * / % or a comparison on int or
  // int64 operands, so the evaluator computes it on raw integers. `int_result` is the
  // result's type, `int_operand` the operands'.
  const Type* int_result = nullptr;
  const Type* int_operand = nullptr;
  bool y_first = false;  // evaluator's preparation: y holds a call and x does not (see Expr::has_call)
  BinaryExpr() : Expr(NodeKind::BinaryExpr) {}
};

// ---------------------------------------------------------------- type expressions

struct ArrayType : Expr {
  Expr* len = nullptr;  // nullptr for a slice; Ellipsis for [...]T
  bool slice = false;
  Expr* elem = nullptr;
  ArrayType() : Expr(NodeKind::ArrayType) {}
};

struct MapType : Expr {
  Expr* key = nullptr;
  Expr* value = nullptr;
  MapType() : Expr(NodeKind::MapType) {}
};

struct ChanType : Expr {
  ChanDir dir = ChanDir::Both;
  Expr* elem = nullptr;
  ChanType() : Expr(NodeKind::ChanType) {}
};

struct Ellipsis : Expr {
  Expr* elem = nullptr;  // nullptr in [...]T
  Ellipsis() : Expr(NodeKind::Ellipsis) {}
};

// A field in a struct, a parameter group, or an interface method.
struct FieldDecl {
  Pos pos;
  std::vector<Ident*> names;  // empty: anonymous parameter or embedded field
  Expr* type = nullptr;       // for an interface method: a FuncType
  std::string tag;
};

struct FuncType : Expr {
  std::vector<FieldDecl> params;
  std::vector<FieldDecl> results;
  FuncType() : Expr(NodeKind::FuncType) {}
};

struct StructType : Expr {
  std::vector<FieldDecl> fields;
  StructType() : Expr(NodeKind::StructType) {}
};

struct InterfaceType : Expr {
  std::vector<FieldDecl> methods;  // names.size()==1 && type is FuncType: a method; else an embedded interface
  InterfaceType() : Expr(NodeKind::InterfaceType) {}
};

// ---------------------------------------------------------------- statements

struct Stmt : Node {
  using Node::Node;
};

struct BadStmt : Stmt { BadStmt() : Stmt(NodeKind::BadStmt) {} };
struct EmptyStmt : Stmt { EmptyStmt() : Stmt(NodeKind::EmptyStmt) {} };

struct GenDecl;
struct DeclStmt : Stmt {
  GenDecl* decl = nullptr;
  DeclStmt() : Stmt(NodeKind::DeclStmt) {}
};

struct LabeledStmt : Stmt {
  Ident* label = nullptr;
  Stmt* stmt = nullptr;
  LabeledStmt() : Stmt(NodeKind::LabeledStmt) {}
};

struct ExprStmt : Stmt {
  Expr* x = nullptr;
  ExprStmt() : Stmt(NodeKind::ExprStmt) {}
};

struct SendStmt : Stmt {
  Expr* chan = nullptr;
  Expr* value = nullptr;
  SendStmt() : Stmt(NodeKind::SendStmt) {}
};

struct IncDecStmt : Stmt {
  Expr* x = nullptr;
  bool inc = true;
  IncDecStmt() : Stmt(NodeKind::IncDecStmt) {}
};

struct AssignStmt : Stmt {
  std::vector<Expr*> lhs;
  std::vector<Expr*> rhs;
  Op op = Op::Assign;     // Assign, Define, or the binary op of `op=` (Add for +=)
  Pos op_pos;
  // checker, for Define: the variable each lhs declares, or nullptr when it
  // reuses an existing variable (or is `_`).
  std::vector<Var*> new_vars;
  bool calls_first = false;  // evaluator's preparation: see Expr::has_call (rhs)
  AssignStmt() : Stmt(NodeKind::AssignStmt) {}
};

struct GoStmt : Stmt {
  CallExpr* call = nullptr;
  GoStmt() : Stmt(NodeKind::GoStmt) {}
};

struct DeferStmt : Stmt {
  CallExpr* call = nullptr;
  DeferStmt() : Stmt(NodeKind::DeferStmt) {}
};

struct ReturnStmt : Stmt {
  std::vector<Expr*> results;
  bool spread_tuple = false;  // checker: `return f()` where f returns several values
  bool calls_first = false;   // evaluator's preparation: see Expr::has_call
  ReturnStmt() : Stmt(NodeKind::ReturnStmt) {}
};

enum class BranchKind : uint8_t { Break, Continue, Goto, Fallthrough };

struct BranchStmt : Stmt {
  BranchKind branch = BranchKind::Break;
  Ident* label = nullptr;
  const Stmt* target = nullptr;  // checker: the for/switch/select statement broken out of or continued
  BranchStmt() : Stmt(NodeKind::BranchStmt) {}
};

struct BlockStmt : Stmt {
  std::vector<Stmt*> stmts;
  Pos rbrace;
  BlockStmt() : Stmt(NodeKind::BlockStmt) {}
};

struct IfStmt : Stmt {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* then = nullptr;
  Stmt* else_ = nullptr;  // IfStmt or BlockStmt
  IfStmt() : Stmt(NodeKind::IfStmt) {}
};

struct CaseClause : Stmt {  // case list: body  (list empty = default)
  std::vector<Expr*> list;
  bool is_default = false;
  std::vector<Stmt*> body;
  Var* type_switch_var = nullptr;  // checker: in a type switch with `v := x.(type)`, this clause's v
  CaseClause() : Stmt(NodeKind::CaseClause) {}
};

struct SwitchStmt : Stmt {
  Stmt* init = nullptr;
  Expr* tag = nullptr;  // nullptr: switch { case cond: }
  std::vector<CaseClause*> clauses;
  const Ident* label = nullptr;  // set when labelled
  SwitchStmt() : Stmt(NodeKind::SwitchStmt) {}
};

struct TypeSwitchStmt : Stmt {
  Stmt* init = nullptr;
  Ident* bind = nullptr;  // v in `switch v := x.(type)`, or nullptr
  Expr* x = nullptr;      // the operand x of x.(type)
  std::vector<CaseClause*> clauses;  // list entries are type expressions (Ident "nil" for nil)
  TypeSwitchStmt() : Stmt(NodeKind::TypeSwitchStmt) {}
};

struct CommClause : Stmt {
  Stmt* comm = nullptr;  // SendStmt, ExprStmt(<-ch), AssignStmt(v[, ok] = / := <-ch); nullptr = default
  std::vector<Stmt*> body;
  CommClause() : Stmt(NodeKind::CommClause) {}
};

struct SelectStmt : Stmt {
  std::vector<CommClause*> clauses;
  SelectStmt() : Stmt(NodeKind::SelectStmt) {}
};

struct ForStmt : Stmt {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
  // checker: variables declared by init (`i := 0`): each iteration gets a fresh
  // copy when captured (Var::per_iteration, Var::captured).
  std::vector<Var*> loop_vars;
  ForStmt() : Stmt(NodeKind::ForStmt) {}
};

// What a range loop iterates over.
enum class RangeKind : uint8_t { None, Int, Slice, Array, ArrayPtr, String, Map, Chan, Func };

struct RangeStmt : Stmt {
  Expr* key = nullptr;    // may be nullptr
  Expr* value = nullptr;  // may be nullptr
  Op tok = Op::None;      // Define, Assign, or None (`for range x`)
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
  RangeKind range_kind = RangeKind::None;  // checker
  Var* key_var = nullptr;    // checker, Define: new per-iteration variables (nullptr for `_`)
  Var* value_var = nullptr;
  RangeStmt() : Stmt(NodeKind::RangeStmt) {}
};

// ---------------------------------------------------------------- declarations

struct Decl : Node {
  using Node::Node;
};

struct ImportSpec {
  Pos pos;
  Ident* name = nullptr;  // explicit local name, or nullptr
  std::string path;       // "math/rand"
  bool used = false;      // checker
};

struct ImportDecl : Decl {
  std::vector<ImportSpec> specs;
  ImportDecl() : Decl(NodeKind::ImportDecl) {}
};

enum class DeclTok : uint8_t { Var, Const, Type };

struct ValueSpec {  // var / const
  Pos pos;
  std::vector<Ident*> names;
  Expr* type = nullptr;
  std::vector<Expr*> values;  // const: implicit repetition is resolved by the checker (see `implicit`)
  int iota = 0;
  std::vector<Expr*> implicit;  // const spec without values: the repeated expressions (shared nodes of the earlier spec)
  std::vector<Var*> vars;       // checker, var: the declared variables (nullptr for `_`)
};

struct TypeSpec {
  Pos pos;
  Ident* name = nullptr;
  bool alias = false;  // type A = B
  Expr* type = nullptr;
  const Type* declared = nullptr;  // checker
};

struct GenDecl : Decl {
  DeclTok tok = DeclTok::Var;
  std::vector<ValueSpec> values;  // Var, Const
  std::vector<TypeSpec> types;    // Type
  GenDecl() : Decl(NodeKind::GenDecl) {}
};

struct FuncDecl : Decl {
  FieldDecl* recv = nullptr;  // method receiver, or nullptr
  Ident* name = nullptr;
  FuncType* sig = nullptr;
  BlockStmt* body = nullptr;  // nullptr for a declaration without body (stdlib declarations only)
  FuncInfo info;              // checker
  const Type* recv_named = nullptr;  // checker, methods: the receiver's named type
  bool pointer_recv = false;
  int last_line = 0;          // line of the closing brace
  FuncDecl() : Decl(NodeKind::FuncDecl) {}
};

// A parsed source file and the arena that owns all of its nodes.
struct File {
  std::string filename;
  Ident* package_name = nullptr;
  std::vector<ImportDecl*> imports;
  std::vector<Decl*> decls;  // in source order, imports included
  Pos end;

  template <typename T>
  T* make(Pos pos) {
    auto node = std::make_unique<T>();
    node->pos = pos;
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  FieldDecl* make_field() { fields_.emplace_back(); return &fields_.back(); }
  Var* make_var() { vars_.emplace_back(); return &vars_.back(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  std::deque<FieldDecl> fields_;
  std::deque<Var> vars_;
};

}  // namespace poollab::golite
