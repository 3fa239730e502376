// Go's builtin functions and conversions.
#include <algorithm>

#include "back/interp.hpp"
#include "utf8.hpp"

namespace poollab::golite {

namespace {

const Universe& U() { return universe(); }

Value make_slice(const Type* t, std::vector<Value> elems) {
  auto n = int64_t(elems.size());
  auto* a = new AggObj();
  a->v = std::move(elems);
  return Value::of_obj(t, new SliceObj(a, 0, n, n));
}

constexpr int64_t kSizeClasses[] = {0,    8,    16,   24,   32,    48,    64,    80,    96,    112,   128,   144,
                                    160,  176,  192,  208,  224,   240,   256,   288,   320,   352,   384,   416,
                                    448,  480,  512,  576,  640,   704,   768,   896,   1024,  1152,  1280,  1408,
                                    1536, 1792, 2048, 2304, 2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,
                                    6528, 6784, 6912, 8192, 9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
                                    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

int64_t roundup_size(int64_t size) {
  if (size <= 32768) {
    for (int64_t c : kSizeClasses)
      if (c >= size) return c;
  }
  const int64_t page = 8192;
  return (size + page - 1) / page * page;
}

// Go's maxAlloc on linux/amd64: make asks for more than this and Go panics with
// "len out of range" / "size out of range" instead of trying.
constexpr uint64_t kGoMaxAlloc = uint64_t{1} << 48;
constexpr uint64_t kGoChanHeader = 96;  // hchan's size, taken off maxAlloc for a channel's buffer

// The bytes `count` elements of `elem_size` take, saturating instead of overflowing.
uint64_t bytes_for(int64_t count, int64_t elem_size) {
  uint64_t bytes = 0;
  if (count < 0 || elem_size < 0) return UINT64_MAX;
  return __builtin_mul_overflow(uint64_t(count), uint64_t(elem_size), &bytes) ? UINT64_MAX : bytes;
}


}  // namespace

int64_t go_sizeof(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Bool:
    case Kind::Int8:
    case Kind::Uint8: return 1;
    case Kind::Int16:
    case Kind::Uint16: return 2;
    case Kind::Int32:
    case Kind::Uint32:
    case Kind::Float32: return 4;
    case Kind::String:
    case Kind::Interface: return 16;
    case Kind::Slice: return 24;
    case Kind::Array: {
      int64_t size = 0;  // saturates: a type too large to allocate is still only too large
      return __builtin_mul_overflow(u->length, go_sizeof(u->elem), &size) ? INT64_MAX : size;
    }
    case Kind::Struct: {
      int64_t size = 0, align = 1;
      for (const Field& f : u->fields) {
        int64_t s = go_sizeof(f.type);
        int64_t a = std::min<int64_t>(8, std::max<int64_t>(1, s >= 8 ? 8 : s >= 4 ? 4 : s >= 2 ? 2 : 1));
        const Type* fu = f.type->underlying();
        if (fu->kind == Kind::Struct || fu->kind == Kind::Array || fu->kind == Kind::String || fu->kind == Kind::Slice ||
            fu->kind == Kind::Interface)
          a = 8;
        if (s == 0) a = 1;
        align = std::max(align, a);
        size = (size + a - 1) / a * a;
        if (__builtin_add_overflow(size, s, &size)) return INT64_MAX;
      }
      return (size + align - 1) / align * align;
    }
    default: return 8;
  }
}

int64_t grow_cap(int64_t old_cap, int64_t needed, int64_t elem_size) {
  int64_t newcap = old_cap;
  int64_t doublecap = newcap + newcap;
  if (needed > doublecap) {
    newcap = needed;
  } else {
    const int64_t threshold = 256;
    if (old_cap < threshold) {
      newcap = doublecap;
    } else {
      while (newcap < needed) newcap += (newcap + 3 * threshold) >> 2;
      if (newcap <= 0) newcap = needed;
    }
  }
  if (elem_size <= 0) return newcap;
  int64_t mem = roundup_size(newcap * elem_size);
  return mem / elem_size;
}

Value Machine::convert(const Value& v, const Type* from, const Type* to) {
  if (to->is_interface()) return v;
  Kind tk = to->ukind();
  Kind fk = from ? from->ukind() : (v.tb ? v.type()->ukind() : Kind::Invalid);
  if (from && from->is_untyped() && v.tb) fk = v.type()->ukind();
  bool from_int = fk >= Kind::Int && fk <= Kind::Uintptr;
  bool from_float = fk == Kind::Float32 || fk == Kind::Float64;
  if (tk == Kind::String) {
    if (from_int) {
      std::string s;
      append_utf8(s, (v.i < 0 || v.i > 0x10FFFF) ? 0xFFFD : uint32_t(v.i));
      return Value::of_string(to, std::move(s));
    }
    if (fk == Kind::Slice) {
      std::string s;
      if (v.heap()) {
        auto* so = static_cast<SliceObj*>(v.o);
        Kind ek = from->underlying()->elem->ukind();
        for (int64_t i = 0; i < so->len; ++i) {
          if (ek == Kind::Uint8) s += char(so->data()[i].i);
          else append_utf8(s, uint32_t(so->data()[i].i));
        }
      }
      return Value::of_string(to, std::move(s));
    }
    return v.retyped(to);
  }
  if (tk == Kind::Slice && fk == Kind::String) {
    Kind ek = to->underlying()->elem->ukind();
    const Type* et = to->underlying()->elem;
    std::vector<Value> elems;
    std::string_view sv = str(v);
    if (ek == Kind::Uint8) {
      for (char c : sv) elems.push_back(Value::of_int(et, static_cast<unsigned char>(c)));
    } else {
      for (size_t i = 0; i < sv.size();) elems.push_back(Value::of_int(et, decode_utf8(sv, i)));
    }
    return make_slice(to, std::move(elems));
  }
  bool to_int = tk >= Kind::Int && tk <= Kind::Uintptr;
  bool to_float = tk == Kind::Float32 || tk == Kind::Float64;
  if (to_int) {
    if (from_float) {
      double f = v.f;
      int64_t i = (f != f || f >= 9.2e18 || f <= -9.2e18) ? INT64_MIN : int64_t(f);
      return Value::of_int(to, wrap_int(i, tk));
    }
    return Value::of_int(to, wrap_int(v.i, tk));
  }
  if (to_float) {
    double f;
    if (from_int) f = (fk >= Kind::Uint && fk <= Kind::Uintptr) ? double(uint64_t(v.i)) : double(v.i);
    else f = v.f;
    if (tk == Kind::Float32) f = double(float(f));
    return Value::of_float(to, f);
  }
  if (v.tb == 0) return zero_value(to);
  return v.retyped(to);
}

void Machine::call_builtin(const CallExpr* call, Builtin b, Value* args, size_t n, Value* out) {
  auto arg_type = [&](size_t i) -> const Type* {
    if (call && i < call->args.size()) return call->args[i]->type;
    return i < n && args[i].tb ? args[i].type() : nullptr;
  };
  switch (b) {
    case Builtin::Len:
    case Builtin::Cap: {
      const Value& x = args[0];
      const Type* t = arg_type(0);
      Kind k = t ? t->ukind() : Kind::Invalid;
      int64_t r = 0;
      switch (k) {
        case Kind::String:
        case Kind::UntypedString: r = int64_t(str(x).size()); break;
        case Kind::Slice:
          if (x.heap()) r = b == Builtin::Len ? static_cast<SliceObj*>(x.o)->len : static_cast<SliceObj*>(x.o)->cap;
          break;
        case Kind::Array: r = t->underlying()->length; break;
        case Kind::Pointer: r = t->underlying()->elem->underlying()->length; break;
        case Kind::Map:
          if (x.heap()) r = int64_t(static_cast<MapObj*>(x.o)->m.size());
          break;
        case Kind::Chan:
          if (x.heap()) {
            auto* c = static_cast<ChanObj*>(x.o);
            auto* core = c->core();
            if (core) r = int64_t(b == Builtin::Len ? core->len() : core->cap());
          }
          break;
        default: break;
      }
      *out = Value::of_int(U().int_type, r);
      return;
    }
    case Builtin::Append: {
      const Type* st = call ? call->type : args[0].type();
      const Type* et = st->underlying()->elem;
      std::vector<Value> extra;
      if (call && call->has_ellipsis) {
        const Value& src = args[1];
        if (src.tb && src.type()->ukind() == Kind::String) {
          for (char c : str(src)) extra.push_back(Value::of_int(et, static_cast<unsigned char>(c)));
        } else if (src.heap()) {
          auto* so = static_cast<SliceObj*>(src.o);
          for (int64_t i = 0; i < so->len; ++i) extra.push_back(copy_value(so->data()[i]));
        }
      } else {
        for (size_t i = 1; i < n; ++i) extra.push_back(args[i]);
      }
      const Value& s = args[0];
      int64_t len = 0, cap = 0;
      SliceObj* so = s.heap() ? static_cast<SliceObj*>(s.o) : nullptr;
      if (so) {
        len = so->len;
        cap = so->cap;
      }
      int64_t need = len + int64_t(extra.size());
      if (extra.empty()) {
        *out = s.tb ? s : Value::of_obj(st, nullptr);
        return;
      }
      if (so && need <= cap) {
        Value* d = so->data();
        for (size_t i = 0; i < extra.size(); ++i) d[len + int64_t(i)] = std::move(extra[i]);
        obj_retain(so->arr);
        *out = Value::of_obj(s.type() ? s.type() : st, new SliceObj(so->arr, so->off, need, cap));
        return;
      }
      int64_t newcap = grow_cap(cap, need, go_sizeof(et));
      check_allocation(uint64_t(newcap), sizeof(Value));  // golite keeps every element as a Value
      auto* arr = new AggObj(size_t(newcap));
      for (int64_t i = 0; i < len; ++i) arr->v[size_t(i)] = so->data()[i];
      for (size_t i = 0; i < extra.size(); ++i) arr->v[size_t(len) + i] = std::move(extra[i]);
      for (int64_t i = need; i < newcap; ++i) arr->v[size_t(i)] = zero_value(et);
      *out = Value::of_obj(s.tb ? s.type() : st, new SliceObj(arr, 0, need, newcap));
      return;
    }
    case Builtin::Copy: {
      const Value& dst = args[0];
      const Value& src = args[1];
      if (!dst.heap()) {
        *out = Value::of_int(U().int_type, 0);
        return;
      }
      auto* d = static_cast<SliceObj*>(dst.o);
      std::vector<Value> tmp;
      if (src.tb && src.type()->ukind() == Kind::String) {
        for (char c : str(src)) tmp.push_back(Value::of_int(U().byte_type, static_cast<unsigned char>(c)));
      } else if (src.heap()) {
        auto* s = static_cast<SliceObj*>(src.o);
        tmp.assign(s->data(), s->data() + s->len);
      }
      int64_t m = std::min<int64_t>(d->len, int64_t(tmp.size()));
      for (int64_t i = 0; i < m; ++i) assign_value(d->data()[i], tmp[size_t(i)]);
      *out = Value::of_int(U().int_type, m);
      return;
    }
    case Builtin::Delete: {
      if (args[0].heap()) static_cast<MapObj*>(args[0].o)->m.erase(args[1]);
      return;
    }
    case Builtin::Clear: {
      const Value& x = args[0];
      if (!x.heap()) return;
      if (x.o->kind == ObjKind::Map) {
        static_cast<MapObj*>(x.o)->m.clear();
      } else if (x.o->kind == ObjKind::Slice) {
        auto* so = static_cast<SliceObj*>(x.o);
        const Type* et = x.type()->underlying()->elem;
        for (int64_t i = 0; i < so->len; ++i) so->data()[i] = zero_value(et);
      }
      return;
    }
    case Builtin::Make: {
      const Type* t = call->args[0]->type;
      const Type* u = t->underlying();
      if (u->kind == Kind::Slice) {
        int64_t len = n > 0 ? args[0].i : 0;
        int64_t cap = n > 1 ? args[1].i : len;
        // Go's makeslice: the length's range is reported first, then the capacity's.
        int64_t es = go_sizeof(u->elem);
        if (len < 0 || bytes_for(len, es) > kGoMaxAlloc) runtime_panic("makeslice: len out of range");
        if (cap < len || bytes_for(cap, es) > kGoMaxAlloc) runtime_panic("makeslice: cap out of range");
        check_allocation(uint64_t(cap), sizeof(Value));
        auto* a = new AggObj(size_t(cap));
        for (auto& e : a->v) e = zero_value(u->elem);
        *out = Value::of_obj(t, new SliceObj(a, 0, len, cap));
      } else if (u->kind == Kind::Map) {
        *out = Value::of_obj(t, new MapObj());
      } else if (u->kind == Kind::Chan) {
        int64_t cap = n > 0 ? args[0].i : 0;
        // Go's makechan panics with a plain error here, without "runtime error: ".
        if (cap < 0 || bytes_for(cap, go_sizeof(u->elem)) > kGoMaxAlloc - kGoChanHeader)
          plain_runtime_panic("makechan: size out of range");
        check_allocation(uint64_t(cap), sizeof(Value) + sizeof(std::uint64_t));  // a slot: a Value and its stamp
        auto* c = new ChanObj();
        c->ch = rt::Chan<Value>(long(cap));
        *out = Value::of_obj(t, c);
      }
      return;
    }
    case Builtin::New: {
      const Type* t = call->args[0]->type;
      auto* box = new BoxObj(zero_value(t));
      auto* p = new PtrObj(box, &box->v);
      obj_release(box);
      *out = Value::of_obj(call->type, p);
      return;
    }
    case Builtin::Close: {
      const Value& ch = args[0];
      if (!ch.heap()) {
        rt::Chan<Value> nil;
        nil.close();
        return;
      }
      auto* c = static_cast<ChanObj*>(ch.o);
      if (c->elem == ChanObj::Elem::Value) c->ch.close();
      return;
    }
    case Builtin::Panic: {
      const Value& v = args[0];
      if (v.tb == 0) {
        Value err = Value::of_obj(native_types().runtime_error,
                                  new ErrObj("panic called with nil argument (use runtime.PanicNilError)"));
        throw rt::Panic("panic called with nil argument (use runtime.PanicNilError)", std::any(err));
      }
      std::string text = fmt::panic_text(v, this);
      if (v.type()->kind == Kind::Named || fmt::find_dyn_method(v.type(), "Error")) {
        // Go adds the error's dynamic type for errors only when printing goexit; nothing to add here.
      }
      throw rt::Panic(text, std::any(v));
    }
    case Builtin::Recover: {
      PanicState* ps = panicking_;
      if (ps && !ps->recovered && depth_ == ps->defer_depth) {
        ps->recovered = true;
        rt::emit_recover(ps->panic.text);
        *out = ps->value;
        return;
      }
      *out = Value();
      return;
    }
    case Builtin::Print:
    case Builtin::Println: {
      std::string s;
      for (size_t i = 0; i < n; ++i) {
        if (b == Builtin::Println && i > 0) s += ' ';
        s += fmt::print_builtin(args[i]);
      }
      if (b == Builtin::Println) s += '\n';
      I.write_stderr(s);
      return;
    }
    case Builtin::Min:
    case Builtin::Max: {
      Value best = args[0];
      Kind k = best.tb ? best.type()->ukind() : Kind::Int;
      for (size_t i = 1; i < n; ++i) {
        const Value& x = args[i];
        bool less;
        if (k == Kind::String) less = str(x) < str(best);
        else if (k == Kind::Float32 || k == Kind::Float64) less = x.f < best.f;
        else if (k >= Kind::Uint && k <= Kind::Uintptr) less = uint64_t(x.i) < uint64_t(best.i);
        else less = x.i < best.i;
        bool greater;
        if (k == Kind::String) greater = str(best) < str(x);
        else if (k == Kind::Float32 || k == Kind::Float64) greater = best.f < x.f;
        else if (k >= Kind::Uint && k <= Kind::Uintptr) greater = uint64_t(best.i) < uint64_t(x.i);
        else greater = best.i < x.i;
        if ((b == Builtin::Min && less) || (b == Builtin::Max && greater)) best = x;
      }
      *out = best;
      return;
    }
    default: break;
  }
  throw rt::Panic("golite: unsupported builtin");
}

}  // namespace poollab::golite
