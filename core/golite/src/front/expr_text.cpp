// Renders expressions the way Go's compiler quotes them in messages.
#include "front/expr_text.hpp"

namespace poollab::golite {

const char* op_string(Op op) {
  switch (op) {
    case Op::Add: return "+"; case Op::Sub: return "-"; case Op::Mul: return "*"; case Op::Quo: return "/";
    case Op::Rem: return "%"; case Op::And: return "&"; case Op::Or: return "|"; case Op::Xor: return "^";
    case Op::Shl: return "<<"; case Op::Shr: return ">>"; case Op::AndNot: return "&^";
    case Op::LAnd: return "&&"; case Op::LOr: return "||"; case Op::Eql: return "=="; case Op::Neq: return "!=";
    case Op::Lss: return "<"; case Op::Leq: return "<="; case Op::Gtr: return ">"; case Op::Geq: return ">=";
    case Op::Not: return "!"; case Op::Arrow: return "<-"; case Op::Assign: return "="; case Op::Define: return ":=";
    case Op::Inc: return "++"; case Op::Dec: return "--";
    default: return "?";
  }
}

namespace front {
namespace {

void fields_text(std::string& out, const std::vector<FieldDecl>& fields, const char* sep) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += sep;
    const auto& f = fields[i];
    for (size_t n = 0; n < f.names.size(); ++n) {
      if (n) out += ", ";
      out += f.names[n]->name;
    }
    if (!f.names.empty()) out += " ";
    out += expr_text(f.type);
  }
}

void sig_text(std::string& out, const FuncType* f) {
  out += "(";
  fields_text(out, f->params, ", ");
  out += ")";
  if (f->results.size() == 1 && f->results[0].names.empty()) {
    out += " " + expr_text(f->results[0].type);
  } else if (!f->results.empty()) {
    out += " (";
    fields_text(out, f->results, ", ");
    out += ")";
  }
}

}  // namespace

std::string expr_text(const Expr* e) {
  if (!e) return "";
  switch (e->kind) {
    case NodeKind::BadExpr: return "_";
    case NodeKind::Ident: return static_cast<const Ident*>(e)->name;
    case NodeKind::BasicLit: return static_cast<const BasicLit*>(e)->raw;
    case NodeKind::CompositeLit: {
      auto* c = static_cast<const CompositeLit*>(e);
      return expr_text(c->type_expr) + (c->elts.empty() ? "{}" : "{…}");
    }
    case NodeKind::FuncLit: {
      auto* f = static_cast<const FuncLit*>(e);
      std::string out = "func";
      sig_text(out, f->sig);
      return out + " {…}";
    }
    case NodeKind::ParenExpr: return "(" + expr_text(static_cast<const ParenExpr*>(e)->x) + ")";
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<const SelectorExpr*>(e);
      return expr_text(s->x) + "." + s->sel;
    }
    case NodeKind::IndexExpr: {
      auto* i = static_cast<const IndexExpr*>(e);
      return expr_text(i->x) + "[" + expr_text(i->index) + "]";
    }
    case NodeKind::SliceExpr: {
      auto* s = static_cast<const SliceExpr*>(e);
      std::string out = expr_text(s->x) + "[" + expr_text(s->lo) + ":" + expr_text(s->hi);
      if (s->slice3) out += ":" + expr_text(s->max);
      return out + "]";
    }
    case NodeKind::TypeAssertExpr: {
      auto* t = static_cast<const TypeAssertExpr*>(e);
      return expr_text(t->x) + ".(" + (t->type_expr ? expr_text(t->type_expr) : "type") + ")";
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<const CallExpr*>(e);
      std::string out = expr_text(c->fun) + "(";
      for (size_t i = 0; i < c->args.size(); ++i) {
        if (i) out += ", ";
        out += expr_text(c->args[i]);
      }
      if (c->has_ellipsis) out += "...";
      return out + ")";
    }
    case NodeKind::StarExpr: return "*" + expr_text(static_cast<const StarExpr*>(e)->x);
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<const UnaryExpr*>(e);
      return std::string(op_string(u->op)) + expr_text(u->x);
    }
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<const BinaryExpr*>(e);
      return expr_text(b->x) + " " + op_string(b->op) + " " + expr_text(b->y);
    }
    case NodeKind::KeyValueExpr: {
      auto* k = static_cast<const KeyValueExpr*>(e);
      return expr_text(k->key) + ": " + expr_text(k->value);
    }
    case NodeKind::ArrayType: {
      auto* a = static_cast<const ArrayType*>(e);
      if (a->slice) return "[]" + expr_text(a->elem);
      return "[" + expr_text(a->len) + "]" + expr_text(a->elem);
    }
    case NodeKind::MapType: {
      auto* m = static_cast<const MapType*>(e);
      return "map[" + expr_text(m->key) + "]" + expr_text(m->value);
    }
    case NodeKind::ChanType: {
      auto* c = static_cast<const ChanType*>(e);
      const char* prefix = c->dir == ChanDir::Send ? "chan<- " : c->dir == ChanDir::Recv ? "<-chan " : "chan ";
      return prefix + expr_text(c->elem);
    }
    case NodeKind::FuncType: {
      std::string out = "func";
      sig_text(out, static_cast<const FuncType*>(e));
      return out;
    }
    case NodeKind::StructType: {
      auto* s = static_cast<const StructType*>(e);
      if (s->fields.empty()) return "struct{}";
      std::string out = "struct{";
      fields_text(out, s->fields, "; ");
      return out + "}";
    }
    case NodeKind::InterfaceType: {
      auto* s = static_cast<const InterfaceType*>(e);
      if (s->methods.empty()) return "interface{}";
      std::string out = "interface{";
      for (size_t i = 0; i < s->methods.size(); ++i) {
        if (i) out += "; ";
        const auto& m = s->methods[i];
        if (!m.names.empty()) {
          out += m.names[0]->name;
          sig_text(out, static_cast<const FuncType*>(m.type));
        } else {
          out += expr_text(m.type);
        }
      }
      return out + "}";
    }
    case NodeKind::Ellipsis: {
      auto* el = static_cast<const Ellipsis*>(e);
      return "..." + expr_text(el->elem);
    }
    default: return "?";
  }
}

}  // namespace front
}  // namespace poollab::golite
