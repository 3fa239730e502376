// Go's grammar for golite: tokens -> syntax tree. Follows the structure of Go's
// own parser so that syntax errors read and land exactly as `go build` reports them.
#include <unordered_map>

#include "front/expr_text.hpp"
#include "front/lexer.hpp"
#include "poollab/golite/front_end.hpp"

namespace poollab::golite {
namespace front {

// Reported where a declaration has type parameters; like a syntax error it stops the
// type check, so the undefined type names inside do not pile up after it.
constexpr std::string_view kTypeParametersUnsupported =
    "type parameters (generics) are not supported by golite: write the function or type for one concrete type";
namespace {

struct TooDeep {
  Pos pos;
};

// A range clause found while parsing a for header.
struct RangeClause {
  Pos pos;
  std::vector<Expr*> lhs;
  bool define = false;
  Expr* x = nullptr;
};

int precedence(Tok t) {
  switch (t) {
    case Tok::LOr: return 1;
    case Tok::LAnd: return 2;
    case Tok::Eql: case Tok::Neq: case Tok::Lss: case Tok::Leq: case Tok::Gtr: case Tok::Geq: return 3;
    case Tok::Add: case Tok::Sub: case Tok::Or: case Tok::Xor: return 4;
    case Tok::Mul: case Tok::Quo: case Tok::Rem: case Tok::Shl: case Tok::Shr: case Tok::And: case Tok::AndNot: return 5;
    default: return 0;
  }
}

Op binary_op(Tok t) {
  switch (t) {
    case Tok::LOr: return Op::LOr; case Tok::LAnd: return Op::LAnd;
    case Tok::Eql: return Op::Eql; case Tok::Neq: return Op::Neq; case Tok::Lss: return Op::Lss;
    case Tok::Leq: return Op::Leq; case Tok::Gtr: return Op::Gtr; case Tok::Geq: return Op::Geq;
    case Tok::Add: return Op::Add; case Tok::Sub: return Op::Sub; case Tok::Or: return Op::Or;
    case Tok::Xor: return Op::Xor; case Tok::Mul: return Op::Mul; case Tok::Quo: return Op::Quo;
    case Tok::Rem: return Op::Rem; case Tok::Shl: return Op::Shl; case Tok::Shr: return Op::Shr;
    case Tok::And: return Op::And; case Tok::AndNot: return Op::AndNot;
    default: return Op::None;
  }
}

Op assign_op(Tok t) {
  switch (t) {
    case Tok::AddAssign: return Op::Add; case Tok::SubAssign: return Op::Sub; case Tok::MulAssign: return Op::Mul;
    case Tok::QuoAssign: return Op::Quo; case Tok::RemAssign: return Op::Rem; case Tok::AndAssign: return Op::And;
    case Tok::OrAssign: return Op::Or; case Tok::XorAssign: return Op::Xor; case Tok::ShlAssign: return Op::Shl;
    case Tok::ShrAssign: return Op::Shr; case Tok::AndNotAssign: return Op::AndNot;
    default: return Op::None;
  }
}

bool is_assign_op(Tok t) { return assign_op(t) != Op::None; }

Expr* unparen(Expr* x) {
  while (x && x->kind == NodeKind::ParenExpr) x = static_cast<ParenExpr*>(x)->x;
  return x;
}

// Syntactically a value, never a type (Go's isValue).
bool is_value(Expr* x) {
  switch (x->kind) {
    case NodeKind::BasicLit: case NodeKind::CompositeLit: case NodeKind::FuncLit: case NodeKind::SliceExpr:
    case NodeKind::TypeAssertExpr: case NodeKind::CallExpr: case NodeKind::UnaryExpr: case NodeKind::BinaryExpr:
      return true;
    case NodeKind::ParenExpr: return is_value(static_cast<ParenExpr*>(x)->x);
    case NodeKind::IndexExpr: {
      auto* ix = static_cast<IndexExpr*>(x);
      return is_value(ix->x) || is_value(ix->index);
    }
    default: return false;
  }
}

class Parser {
 public:
  Parser(std::string_view src, const std::string& filename, std::vector<Diagnostic>& errors)
      : filename_(filename), errors_(errors), lexer_(src, [this](Pos p, const std::string& m) { error_at(p, m); }) {
    file_ = std::make_unique<File>();
    file_->filename = filename;
    next();
  }

  std::unique_ptr<File> parse() {
    try {
      parse_file();
    } catch (const TooDeep& deep) {
      error_at(deep.pos, "too deeply nested");
    }
    return std::move(file_);
  }

  int error_count() const { return errcnt_; }

 private:
  std::string filename_;
  std::vector<Diagnostic>& errors_;
  Lexer lexer_;
  std::unique_ptr<File> file_;
  Token tok_;
  int xnest_ = 0;
  int fnest_ = 0;
  int depth_ = 0;
  int errcnt_ = 0;
  int last_syntax_line_ = -1;
  bool first_error_ = false;
  std::unordered_map<const TypeAssertExpr*, Ident*> guard_binds_;

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxNesting) throw TooDeep{p.tok_.pos};
    }
    ~DepthGuard() { --p.depth_; }
  };

  // ------------------------------------------------------------ errors

  void error_at(Pos pos, const std::string& msg) {
    // Like Go's compiler: at most one syntax error per line.
    if (msg.rfind("syntax error", 0) == 0) {
      if (pos.line == last_syntax_line_) return;
      last_syntax_line_ = pos.line;
    }
    ++errcnt_;
    first_error_ = true;
    if (errors_.size() >= 1000) return;
    errors_.push_back(Diagnostic{filename_, pos.line, pos.col, msg});
  }

  void syntax_error_at(Pos pos, std::string msg) {
    if (tok_.tok == Tok::EOF_ && first_error_) return;  // no follow-ups at EOF
    if (msg.rfind("in ", 0) == 0 || msg.rfind("at ", 0) == 0 || msg.rfind("after ", 0) == 0) {
      msg = " " + msg;
    } else if (msg.rfind("expected ", 0) == 0) {
      msg = ", " + msg;
    } else if (!msg.empty()) {
      error_at(pos, "syntax error: " + msg);
      return;
    }
    error_at(pos, "syntax error: unexpected " + describe(tok_) + msg);
  }
  void syntax_error(const std::string& msg) { syntax_error_at(tok_.pos, msg); }

  static const char* tokstring(Tok t) {
    if (t == Tok::Comma) return "comma";
    if (t == Tok::Semicolon) return "semicolon or newline";
    return tok_string(t);
  }

  // ------------------------------------------------------------ tokens

  void next() { tok_ = lexer_.next(); }
  bool is(Tok t) const { return tok_.tok == t; }
  bool got(Tok t) {
    if (tok_.tok == t) {
      next();
      return true;
    }
    return false;
  }
  void want(Tok t) {
    if (!got(t)) {
      syntax_error(std::string("expected ") + tokstring(t));
      advance({});
    }
  }
  bool got_assign() {
    if (is(Tok::Define)) syntax_error("expected =");
    if (is(Tok::Define) || is(Tok::Assign)) {
      next();
      return true;
    }
    return false;
  }

  static bool in_stopset(Tok t) {
    switch (t) {
      case Tok::Break: case Tok::Const: case Tok::Continue: case Tok::Defer: case Tok::Fallthrough:
      case Tok::For: case Tok::Go: case Tok::Goto: case Tok::If: case Tok::Return: case Tok::Select:
      case Tok::Switch: case Tok::Type: case Tok::Var:
        return true;
      default: return false;
    }
  }

  // Skip tokens until one of `follow` (or a statement keyword inside a function).
  // With an empty list, skip exactly one token.
  void advance(std::initializer_list<Tok> follow) {
    for (;;) {
      if (is(Tok::EOF_)) return;
      if (follow.size() > 0) {
        if (fnest_ > 0 && in_stopset(tok_.tok)) return;
        for (Tok t : follow)
          if (tok_.tok == t) return;
      }
      next();
      if (follow.size() == 0) return;
    }
  }

  template <typename F>
  Pos list(const char* context, Tok sep, Tok close, F f) {
    bool done = false;
    while (!is(Tok::EOF_) && !is(close) && !done) {
      done = f();
      if (!got(sep) && !is(close)) {
        syntax_error(std::string("in ") + context + "; possibly missing " + tokstring(sep) + " or " + tokstring(close));
        advance({Tok::RParen, Tok::RBrack, Tok::RBrace});
        if (!is(close)) return tok_.pos;
      }
    }
    Pos pos = tok_.pos;
    want(close);
    return pos;
  }

  template <typename T>
  T* make(Pos pos) { return file_->make<T>(pos); }

  Ident* new_name(Pos pos, std::string name) {
    auto* id = make<Ident>(pos);
    id->name = std::move(name);
    return id;
  }

  Ident* name() {
    if (is(Tok::Ident)) {
      auto* id = new_name(tok_.pos, tok_.text);
      next();
      return id;
    }
    auto* id = new_name(tok_.pos, "_");
    syntax_error("expected name");
    advance({});
    return id;
  }

  BadExpr* bad_expr() { return make<BadExpr>(tok_.pos); }

  // ------------------------------------------------------------ file

  void parse_file() {
    if (!got(Tok::Package)) {
      // go build reads the package clause first and words this its own way
      std::string found = tok_.tok == Tok::Ident || tok_.tok == Tok::EOF_ ? describe(tok_) : tok_string(tok_.tok);
      if (tok_.tok == Tok::Ident) found = tok_.text;
      if (tok_.tok >= Tok::Int && tok_.tok <= Tok::String) found = tok_.text;
      error_at(tok_.pos, "expected 'package', found " + found);
      return;
    }
    file_->package_name = name();
    want(Tok::Semicolon);
    if (first_error_) return;
    Tok prev = Tok::Import;
    while (!is(Tok::EOF_)) {
      if (is(Tok::Import) && prev != Tok::Import) syntax_error("imports must appear before other declarations");
      prev = tok_.tok;
      Pos pos = tok_.pos;
      switch (tok_.tok) {
        case Tok::Import: {
          next();
          auto* d = make<ImportDecl>(pos);
          group([&] { import_spec(d); });
          file_->imports.push_back(d);
          file_->decls.push_back(d);
          break;
        }
        case Tok::Const: case Tok::Var: case Tok::Type: {
          auto* d = gen_decl();
          file_->decls.push_back(d);
          break;
        }
        case Tok::Func: {
          next();
          if (auto* f = func_decl(pos)) file_->decls.push_back(f);
          break;
        }
        default: {
          bool empty_func = !file_->decls.empty() && file_->decls.back()->kind == NodeKind::FuncDecl &&
                            static_cast<FuncDecl*>(file_->decls.back())->body == nullptr;
          if (is(Tok::LBrace) && empty_func) syntax_error("unexpected semicolon or newline before {");
          else syntax_error("non-declaration statement outside function body");
          advance({Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func});
          continue;
        }
      }
      if (!is(Tok::EOF_) && !got(Tok::Semicolon)) {
        syntax_error("after top level declaration");
        advance({Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func});
      }
    }
    file_->end = tok_.pos;
  }

  template <typename F>
  void group(F f) {
    if (is(Tok::LParen)) {
      next();
      list("grouped declaration", Tok::Semicolon, Tok::RParen, [&] {
        f();
        return false;
      });
    } else {
      f();
    }
  }

  void import_spec(ImportDecl* d) {
    ImportSpec spec;
    spec.pos = tok_.pos;
    if (is(Tok::Ident)) spec.name = name();
    else if (is(Tok::Period)) {
      spec.name = new_name(tok_.pos, ".");
      next();
    }
    if (is(Tok::String)) {
      Pos path_pos = tok_.pos;
      std::string path;
      if (!unquote_string(tok_.text, path)) path.clear();
      spec.path = path;
      if (!spec.name) spec.pos = path_pos;  // go reports an unused import at its name, else its path
      next();
    } else if (is(Tok::Int) || is(Tok::Float) || is(Tok::Imag) || is(Tok::Char)) {
      syntax_error_at(tok_.pos, "import path must be a string");
      next();
      return;
    } else {
      syntax_error("missing import path");
      advance({Tok::Semicolon, Tok::RParen});
      return;
    }
    d->specs.push_back(std::move(spec));
  }

  GenDecl* gen_decl() {
    auto* d = make<GenDecl>(tok_.pos);
    Tok kw = tok_.tok;
    d->tok = kw == Tok::Var ? DeclTok::Var : kw == Tok::Const ? DeclTok::Const : DeclTok::Type;
    next();
    int iota = 0;
    group([&] {
      if (kw == Tok::Type) {
        d->types.push_back(type_spec());
        return;
      }
      ValueSpec spec;
      spec.pos = tok_.pos;
      spec.names.push_back(name());
      while (got(Tok::Comma)) spec.names.push_back(name());
      if (kw == Tok::Var) {
        if (got_assign()) {
          spec.values = expr_list();
        } else {
          spec.type = type_();
          if (got_assign()) spec.values = expr_list();
        }
      } else {
        if (!is(Tok::EOF_) && !is(Tok::Semicolon) && !is(Tok::RParen)) {
          spec.type = type_or_nil();
          if (got_assign()) spec.values = expr_list();
        }
        spec.iota = iota++;
      }
      d->values.push_back(std::move(spec));
    });
    // A const spec without type and values repeats the previous spec's.
    if (kw == Tok::Const) {
      const ValueSpec* last = nullptr;
      for (auto& s : d->values) {
        if (s.values.empty() && s.type == nullptr && last) {
          s.type = last->type;
          s.implicit = last->values.empty() ? last->implicit : last->values;
        }
        last = &s;
      }
    }
    return d;
  }

  // Generics are outside golite's subset: one clear error at the `[` (which is already
  // consumed), then the rest of the list is skipped so the declaration still parses.
  void type_parameters_unsupported(Pos pos) {
    error_at(pos, std::string(kTypeParametersUnsupported));
    for (int depth = 1; depth > 0 && !is(Tok::EOF_);) {
      if (is(Tok::LBrack)) ++depth;
      if (is(Tok::RBrack)) --depth;
      next();
    }
  }

  TypeSpec type_spec() {
    TypeSpec spec;
    spec.pos = tok_.pos;
    spec.name = name();
    if (is(Tok::LBrack)) {
      // An array or slice type, or type parameters (outside the subset): `[N]T` and
      // `[N * 2]T` have an operator or ] after the first name, `[T any]` and `[K, V any]` do not.
      Pos pos = tok_.pos;
      next();
      if (got(Tok::RBrack)) {
        spec.type = slice_type(pos);
      } else if (is(Tok::Ident)) {
        Expr* first = name();
        if (is(Tok::Ident) || is(Tok::Comma) || is(Tok::Interface) || is(Tok::Tilde)) {
          type_parameters_unsupported(pos);
          spec.type = type_or_nil();
        } else {
          ++xnest_;
          Expr* len = binary_expr(pexpr(first, false), 0);
          --xnest_;
          spec.type = array_type(pos, len);
        }
      } else {
        spec.type = array_type(pos, nullptr);
      }
    } else {
      spec.alias = got_assign();
      spec.type = type_or_nil();
    }
    if (!spec.type) {
      spec.type = bad_expr();
      syntax_error("in type declaration");
      advance({Tok::Semicolon, Tok::RParen});
    }
    return spec;
  }

  FuncDecl* func_decl(Pos pos) {
    auto* f = make<FuncDecl>(pos);
    const char* context = "";
    if (got(Tok::LParen)) {
      context = "method";
      Pos rpos = tok_.pos;
      std::vector<FieldDecl> recv = param_list(Tok::RParen);
      int count = 0;
      for (auto& fd : recv) count += fd.names.empty() ? 1 : int(fd.names.size());
      if (count == 0) {
        error_at(rpos, "method has no receiver");
      } else {
        if (count > 1) error_at(tok_.pos, "method has multiple receivers");
        f->recv = file_->make_field();
        *f->recv = recv[0];
        if (f->recv->names.size() > 1) f->recv->names.resize(1);
      }
    }
    if (is(Tok::Ident)) {
      f->name = name();
      if (is(Tok::LBrack)) {
        Pos lbrack = tok_.pos;
        next();
        type_parameters_unsupported(lbrack);
      }
      f->sig = func_type(tok_.pos, context);
    } else {
      f->name = new_name(tok_.pos, "_");
      f->sig = make<FuncType>(tok_.pos);
      syntax_error(*context ? "expected name" : "expected name or (");
      advance({Tok::LBrace, Tok::Semicolon});
    }
    if (is(Tok::LBrace)) {
      f->body = func_body();
      f->last_line = f->body->rbrace.line;
    } else {
      f->last_line = f->pos.line;
    }
    return f;
  }

  BlockStmt* func_body() {
    ++fnest_;
    auto* body = block_stmt("");
    --fnest_;
    return body;
  }

  // ------------------------------------------------------------ types

  Expr* type_() {
    Expr* t = type_or_nil();
    if (!t) {
      t = bad_expr();
      syntax_error("expected type");
      advance({Tok::Comma, Tok::Colon, Tok::Semicolon, Tok::RParen, Tok::RBrack, Tok::RBrace});
    }
    return t;
  }

  Expr* type_or_nil() {
    DepthGuard guard(*this);
    Pos pos = tok_.pos;
    switch (tok_.tok) {
      case Tok::Mul: {
        next();
        auto* s = make<StarExpr>(pos);
        s->x = type_();
        return s;
      }
      case Tok::Arrow: {
        next();
        want(Tok::Chan);
        auto* c = make<ChanType>(pos);
        c->dir = ChanDir::Recv;
        c->elem = chan_elem();
        return c;
      }
      case Tok::Func: {
        next();
        return func_type(pos, "function type");
      }
      case Tok::LBrack: {
        next();
        if (got(Tok::RBrack)) return slice_type(pos);
        return array_type(pos, nullptr);
      }
      case Tok::Chan: {
        next();
        auto* c = make<ChanType>(pos);
        if (got(Tok::Arrow)) c->dir = ChanDir::Send;
        c->elem = chan_elem();
        return c;
      }
      case Tok::Map: {
        next();
        want(Tok::LBrack);
        auto* m = make<MapType>(pos);
        m->key = type_();
        want(Tok::RBrack);
        m->value = type_();
        return m;
      }
      case Tok::Struct: return struct_type();
      case Tok::Interface: return interface_type();
      case Tok::Ident: return qualified_name(nullptr);
      case Tok::LParen: {
        next();
        Expr* t = type_();
        want(Tok::RParen);
        auto* p = make<ParenExpr>(pos);
        p->x = t;
        return p;
      }
      default: return nullptr;
    }
  }

  Expr* qualified_name(Ident* n) {
    Expr* x;
    if (n) x = n;
    else if (is(Tok::Ident)) x = name();
    else {
      x = new_name(tok_.pos, "_");
      syntax_error("expected name");
      advance({Tok::Period, Tok::Semicolon, Tok::RBrace});
    }
    if (is(Tok::Period)) {
      auto* s = make<SelectorExpr>(x->pos);
      next();
      s->x = x;
      s->sel_pos = tok_.pos;
      s->sel = name()->name;
      x = s;
    }
    return x;
  }

  Expr* chan_elem() {
    Expr* t = type_or_nil();
    if (!t) {
      t = bad_expr();
      syntax_error("missing channel element type");
    }
    return t;
  }

  Expr* slice_type(Pos pos) {
    auto* a = make<ArrayType>(pos);
    a->slice = true;
    a->elem = type_();
    return a;
  }

  Expr* array_type(Pos pos, Expr* len) {
    if (!len) {
      if (is(Tok::Ellipsis)) {
        len = make<Ellipsis>(tok_.pos);
        next();
      } else {
        ++xnest_;
        len = expr();
        --xnest_;
      }
    }
    if (is(Tok::Comma)) {
      syntax_error("unexpected comma; expected ]");
      next();
    }
    want(Tok::RBrack);
    auto* a = make<ArrayType>(pos);
    a->len = len;
    a->elem = type_();
    return a;
  }

  FuncType* func_type(Pos pos, const char* context) {
    auto* t = make<FuncType>(pos);
    if (is(Tok::LBrack)) {
      if (*context) syntax_error_at(pos, std::string(context) + " must have no type parameters");
      else syntax_error("expected (");
      advance({Tok::LParen});
    }
    want(Tok::LParen);
    t->params = param_list(Tok::RParen);
    t->results = func_result();
    return t;
  }

  std::vector<FieldDecl> func_result() {
    if (got(Tok::LParen)) return param_list(Tok::RParen);
    Pos pos = tok_.pos;
    if (Expr* t = type_or_nil()) {
      FieldDecl f;
      f.pos = pos;
      f.type = t;
      return {f};
    }
    return {};
  }

  struct Param {
    Pos pos;
    Ident* name = nullptr;
    Expr* type = nullptr;
  };

  std::optional<Param> param_decl(Tok close) {
    Param p;
    p.pos = tok_.pos;
    if (is(Tok::Ident)) {
      Ident* n = name();
      if (is(Tok::LBrack)) {
        p.name = n;
        Pos pos = tok_.pos;
        next();
        if (got(Tok::RBrack)) p.type = slice_type(pos);
        else p.type = array_type(pos, nullptr);
        return p;
      }
      if (is(Tok::Period)) {
        p.type = qualified_name(n);
        return p;
      }
      p.name = n;
    }
    if (is(Tok::Ellipsis)) {
      auto* e = make<Ellipsis>(tok_.pos);
      next();
      e->elem = type_or_nil();
      if (!e->elem) {
        e->elem = bad_expr();
        syntax_error("... is missing type");
      }
      p.type = e;
      return p;
    }
    p.type = type_or_nil();
    if (p.name || p.type) return p;
    syntax_error(std::string("expected ") + tokstring(close));
    advance({Tok::Comma, close});
    return std::nullopt;
  }

  std::vector<FieldDecl> param_list(Tok close) {
    std::vector<Param> params;
    int named = 0, typed = 0;
    list("parameter list", Tok::Comma, close, [&] {
      if (auto p = param_decl(close)) {
        if (p->name && p->type) ++named;
        if (p->type) ++typed;
        params.push_back(*p);
      }
      return false;
    });
    std::vector<FieldDecl> out;
    if (params.empty()) return out;
    if (named == 0) {
      // all types: a bare name is a type name
      for (auto& p : params) {
        FieldDecl f;
        f.pos = p.pos;
        f.type = p.type ? p.type : p.name;
        out.push_back(f);
      }
      return out;
    }
    // named parameters: names without type take the type that follows
    Pos err{};
    bool have_err = false;
    Expr* typ = nullptr;
    for (size_t i = params.size(); i-- > 0;) {
      auto& p = params[i];
      if (p.type && p.name) {
        typ = p.type;
      } else if (p.type && !p.name) {
        if (!have_err) { err = p.type->pos; have_err = true; }
        p.name = new_name(p.type->pos, "_");
      } else if (typ) {
        p.type = typ;
      } else {
        err = p.name->pos;
        have_err = true;
        p.type = make<BadExpr>(p.name->pos);
      }
    }
    if (have_err) syntax_error_at(err, "mixed named and unnamed parameters");
    for (auto& p : params) {
      if (!out.empty() && out.back().type == p.type && !out.back().names.empty()) {
        out.back().names.push_back(p.name);
        continue;
      }
      FieldDecl f;
      f.pos = p.pos;
      f.names.push_back(p.name);
      f.type = p.type;
      out.push_back(f);
    }
    return out;
  }

  std::string opt_tag() {
    if (is(Tok::String)) {
      std::string tag;
      unquote_string(tok_.text, tag);
      next();
      return tag;
    }
    return "";
  }

  StructType* struct_type() {
    auto* t = make<StructType>(tok_.pos);
    want(Tok::Struct);
    want(Tok::LBrace);
    list("struct type", Tok::Semicolon, Tok::RBrace, [&] {
      field_decl(t);
      return false;
    });
    return t;
  }

  void field_decl(StructType* st) {
    Pos pos = tok_.pos;
    FieldDecl f;
    f.pos = pos;
    switch (tok_.tok) {
      case Tok::Ident: {
        Ident* n = name();
        if (is(Tok::Period) || is(Tok::String) || is(Tok::Semicolon) || is(Tok::RBrace)) {
          f.type = qualified_name(n);
          f.tag = opt_tag();
          st->fields.push_back(f);
          return;
        }
        f.names.push_back(n);
        while (got(Tok::Comma)) f.names.push_back(name());
        f.type = type_();
        f.tag = opt_tag();
        st->fields.push_back(f);
        return;
      }
      case Tok::Mul: {
        next();
        auto* s = make<StarExpr>(pos);
        if (is(Tok::LParen)) {
          syntax_error("cannot parenthesize embedded type");
          next();
          s->x = qualified_name(nullptr);
          got(Tok::RParen);
        } else {
          s->x = qualified_name(nullptr);
        }
        f.type = s;
        f.tag = opt_tag();
        st->fields.push_back(f);
        return;
      }
      case Tok::LParen: {
        syntax_error("cannot parenthesize embedded type");
        next();
        if (is(Tok::Mul)) {
          auto* s = make<StarExpr>(tok_.pos);
          next();
          s->x = qualified_name(nullptr);
          f.type = s;
        } else {
          f.type = qualified_name(nullptr);
        }
        got(Tok::RParen);
        f.tag = opt_tag();
        st->fields.push_back(f);
        return;
      }
      default:
        syntax_error("expected field name or embedded type");
        advance({Tok::Semicolon, Tok::RBrace});
    }
  }

  InterfaceType* interface_type() {
    auto* t = make<InterfaceType>(tok_.pos);
    want(Tok::Interface);
    want(Tok::LBrace);
    list("interface type", Tok::Semicolon, Tok::RBrace, [&] {
      FieldDecl f;
      f.pos = tok_.pos;
      if (is(Tok::Ident)) {
        Ident* n = name();
        if (is(Tok::LParen)) {
          f.names.push_back(n);
          f.type = func_type(tok_.pos, "");
        } else {
          f.type = qualified_name(n);
        }
        t->methods.push_back(f);
      } else {
        syntax_error("expected }");
        advance({Tok::Semicolon, Tok::RBrace});
      }
      return false;
    });
    return t;
  }

  // ------------------------------------------------------------ expressions

  Expr* expr() { return binary_expr(nullptr, 0); }

  std::vector<Expr*> expr_list() {
    std::vector<Expr*> l{expr()};
    while (got(Tok::Comma)) l.push_back(expr());
    return l;
  }

  Expr* binary_expr(Expr* x, int prec) {
    DepthGuard guard(*this);
    if (!x) x = unary_expr();
    int chain = 0;  // a long left-leaning chain nests as deeply as parentheses do
    while (precedence(tok_.tok) > prec) {
      if (++chain + depth_ > kMaxNesting) throw TooDeep{tok_.pos};
      auto* b = make<BinaryExpr>(x->pos);
      b->op_pos = tok_.pos;
      b->op = binary_op(tok_.tok);
      int tprec = precedence(tok_.tok);
      next();
      b->x = x;
      b->y = binary_expr(nullptr, tprec);
      x = b;
    }
    return x;
  }

  Expr* unary_expr() {
    DepthGuard guard(*this);
    Pos pos = tok_.pos;
    switch (tok_.tok) {
      case Tok::Mul: {
        next();
        auto* s = make<StarExpr>(pos);
        s->x = unary_expr();
        return s;
      }
      case Tok::Add: case Tok::Sub: case Tok::Not: case Tok::Xor: case Tok::And: {
        Op op = tok_.tok == Tok::Add ? Op::Add : tok_.tok == Tok::Sub ? Op::Sub : tok_.tok == Tok::Not ? Op::Not
              : tok_.tok == Tok::Xor ? Op::Xor : Op::And;
        next();
        auto* u = make<UnaryExpr>(pos);
        u->op = op;
        u->x = unary_expr();
        if (op == Op::And) u->x = unparen(u->x);
        return u;
      }
      case Tok::Arrow: {
        next();
        Expr* x = unary_expr();
        if (x->kind == NodeKind::ChanType) {
          // <-chan T: convert chan types accordingly
          ChanDir dir = ChanDir::Send;
          Expr* t = x;
          while (dir == ChanDir::Send) {
            if (t->kind != NodeKind::ChanType) break;
            auto* c = static_cast<ChanType*>(t);
            dir = c->dir;
            if (dir == ChanDir::Recv) syntax_error("unexpected <-, expected chan");
            c->dir = ChanDir::Recv;
            t = c->elem;
          }
          if (dir == ChanDir::Send) syntax_error("unexpected <-, expected chan");
          x->pos = pos;
          return x;
        }
        auto* u = make<UnaryExpr>(pos);
        u->op = Op::Arrow;
        u->x = x;
        return u;
      }
      default: break;
    }
    return pexpr(nullptr, true);
  }

  Expr* operand(bool keep_parens) {
    DepthGuard guard(*this);
    Pos pos = tok_.pos;
    switch (tok_.tok) {
      case Tok::Ident: return name();
      case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String: {
        auto* b = make<BasicLit>(pos);
        b->raw = tok_.text;
        b->lit = tok_.tok == Tok::Int ? LitKind::Int : tok_.tok == Tok::Float ? LitKind::Float
               : tok_.tok == Tok::Imag ? LitKind::Imag : tok_.tok == Tok::Char ? LitKind::Char : LitKind::String;
        next();
        return b;
      }
      case Tok::LParen: {
        next();
        ++xnest_;
        Expr* x = expr();
        --xnest_;
        want(Tok::RParen);
        if (is(Tok::LBrace)) keep_parens = true;
        if (keep_parens) {
          auto* p = make<ParenExpr>(pos);
          p->x = x;
          return p;
        }
        return x;
      }
      case Tok::Func: {
        next();
        FuncType* ft = func_type(tok_.pos, "function type");
        ft->pos = pos;
        if (is(Tok::LBrace)) {
          ++xnest_;
          auto* f = make<FuncLit>(pos);
          f->sig = ft;
          f->body = func_body();
          --xnest_;
          return f;
        }
        return ft;
      }
      case Tok::LBrack: case Tok::Chan: case Tok::Map: case Tok::Struct: case Tok::Interface:
        return type_();
      default: {
        Expr* x = bad_expr();
        syntax_error("expected expression");
        advance({Tok::RParen, Tok::RBrack, Tok::RBrace});
        return x;
      }
    }
  }

  Expr* pexpr(Expr* x, bool keep_parens) {
    if (!x) x = operand(keep_parens);
    for (int chain = 0;; ++chain) {
      if (chain + depth_ > kMaxNesting) throw TooDeep{tok_.pos};
      Pos pos = tok_.pos;
      switch (tok_.tok) {
        case Tok::Period: {
          next();
          if (is(Tok::Ident)) {
            auto* s = make<SelectorExpr>(x->pos);
            s->x = x;
            s->sel_pos = tok_.pos;
            s->sel = tok_.text;
            next();
            x = s;
          } else if (is(Tok::LParen)) {
            next();
            auto* a = make<TypeAssertExpr>(x->pos);
            a->x = x;
            if (!got(Tok::Type)) a->type_expr = type_();
            want(Tok::RParen);
            x = a;
          } else {
            syntax_error("expected name or (");
            advance({Tok::Semicolon, Tok::RParen});
          }
          break;
        }
        case Tok::LBrack: {
          DepthGuard guard(*this);
          next();
          Expr* i = nullptr;
          if (!is(Tok::Colon)) {
            if (is(Tok::RBrack)) {
              syntax_error("expected operand");
              i = bad_expr();
            } else {
              ++xnest_;
              i = expr();
              --xnest_;
            }
            bool comma = false;
            if (is(Tok::Comma)) {  // generic instantiation: outside the subset, parse and drop
              comma = true;
              while (got(Tok::Comma) && !is(Tok::RBrack)) expr();
            }
            if (comma || is(Tok::RBrack)) {
              Pos rb = tok_.pos;
              want(Tok::RBrack);
              auto* ix = make<IndexExpr>(x->pos);
              ix->x = x;
              ix->index = i;
              ix->rbrack = rb;
              x = ix;
              break;
            }
          }
          if (!got(Tok::Colon)) {
            syntax_error("expected comma, : or ]");
            advance({Tok::Comma, Tok::Colon, Tok::RBrack});
          }
          ++xnest_;
          auto* s = make<SliceExpr>(x->pos);
          s->x = x;
          s->lo = i;
          if (!is(Tok::Colon) && !is(Tok::RBrack)) s->hi = expr();
          if (is(Tok::Colon)) {
            s->slice3 = true;
            if (!s->hi) {
              error_at(tok_.pos, "middle index required in 3-index slice");
              s->hi = bad_expr();
            }
            next();
            if (!is(Tok::RBrack)) s->max = expr();
            else {
              error_at(tok_.pos, "final index required in 3-index slice");
              s->max = bad_expr();
            }
          }
          --xnest_;
          want(Tok::RBrack);
          x = s;
          break;
        }
        case Tok::LParen: {
          DepthGuard guard(*this);
          auto* c = make<CallExpr>(x->pos);
          c->lparen = pos;
          next();
          c->fun = x;
          ++xnest_;
          c->rparen = list("argument list", Tok::Comma, Tok::RParen, [&] {
            c->args.push_back(expr());
            c->has_ellipsis = got(Tok::Ellipsis);
            return c->has_ellipsis;
          });
          --xnest_;
          x = c;
          break;
        }
        case Tok::LBrace: {
          Expr* t = unparen(x);
          bool complit_ok = false;
          switch (t->kind) {
            case NodeKind::Ident: case NodeKind::SelectorExpr: complit_ok = xnest_ >= 0; break;
            case NodeKind::IndexExpr: complit_ok = xnest_ >= 0 && !is_value(t); break;
            case NodeKind::ArrayType: case NodeKind::StructType: case NodeKind::MapType: complit_ok = true; break;
            default: break;
          }
          if (!complit_ok) return x;
          if (t != x) syntax_error("cannot parenthesize type in composite literal");
          CompositeLit* n = complit();
          n->type_expr = x;
          n->pos = x->pos;
          x = n;
          break;
        }
        default: return x;
      }
    }
  }

  Expr* bare_complit_expr() {
    if (is(Tok::LBrace)) return complit();
    return expr();
  }

  CompositeLit* complit() {
    DepthGuard guard(*this);
    auto* c = make<CompositeLit>(tok_.pos);
    ++xnest_;
    want(Tok::LBrace);
    c->rbrace = list("composite literal", Tok::Comma, Tok::RBrace, [&] {
      Expr* e = bare_complit_expr();
      if (is(Tok::Colon)) {
        auto* kv = make<KeyValueExpr>(e->pos);
        next();
        kv->key = e;
        kv->value = bare_complit_expr();
        e = kv;
      }
      c->elts.push_back(e);
      return false;
    });
    --xnest_;
    return c;
  }

  // ------------------------------------------------------------ statements

  BlockStmt* block_stmt(const char* context) {
    DepthGuard guard(*this);
    auto* b = make<BlockStmt>(tok_.pos);
    if (!got(Tok::LBrace)) {
      syntax_error(std::string("expected { after ") + context);
      advance({Tok::Ident, Tok::RBrace});
      b->rbrace = tok_.pos;
      if (got(Tok::RBrace)) return b;
    }
    b->stmts = stmt_list();
    b->rbrace = tok_.pos;
    want(Tok::RBrace);
    return b;
  }

  std::vector<Stmt*> stmt_list() {
    std::vector<Stmt*> l;
    while (!is(Tok::EOF_) && !is(Tok::RBrace) && !is(Tok::Case) && !is(Tok::Default)) {
      Stmt* s = stmt_or_nil();
      if (!s) break;
      l.push_back(s);
      if (!got(Tok::Semicolon) && !is(Tok::RBrace)) {
        syntax_error("at end of statement");
        advance({Tok::Semicolon, Tok::RBrace, Tok::Case, Tok::Default});
        got(Tok::Semicolon);
      }
    }
    return l;
  }

  Stmt* stmt_or_nil() {
    DepthGuard guard(*this);
    Pos pos = tok_.pos;
    if (is(Tok::Ident)) {
      std::vector<Expr*> lhs = expr_list();
      if (lhs.size() == 1 && lhs[0]->kind == NodeKind::Ident && is(Tok::Colon)) return labeled_stmt(static_cast<Ident*>(lhs[0]));
      return simple_stmt(std::move(lhs), Tok::EOF_);
    }
    switch (tok_.tok) {
      case Tok::Var: case Tok::Const: case Tok::Type: {
        auto* d = make<DeclStmt>(pos);
        d->decl = gen_decl();
        return d;
      }
      case Tok::LBrace: return block_stmt("");
      case Tok::Add: case Tok::Sub: case Tok::Mul: case Tok::And: case Tok::Xor: case Tok::Not:
      case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String:
      case Tok::Func: case Tok::LParen: case Tok::LBrack: case Tok::Struct: case Tok::Map: case Tok::Chan:
      case Tok::Interface: case Tok::Arrow:
        return simple_stmt({}, Tok::EOF_);
      case Tok::For: return for_stmt();
      case Tok::Switch: return switch_stmt();
      case Tok::Select: return select_stmt();
      case Tok::If: return if_stmt();
      case Tok::Fallthrough: {
        auto* b = make<BranchStmt>(pos);
        next();
        b->branch = BranchKind::Fallthrough;
        return b;
      }
      case Tok::Break: case Tok::Continue: {
        auto* b = make<BranchStmt>(pos);
        b->branch = is(Tok::Break) ? BranchKind::Break : BranchKind::Continue;
        next();
        if (is(Tok::Ident)) b->label = name();
        return b;
      }
      case Tok::Goto: {
        auto* b = make<BranchStmt>(pos);
        b->branch = BranchKind::Goto;
        next();
        b->label = name();
        return b;
      }
      case Tok::Go: case Tok::Defer: return call_stmt();
      case Tok::Return: {
        auto* r = make<ReturnStmt>(pos);
        next();
        if (!is(Tok::Semicolon) && !is(Tok::RBrace)) r->results = expr_list();
        return r;
      }
      case Tok::Semicolon: return make<EmptyStmt>(pos);
      default: return nullptr;
    }
  }

  Stmt* labeled_stmt(Ident* label) {
    auto* s = make<LabeledStmt>(label->pos);
    Pos colon = tok_.pos;
    s->label = label;
    want(Tok::Colon);
    if (is(Tok::RBrace)) {
      s->stmt = make<EmptyStmt>(tok_.pos);
      return s;
    }
    s->stmt = stmt_or_nil();
    if (s->stmt) {
      if (s->stmt->kind == NodeKind::SwitchStmt) static_cast<SwitchStmt*>(s->stmt)->label = label;
      return s;
    }
    syntax_error_at(colon, "missing statement after label");
    return nullptr;
  }

  Stmt* call_stmt() {
    Pos pos = tok_.pos;
    bool is_go = is(Tok::Go);
    next();
    Expr* x = pexpr(nullptr, is(Tok::LParen));
    if (Expr* t = unparen(x); t != x) {
      error_at(x->pos, std::string("expression in ") + (is_go ? "go" : "defer") + " must not be parenthesized");
      x = t;
    }
    CallExpr* call = nullptr;
    if (x->kind == NodeKind::CallExpr) {
      call = static_cast<CallExpr*>(x);
    } else {
      // keep the node; the checker reports "expression in go must be function call"
      call = make<CallExpr>(x->pos);
      call->fun = x;
      call->call_kind = CallKind::None;
      call->lparen = Pos{-1, -1};  // marks "not a call"
    }
    if (is_go) {
      auto* g = make<GoStmt>(pos);
      g->call = call;
      return g;
    }
    auto* d = make<DeferStmt>(pos);
    d->call = call;
    return d;
  }

  // Simple statements; a RangeClause result is returned through `range`.
  Stmt* simple_stmt(std::vector<Expr*> lhs, Tok keyword, RangeClause* range = nullptr) {
    if (keyword == Tok::For && is(Tok::Range)) {
      range->pos = tok_.pos;
      next();
      range->x = expr();
      return nullptr;
    }
    if (lhs.empty()) lhs = expr_list();
    if (lhs.size() == 1 && !is(Tok::Assign) && !is(Tok::Define)) {
      Pos pos = tok_.pos;
      if (is_assign_op(tok_.tok)) {
        auto* a = make<AssignStmt>(lhs[0]->pos);
        a->op_pos = pos;
        a->op = assign_op(tok_.tok);
        next();
        a->lhs = lhs;
        a->rhs.push_back(expr());
        return a;
      }
      if (is(Tok::Inc) || is(Tok::Dec)) {
        auto* s = make<IncDecStmt>(lhs[0]->pos);
        s->inc = is(Tok::Inc);
        next();
        s->x = lhs[0];
        return s;
      }
      if (is(Tok::Arrow)) {
        auto* s = make<SendStmt>(lhs[0]->pos);
        next();
        s->chan = lhs[0];
        s->value = expr();
        return s;
      }
      auto* s = make<ExprStmt>(lhs[0]->pos);
      s->x = lhs[0];
      return s;
    }
    if (is(Tok::Assign) || is(Tok::Define)) {
      Pos pos = tok_.pos;
      bool define = is(Tok::Define);
      next();
      if (keyword == Tok::For && is(Tok::Range)) {
        range->pos = tok_.pos;
        range->lhs = lhs;
        range->define = define;
        next();
        range->x = expr();
        return nullptr;
      }
      std::vector<Expr*> rhs = expr_list();
      if (keyword == Tok::Switch && define && rhs.size() == 1 && rhs[0]->kind == NodeKind::TypeAssertExpr &&
          static_cast<TypeAssertExpr*>(rhs[0])->type_expr == nullptr && lhs.size() == 1 &&
          lhs[0]->kind == NodeKind::Ident) {
        guard_binds_[static_cast<TypeAssertExpr*>(rhs[0])] = static_cast<Ident*>(lhs[0]);
        auto* s = make<ExprStmt>(lhs[0]->pos);
        s->x = rhs[0];
        return s;
      }
      auto* a = make<AssignStmt>(lhs[0]->pos);
      a->op_pos = pos;
      a->op = define ? Op::Define : Op::Assign;
      a->lhs = std::move(lhs);
      a->rhs = std::move(rhs);
      return a;
    }
    syntax_error("expected := or = or comma");
    advance({Tok::Semicolon, Tok::RBrace});
    auto* s = make<ExprStmt>(lhs[0]->pos);
    s->x = lhs[0];
    return s;
  }

  static bool is_guard(Expr* x) {
    return x && x->kind == NodeKind::TypeAssertExpr && static_cast<TypeAssertExpr*>(x)->type_expr == nullptr;
  }

  std::string stmt_text(Stmt* s);
  // Where Go's parser places a simple statement: assignments at their operator.
  static Pos stmt_pos(Stmt* s) {
    if (s->kind == NodeKind::AssignStmt) return static_cast<AssignStmt*>(s)->op_pos;
    return s->pos;
  }

  struct Header {
    Stmt* init = nullptr;
    Expr* cond = nullptr;
    Stmt* post = nullptr;
    bool is_range = false;
    RangeClause range;
  };

  Header header(Tok keyword) {
    Header h;
    want(keyword);
    if (is(Tok::LBrace)) {
      if (keyword == Tok::If) {
        syntax_error("missing condition in if statement");
        h.cond = bad_expr();
      }
      return h;
    }
    int outer = xnest_;
    xnest_ = -1;
    if (!is(Tok::Semicolon)) {
      if (got(Tok::Var))
        syntax_error(std::string("var declaration not allowed in ") + tokstring(keyword) + " initializer");
      h.init = simple_stmt({}, keyword, &h.range);
      if (h.range.x) {
        h.is_range = true;
        xnest_ = outer;
        return h;
      }
    }
    Stmt* cond_stmt = nullptr;
    Pos semi_pos{};
    std::string semi_lit;
    bool have_semi = false;
    if (!is(Tok::LBrace)) {
      if (is(Tok::Semicolon)) {
        semi_pos = tok_.pos;
        semi_lit = tok_.text;
        have_semi = true;
        next();
      } else {
        want(Tok::LBrace);
        if (!is(Tok::LBrace)) advance({Tok::LBrace, Tok::RBrace});
      }
      if (keyword == Tok::For) {
        if (!is(Tok::Semicolon)) {
          if (is(Tok::LBrace)) {
            syntax_error("expected for loop condition");
            goto done;
          }
          cond_stmt = simple_stmt({}, Tok::EOF_);
        }
        want(Tok::Semicolon);
        if (!is(Tok::LBrace)) {
          h.post = simple_stmt({}, Tok::EOF_);
          if (h.post && h.post->kind == NodeKind::AssignStmt && static_cast<AssignStmt*>(h.post)->op == Op::Define)
            syntax_error_at(stmt_pos(h.post), "cannot declare in post statement of for loop");
        }
      } else if (!is(Tok::LBrace)) {
        cond_stmt = simple_stmt({}, keyword);
      }
    } else {
      cond_stmt = h.init;
      h.init = nullptr;
    }
  done:
    if (!cond_stmt) {
      if (keyword == Tok::If && have_semi) {
        if (semi_lit != "semicolon")
          syntax_error_at(semi_pos, "unexpected " + semi_lit + ", expected { after if clause");
        else
          syntax_error_at(semi_pos, "missing condition in if statement");
        h.cond = make<BadExpr>(semi_pos);
      }
    } else if (cond_stmt->kind == NodeKind::ExprStmt) {
      h.cond = static_cast<ExprStmt*>(cond_stmt)->x;
    } else {
      syntax_error_at(stmt_pos(cond_stmt), "cannot use " + stmt_text(cond_stmt) + " as value");
    }
    xnest_ = outer;
    return h;
  }

  Stmt* for_stmt() {
    Pos pos = tok_.pos;
    Header h = header(Tok::For);
    if (h.is_range) {
      auto* r = make<RangeStmt>(pos);
      if (h.range.lhs.size() > 0) r->key = h.range.lhs[0];
      if (h.range.lhs.size() > 1) r->value = h.range.lhs[1];
      if (h.range.lhs.size() > 2) error_at(h.range.lhs[2]->pos, "range clause permits at most two iteration variables");
      r->tok = h.range.lhs.empty() ? Op::None : h.range.define ? Op::Define : Op::Assign;
      r->x = h.range.x;
      r->body = block_stmt("for clause");
      return r;
    }
    auto* f = make<ForStmt>(pos);
    f->init = h.init;
    f->cond = h.cond;
    f->post = h.post;
    f->body = block_stmt("for clause");
    return f;
  }

  Stmt* if_stmt() {
    DepthGuard guard(*this);
    auto* s = make<IfStmt>(tok_.pos);
    Header h = header(Tok::If);
    s->init = h.init;
    s->cond = h.cond;
    s->then = block_stmt("if clause");
    if (got(Tok::Else)) {
      if (is(Tok::If)) s->else_ = if_stmt();
      else if (is(Tok::LBrace)) s->else_ = block_stmt("");
      else {
        syntax_error("else must be followed by if or statement block");
        advance({Tok::Ident, Tok::RBrace});
      }
    }
    return s;
  }

  Stmt* switch_stmt() {
    Pos pos = tok_.pos;
    Header h = header(Tok::Switch);
    std::vector<CaseClause*> clauses;
    if (!got(Tok::LBrace)) {
      syntax_error("missing { after switch clause");
      advance({Tok::Case, Tok::Default, Tok::RBrace});
    }
    while (!is(Tok::EOF_) && !is(Tok::RBrace)) clauses.push_back(case_clause());
    want(Tok::RBrace);
    if (is_guard(h.cond)) {
      auto* ts = make<TypeSwitchStmt>(pos);
      ts->init = h.init;
      auto* guard = static_cast<TypeAssertExpr*>(h.cond);
      ts->x = guard->x;
      if (auto it = guard_binds_.find(guard); it != guard_binds_.end()) ts->bind = it->second;
      ts->clauses = std::move(clauses);
      return ts;
    }
    auto* s = make<SwitchStmt>(pos);
    s->init = h.init;
    s->tag = h.cond;
    s->clauses = std::move(clauses);
    return s;
  }

  CaseClause* case_clause() {
    auto* c = make<CaseClause>(tok_.pos);
    if (got(Tok::Case)) {
      c->list = expr_list();
    } else if (got(Tok::Default)) {
      c->is_default = true;
    } else {
      syntax_error("expected case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::RBrace});
    }
    want(Tok::Colon);
    c->body = stmt_list();
    return c;
  }

  Stmt* select_stmt() {
    auto* s = make<SelectStmt>(tok_.pos);
    want(Tok::Select);
    if (!got(Tok::LBrace)) {
      syntax_error("missing { after select clause");
      advance({Tok::Case, Tok::Default, Tok::RBrace});
    }
    while (!is(Tok::EOF_) && !is(Tok::RBrace)) {
      auto* c = make<CommClause>(tok_.pos);
      if (got(Tok::Case)) {
        c->comm = simple_stmt({}, Tok::EOF_);
      } else if (got(Tok::Default)) {
      } else {
        syntax_error("expected case or default or }");
        advance({Tok::Colon, Tok::Case, Tok::Default, Tok::RBrace});
      }
      want(Tok::Colon);
      c->body = stmt_list();
      s->clauses.push_back(c);
    }
    want(Tok::RBrace);
    return s;
  }
};

std::string Parser::stmt_text(Stmt* s) {
  if (s->kind == NodeKind::AssignStmt) {
    auto* a = static_cast<AssignStmt*>(s);
    auto list = [](const std::vector<Expr*>& l, bool emph) {
      std::string out;
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) out += ", ";
        std::string t = expr_text(l[i]);
        if (emph && l.size() == 1 && l[i]->kind == NodeKind::BinaryExpr) t = "(" + t + ")";
        out += t;
      }
      return out;
    };
    if (a->op == Op::Assign) return "assignment " + list(a->lhs, true) + " = " + list(a->rhs, true);
    if (a->op == Op::Define) return list(a->lhs, false) + " := " + list(a->rhs, false);
    return list(a->lhs, false) + " " + op_string(a->op) + "= " + list(a->rhs, false);
  }
  if (s->kind == NodeKind::IncDecStmt) {
    auto* i = static_cast<IncDecStmt*>(s);
    return expr_text(i->x) + (i->inc ? "++" : "--");
  }
  if (s->kind == NodeKind::SendStmt) {
    auto* i = static_cast<SendStmt*>(s);
    return expr_text(i->chan) + " <- " + expr_text(i->value);
  }
  return "statement";
}

}  // namespace
}  // namespace front

std::unique_ptr<File> parse_file(std::string_view source, const std::string& filename,
                                 std::vector<Diagnostic>& errors) {
  size_t before = errors.size();
  front::Parser parser(source, filename, errors);
  auto file = parser.parse();
  // Go type-checks past lexical errors (bad literals, stray characters) but
  // not past syntax errors.
  for (size_t i = before; i < errors.size(); ++i) {
    const std::string& m = errors[i].message;
    if (m.rfind("syntax error", 0) == 0 || m.rfind("expected 'package'", 0) == 0 || m == "too deeply nested" ||
        m == front::kTypeParametersUnsupported)
      return nullptr;
  }
  return file;
}

}  // namespace poollab::golite
