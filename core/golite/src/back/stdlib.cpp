// The standard-library subset: one case per stdlib_decls.hpp member.
#include <algorithm>
#include <mutex>
#include <atomic>
#include <cctype>
#include <cstring>
#include <charconv>
#include <cmath>
#include <thread>

#include "back/interp.hpp"
#include "utf8.hpp"

namespace poollab::golite {

namespace {

const Universe& U() { return universe(); }

// x < y for two values of one ordered type (integers, floats, strings), as cmp.Less:
// a NaN sorts before every other float.
bool ordered_less(const Value& x, const Value& y) {
  const Type* t = x.type();
  if (t && t->is_string()) return str(x) < str(y);
  if (t && t->is_float()) return (std::isnan(x.f) && !std::isnan(y.f)) || x.f < y.f;
  if (t && t->is_unsigned()) return uint64_t(x.i) < uint64_t(y.i);
  return x.i < y.i;
}

struct SliceView {
  Value* data = nullptr;
  int64_t len = 0;
};
SliceView view(const Value& s) {
  if (!s.heap() || s.o->kind != ObjKind::Slice) return {};
  auto* so = static_cast<SliceObj*>(s.o);
  return {so->data(), so->len};
}

Value string_slice(const Type* t, const std::vector<std::string>& parts) {
  const Type* st = t ? t : U().slice_of(U().string_type);
  const Type* et = st->underlying()->elem;
  auto* a = new AggObj(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) a->v[i] = Value::of_string(et, parts[i]);
  auto n = int64_t(parts.size());
  return Value::of_obj(st, new SliceObj(a, 0, n, n));
}

const Type* result_type(const CallExpr* call, size_t i, const Type* fallback) {
  if (!call || !call->type) return fallback;
  if (call->type->kind == Kind::Tuple) return i < call->type->elems.size() ? call->type->elems[i] : fallback;
  return i == 0 ? call->type : fallback;
}

// The context object behind a context.Context value (null for a nil Context).
const CtxObj* ctx_obj(const Value& v) { return v.heap() && v.o->kind == ObjKind::Ctx ? static_cast<CtxObj*>(v.o) : nullptr; }
// Its runtime context (Background for a nil Context) and its WithValue pairs.
rt::Context rt_ctx(const Value& v) {
  const CtxObj* c = ctx_obj(v);
  return c ? c->ctx : rt::Context::background();
}
std::shared_ptr<const CtxValueNode> ctx_values(const Value& v) {
  const CtxObj* c = ctx_obj(v);
  return c ? c->values : nullptr;
}

// The object a pointer receiver points at (WaitGroup, Mutex, Builder, struct...).
Value* pointee(Machine& m, const Value& p) {
  if (!p.heap() || p.o->kind != ObjKind::Ptr) {
    m.nil_dereference();
  }
  return static_cast<PtrObj*>(p.o)->target;
}

uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// One sync/atomic member: which operation, on which integer kind, and whether it is a
// method of an atomic type (whose value sits in the type's one field).
enum class AtomicOp : uint8_t { Add, Load, Store, Swap, CompareAndSwap };
struct AtomicCall {
  AtomicOp op;
  Kind kind;
  bool method;
  bool boolean;
};
AtomicCall parse_atomic_call(Member m) {
  const MemberInfo& info = member_info(m);
  const bool method = !info.recv.empty();
  // "AddInt32" / "Int32.Add": the operation is the name without the type, the type the rest.
  std::string_view type = method ? info.recv : info.name;
  std::string_view op = info.name;
  for (std::string_view t : {"Int32", "Int64", "Uint32", "Uint64"}) {
    if (!method && op.size() > t.size() && op.substr(op.size() - t.size()) == t) {
      type = t;
      op = op.substr(0, op.size() - t.size());
    }
  }
  AtomicCall c{AtomicOp::Load, Kind::Uint32, method, type == "Bool"};
  if (type == "Int32") c.kind = Kind::Int32;
  if (type == "Int64") c.kind = Kind::Int64;
  if (type == "Uint64") c.kind = Kind::Uint64;
  if (op == "Add") c.op = AtomicOp::Add;
  if (op == "Store") c.op = AtomicOp::Store;
  if (op == "Swap") c.op = AtomicOp::Swap;
  if (op == "CompareAndSwap") c.op = AtomicOp::CompareAndSwap;
  return c;
}
// The same, read from the member's name once per run of the process rather than on
// every atomic operation (members of other packages get a meaningless entry).
const AtomicCall& atomic_call(Member m) {
  static const std::vector<AtomicCall> table = [] {
    std::vector<AtomicCall> t;
    for (int i = 0; i < int(Member::Count); ++i) t.push_back(parse_atomic_call(Member(i)));
    return t;
  }();
  return table[size_t(m)];
}

// Go's math.Max and math.Min: infinities first, then NaN, then the sign of zero.
double go_max(double x, double y) {
  if (std::isinf(x) && x > 0) return x;
  if (std::isinf(y) && y > 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::nan("");
  if (x == 0 && x == y) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}
double go_min(double x, double y) {
  if (std::isinf(x) && x < 0) return x;
  if (std::isinf(y) && y < 0) return y;
  if (std::isnan(x) || std::isnan(y)) return std::nan("");
  if (x == 0 && x == y) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

std::string num_error(const char* fn, std::string_view s, const char* what) {
  return std::string("strconv.") + fn + ": parsing " + fmt::quote(s) + ": " + what;
}

bool parse_int(std::string_view s, int base, int64_t& out, const char*& err) {
  err = nullptr;
  std::string_view t = s;
  bool neg = false;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    neg = t[0] == '-';
    t.remove_prefix(1);
  }
  if (base == 0) {
    base = 10;
    if (t.size() > 1 && t[0] == '0') {
      if (t[1] == 'x' || t[1] == 'X') {
        base = 16;
        t.remove_prefix(2);
      } else if (t[1] == 'b' || t[1] == 'B') {
        base = 2;
        t.remove_prefix(2);
      } else if (t[1] == 'o' || t[1] == 'O') {
        base = 8;
        t.remove_prefix(2);
      } else {
        base = 8;
        t.remove_prefix(1);
      }
    }
  }
  if (t.empty()) {
    err = "invalid syntax";
    return false;
  }
  uint64_t v = 0;
  for (char c : t) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else d = 99;
    if (d >= base) {
      err = "invalid syntax";
      return false;
    }
    if (v > (UINT64_MAX - uint64_t(d)) / uint64_t(base)) {
      err = "value out of range";
      v = UINT64_MAX;
      continue;
    }
    v = v * uint64_t(base) + uint64_t(d);
  }
  if (err) return false;
  if (!neg && v > uint64_t(INT64_MAX)) {
    err = "value out of range";
    out = INT64_MAX;
    return false;
  }
  if (neg && v > uint64_t(INT64_MAX) + 1) {
    err = "value out of range";
    out = INT64_MIN;
    return false;
  }
  out = neg ? int64_t(0 - v) : int64_t(v);
  return true;
}

std::string to_upper(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = char(std::toupper(static_cast<unsigned char>(c)));
  return r;
}
std::string to_lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = char(std::tolower(static_cast<unsigned char>(c)));
  return r;
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string replace(std::string_view s, std::string_view old, std::string_view neu, int64_t n) {
  std::string out;
  if (old.empty()) {
    // Go inserts `neu` before every rune and at the end.
    int64_t count = 0;
    size_t i = 0;
    while (i <= s.size()) {
      if (n >= 0 && count >= n) {
        out.append(s.substr(i));
        break;
      }
      out.append(neu);
      ++count;
      if (i == s.size()) break;
      size_t w = 1;
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xF0) w = 4;
      else if (c >= 0xE0) w = 3;
      else if (c >= 0xC0) w = 2;
      out.append(s.substr(i, w));
      i += w;
    }
    return out;
  }
  size_t i = 0;
  int64_t count = 0;
  while (true) {
    size_t j = s.find(old, i);
    if (j == std::string_view::npos || (n >= 0 && count >= n)) break;
    out.append(s.substr(i, j - i));
    out.append(neu);
    i = j + old.size();
    ++count;
  }
  out.append(s.substr(i));
  return out;
}

}  // namespace

void Machine::call_stdlib(Member m, const CallExpr* call, Value* a, size_t n, Value* out, size_t nout) {
  Value scratch[4];
  if (!out || nout == 0) {
    out = scratch;
    nout = 4;
  }
  const Type* string_t = U().string_type;
  const Type* int_t = U().int_type;
  const Type* bool_t = U().bool_type;
  const NativeTypes& nt = native_types();
  auto S = [&](size_t i) { return i < n ? str(a[i]) : std::string_view(); };
  auto set_str = [&](size_t i, std::string s) { out[i] = Value::of_string(result_type(call, i, string_t), std::move(s)); };
  auto set_int = [&](size_t i, int64_t v) { out[i] = Value::of_int(result_type(call, i, int_t), v); };
  auto set_bool = [&](size_t i, bool v) { out[i] = Value::of_bool(result_type(call, i, bool_t), v); };
  auto set_float = [&](double v) { out[0] = Value::of_float(result_type(call, 0, U().float64_type), v); };
  auto nil_error = [&](size_t i) { out[i] = Value(); };
  // fmt.Fprint*'s writer, through its Write method: the program's own, or the library's
  // (*strings.Builder; *os.File for os.Stdout and os.Stderr). Sets Fprint's results from
  // Write's: the bytes written and the writer's error.
  auto write_to = [&](const Value& w, const std::string& s) {
    std::vector<int> path;
    const Method* write = w.tb == 0 ? nullptr : fmt::find_dyn_method(w.type(), "Write", &path);
    if (!write) nil_dereference();  // a nil io.Writer (the checker lets nothing else through)
    Value args[2] = {method_receiver(w, *write, path),
                     convert(Value::of_string(string_t, s), string_t, U().slice_of(U().byte_type))};
    Value results[2];
    if (write->member >= 0) call_stdlib(static_cast<Member>(write->member), nullptr, args, 2, results, 2);
    else call_from_native(*write, args, 2, results, 2);
    out[0] = Value::of_int(result_type(call, 0, int_t), results[0].i);
    if (nout > 1) out[1] = results[1];
  };
  auto duration_of = [&](int64_t d) { return Value::of_int(result_type(call, 0, nt.duration), d); };
  (void)nout;

  switch (m) {
    // ---------------------------------------------------------------- fmt
    case Member::fmt_Print: {
      auto v = view(a[0]);
      I.write_stdout(fmt::sprint(v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Println: {
      auto v = view(a[0]);
      I.write_stdout(fmt::sprintln(v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Printf: {
      auto v = view(a[1]);
      I.write_stdout(fmt::sprintf(S(0), v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Sprint: {
      auto v = view(a[0]);
      set_str(0, fmt::sprint(v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Sprintln: {
      auto v = view(a[0]);
      set_str(0, fmt::sprintln(v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Sprintf: {
      auto v = view(a[1]);
      set_str(0, fmt::sprintf(S(0), v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Fprint: {
      auto v = view(a[1]);
      write_to(a[0], fmt::sprint(v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Fprintln: {
      auto v = view(a[1]);
      write_to(a[0], fmt::sprintln(v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Fprintf: {
      auto v = view(a[2]);
      write_to(a[0], fmt::sprintf(S(1), v.data, size_t(v.len), this));
      return;
    }
    case Member::fmt_Errorf: {
      auto v = view(a[1]);
      std::string_view f = S(0);
      std::string msg = fmt::sprintf(f, v.data, size_t(v.len), this);
      auto* e = new ErrObj(msg);
      // Which operands are %w?
      size_t argi = 0;
      for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') continue;
        ++i;
        while (i < f.size() && std::strchr("+-# 0123456789.", f[i])) ++i;
        if (i >= f.size()) break;
        if (f[i] == '%') continue;
        if (f[i] == 'w' && int64_t(argi) < v.len) e->wrapped.push_back(v.data[argi]);
        ++argi;
      }
      out[0] = Value::of_obj(e->wrapped.empty() ? nt.error_string : nt.wrap_error, e);
      return;
    }
    case Member::fmt_wrapError_Error:
    case Member::errors_errorString_Error: {
      const Value& r = a[0];
      set_str(0, r.heap() && r.o->kind == ObjKind::Err ? static_cast<ErrObj*>(r.o)->msg : std::string());
      return;
    }
    case Member::fmt_wrapError_Unwrap: {
      const Value& r = a[0];
      if (r.heap() && r.o->kind == ObjKind::Err && !static_cast<ErrObj*>(r.o)->wrapped.empty())
        out[0] = static_cast<ErrObj*>(r.o)->wrapped[0];
      else
        out[0] = Value();
      return;
    }
    // ---------------------------------------------------------------- sync
    case Member::sync_WaitGroup_Add:
    case Member::sync_WaitGroup_Done:
    case Member::sync_WaitGroup_Wait: {
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::WaitGroup) *t = zero_value(t->type());
      rt::WaitGroup& wg = static_cast<WaitGroupObj*>(t->o)->wg;
      if (m == Member::sync_WaitGroup_Add) wg.add(long(a[1].i));
      else if (m == Member::sync_WaitGroup_Done) wg.done();
      else wg.wait();
      return;
    }
    case Member::sync_Mutex_Lock:
    case Member::sync_Mutex_Unlock:
    case Member::sync_Mutex_TryLock: {
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::Mutex) *t = zero_value(t->type());
      rt::Mutex& mu = static_cast<MutexObj*>(t->o)->mu;
      if (m == Member::sync_Mutex_TryLock) set_bool(0, mu.try_lock());
      else if (m == Member::sync_Mutex_Lock) mu.lock();
      else mu.unlock();
      return;
    }
    case Member::sync_RWMutex_Lock:
    case Member::sync_RWMutex_Unlock:
    case Member::sync_RWMutex_RLock:
    case Member::sync_RWMutex_RUnlock:
    case Member::sync_RWMutex_TryLock:
    case Member::sync_RWMutex_TryRLock: {
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::RWMutex) *t = zero_value(t->type());
      rt::RWMutex& mu = static_cast<RWMutexObj*>(t->o)->mu;
      if (m == Member::sync_RWMutex_Lock) mu.lock();
      else if (m == Member::sync_RWMutex_Unlock) mu.unlock();
      else if (m == Member::sync_RWMutex_RLock) mu.rlock();
      else if (m == Member::sync_RWMutex_TryLock) set_bool(0, mu.try_lock());
      else if (m == Member::sync_RWMutex_TryRLock) set_bool(0, mu.try_rlock());
      else mu.runlock();
      return;
    }
    case Member::sync_RWMutex_RLocker: out[0] = a[0].retyped(nt.rlocker); return;  // (*rlocker)(rw), as Go
    case Member::sync_rlocker_Lock:
    case Member::sync_rlocker_Unlock: {
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::RWMutex) *t = zero_value(t->type());
      rt::RWMutex& mu = static_cast<RWMutexObj*>(t->o)->mu;
      if (m == Member::sync_rlocker_Lock) mu.rlock();
      else mu.runlock();
      return;
    }
    case Member::sync_Map_Load:
    case Member::sync_Map_Store:
    case Member::sync_Map_LoadOrStore:
    case Member::sync_Map_LoadAndDelete:
    case Member::sync_Map_Delete:
    case Member::sync_Map_Range:
    case Member::sync_Map_Swap:
    case Member::sync_Map_CompareAndSwap:
    case Member::sync_Map_CompareAndDelete: {
      // The entries live in a map object in the Map's one field, guarded by the run's
      // sync.Map mutex; Range calls f on a copy of the entries, without the mutex, so
      // f may use the map (as Go allows).
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::Agg) return;
      Value& field = static_cast<AggObj*>(t->o)->v[0];
      std::unique_lock lk(I.sync_map_mu);
      if (!field.heap() || field.o->kind != ObjKind::Map) field = Value::of_obj(nullptr, new MapObj());
      auto& entries = static_cast<MapObj*>(field.o)->m;
      auto found = m == Member::sync_Map_Range || m == Member::sync_Map_Store ? entries.end() : entries.find(a[1]);
      const bool present = found != entries.end();
      switch (m) {
        case Member::sync_Map_Load:
          out[0] = present ? found->second : Value();
          set_bool(1, present);
          return;
        case Member::sync_Map_Store: entries[a[1]] = a[2]; return;
        case Member::sync_Map_LoadOrStore:
          if (!present) entries[a[1]] = a[2];
          out[0] = present ? found->second : a[2];
          set_bool(1, present);
          return;
        case Member::sync_Map_LoadAndDelete:
          out[0] = present ? found->second : Value();
          if (present) entries.erase(found);
          set_bool(1, present);
          return;
        case Member::sync_Map_Delete:
          if (present) entries.erase(found);
          return;
        case Member::sync_Map_Swap:
          out[0] = present ? found->second : Value();
          entries[a[1]] = a[2];
          set_bool(1, present);
          return;
        case Member::sync_Map_CompareAndSwap:
          if (present && values_equal(found->second, a[2])) {
            found->second = a[3];
            set_bool(0, true);
          } else {
            set_bool(0, false);
          }
          return;
        case Member::sync_Map_CompareAndDelete:
          if (present && values_equal(found->second, a[2])) {
            entries.erase(found);
            set_bool(0, true);
          } else {
            set_bool(0, false);
          }
          return;
        default: break;
      }
      std::vector<std::pair<Value, Value>> snapshot(entries.begin(), entries.end());
      lk.unlock();
      for (auto& [key, value] : snapshot) {
        std::vector<Value> kv{key, value};
        Value more;
        call_value(a[1], kv, &more, 1);
        if (more.i == 0) break;
      }
      return;
    }
    case Member::sync_Once_Do: {
      // As Go's: the first caller runs f holding the Once's mutex, so every other caller
      // waits (parked on sync.Mutex.Lock) until f has returned, or panicked.
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::Agg) return;
      auto* once = static_cast<AggObj*>(t->o);
      std::atomic_ref<int64_t> done(once->v[0].i);
      if (done.load(std::memory_order_acquire) != 0) return;
      Value& mv = once->v[1];
      if (!mv.heap() || mv.o->kind != ObjKind::Mutex) mv = zero_value(mv.type());
      rt::Mutex& mu = static_cast<MutexObj*>(mv.o)->mu;
      mu.lock();
      if (done.load(std::memory_order_relaxed) == 0) {
        std::vector<Value> none;
        try {
          call_value(a[1], none, nullptr, 0);
        } catch (const rt::Aborted&) {
          throw;  // the run is being torn down: nobody waits on the mutex any more
        } catch (...) {
          done.store(1, std::memory_order_release);  // a panicking f still counts as done
          mu.unlock();
          throw;
        }
        done.store(1, std::memory_order_release);
      }
      mu.unlock();
      return;
    }
    // ---------------------------------------------------------------- time
    case Member::time_Sleep: rt::sleep(a[0].i); return;
    case Member::time_Now: out[0] = Value::of_int(result_type(call, 0, nt.time_type), rt::now()); return;
    case Member::time_Since: out[0] = duration_of(rt::now() - a[0].i); return;
    case Member::time_Until: out[0] = duration_of(a[0].i - rt::now()); return;
    case Member::time_After:
    case Member::time_Tick: {
      auto* c = new ChanObj();
      c->elem = ChanObj::Elem::Time;
      if (m == Member::time_After) {
        c->tch = rt::after(a[0].i);
      } else {
        auto* keep = new TimerObj();
        keep->ticker = std::make_unique<rt::Ticker>(a[0].i);
        c->tch = keep->ticker->c();
        std::lock_guard lk(I.keep_alive_mu);
        I.keep_alive.push_back(Value::of_obj(nullptr, keep));
      }
      out[0] = Value::of_obj(result_type(call, 0, nt.time_chan), c);
      return;
    }
    case Member::time_NewTimer:
    case Member::time_NewTicker:
    case Member::time_AfterFunc: {
      auto* tobj = new TimerObj();
      Value hidden = Value::of_obj(int_t, tobj);
      Value chan = Value::of_obj(nt.time_chan, nullptr);  // nil, as Go's AfterFunc timer's C
      if (m != Member::time_AfterFunc) {
        auto* c = new ChanObj();
        c->elem = ChanObj::Elem::Time;
        chan = Value::of_obj(nt.time_chan, c);
        if (m == Member::time_NewTicker) {
          tobj->ticker = std::make_unique<rt::Ticker>(a[0].i);
          c->tch = tobj->ticker->c();
        } else {
          tobj->timer = std::make_unique<rt::Timer>(a[0].i);
          c->tch = tobj->timer->c();
        }
      } else {
        // Go's AfterFunc timer has a nil C; its goroutine starts only when the timer fires.
        Callee callee;
        callee.k = Callee::K::FuncValue;
        callee.func = a[1];
        std::string name = callee.name();
        // Weak: a timer that never fires must not keep the run alive (the program's
        // own goroutines do that while it can still fire).
        std::weak_ptr<Interp> weak = in_;
        tobj->after_func = std::make_unique<rt::AfterFunc>(a[0].i, std::move(name), [weak, callee]() {
          std::shared_ptr<Interp> in = weak.lock();
          if (!in) return;
          Machine mm(in);
          std::vector<Value> none;
          mm.run_goroutine(callee, none);
        });
      }
      const Type* pt = result_type(call, 0, m == Member::time_NewTicker ? nt.ticker_ptr : nt.timer_ptr);
      auto* agg = new AggObj(2);
      agg->v[0] = chan;
      agg->v[1] = hidden;
      auto* box = new BoxObj(Value::of_obj(pt->underlying()->elem ? pt->underlying()->elem : pt, agg, true));
      auto* p = new PtrObj(box, &box->v);
      obj_release(box);
      out[0] = Value::of_obj(pt, p);
      return;
    }
    case Member::time_Duration_Seconds:
      out[0] = Value::of_float(U().float64_type, double(a[0].i / 1000000000) + double(a[0].i % 1000000000) / 1e9);
      return;
    case Member::time_Duration_Minutes:
      out[0] = Value::of_float(U().float64_type, double(a[0].i / 60000000000) + double(a[0].i % 60000000000) / 6e10);
      return;
    case Member::time_Duration_Hours:
      out[0] = Value::of_float(U().float64_type, double(a[0].i / 3600000000000) + double(a[0].i % 3600000000000) / 3.6e12);
      return;
    case Member::time_Duration_Milliseconds: out[0] = Value::of_int(U().int64_type, a[0].i / 1000000); return;
    case Member::time_Duration_Microseconds: out[0] = Value::of_int(U().int64_type, a[0].i / 1000); return;
    case Member::time_Duration_Nanoseconds: out[0] = Value::of_int(U().int64_type, a[0].i); return;
    case Member::time_Duration_String: set_str(0, fmt::duration_string(a[0].i)); return;
    case Member::time_Duration_Round:
    case Member::time_Duration_Truncate: {
      int64_t d = a[0].i, u = a[1].i;
      if (u <= 0) {
        out[0] = duration_of(d);
        return;
      }
      int64_t r = d % u;
      int64_t res = d - r;
      if (m == Member::time_Duration_Round) {
        if (d < 0) {
          r = -r;
          if (r + r >= u) res = d + r - u;
          else res = d + r;
        } else if (r + r >= u) {
          res = d + u - r;
        }
      }
      out[0] = duration_of(res);
      return;
    }
    case Member::time_Time_Sub: out[0] = duration_of(a[0].i - a[1].i); return;
    case Member::time_Time_Add: out[0] = Value::of_int(a[0].type(), a[0].i + a[1].i); return;
    case Member::time_Time_Before: set_bool(0, a[0].i < a[1].i); return;
    case Member::time_Time_Equal: set_bool(0, a[0].i == a[1].i); return;
    case Member::time_Time_After: set_bool(0, a[0].i > a[1].i); return;
    case Member::time_Timer_Stop:
    case Member::time_Timer_Reset:
    case Member::time_Ticker_Stop:
    case Member::time_Ticker_Reset: {
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::Agg) return;
      Value& hidden = static_cast<AggObj*>(t->o)->v[1];
      if (!hidden.heap() || hidden.o->kind != ObjKind::Timer) return;
      auto* tobj = static_cast<TimerObj*>(hidden.o);
      if (m == Member::time_Timer_Stop && tobj->timer) set_bool(0, tobj->timer->stop());
      else if (m == Member::time_Timer_Reset && tobj->timer) set_bool(0, tobj->timer->reset(a[1].i));
      else if (m == Member::time_Timer_Stop && tobj->after_func) set_bool(0, tobj->after_func->stop());
      else if (m == Member::time_Timer_Reset && tobj->after_func) set_bool(0, tobj->after_func->reset(a[1].i));
      else if (m == Member::time_Ticker_Stop && tobj->ticker) tobj->ticker->stop();
      else if (m == Member::time_Ticker_Reset && tobj->ticker) {
        tobj->ticker->stop();
        auto* c = static_cast<ChanObj*>(static_cast<AggObj*>(t->o)->v[0].o);
        tobj->ticker = std::make_unique<rt::Ticker>(a[1].i);
        c->tch = tobj->ticker->c();
      }
      return;
    }
    // ---------------------------------------------------------------- context
    case Member::context_Background:
    case Member::context_TODO: out[0] = Value::of_obj(nt.ctx, new CtxObj(rt::Context::background())); return;
    case Member::context_WithCancel:
    case Member::context_WithTimeout:
    case Member::context_WithDeadline:
    case Member::context_WithCancelCause: {
      // A child of a[0]: its cancellation in the runtime, its parent's WithValue pairs.
      rt::Context parent = rt_ctx(a[0]);
      rt::Context child = parent;  // set below, with the cancel func
      auto* f = new FuncObj();
      Value cancel_value = Value::of_obj(result_type(call, 1, nt.cancel_func), f);  // owns f from here
      if (m == Member::context_WithCancelCause) {
        auto [ctx, cancel] = rt::Context::with_cancel_cause(parent);
        child = ctx;
        f->native_name = "context.WithCancelCause.func1";
        f->native = [cancel = cancel](std::vector<Value>& args, std::vector<Value>&) {
          // cancel(nil) is a plain cancel: Cause then reports context.Canceled.
          bool given = !args.empty() && args[0].tb != 0;
          cancel(given ? std::make_shared<const Value>(args[0]) : nullptr);
        };
      } else {
        auto [ctx, cancel] = m == Member::context_WithCancel    ? rt::Context::with_cancel(parent)
                             : m == Member::context_WithTimeout ? rt::Context::with_timeout(parent, a[1].i)
                                                                : rt::Context::with_deadline(parent, a[1].i);
        child = ctx;
        f->native_name = "context.WithCancel.func1";
        f->native = [cancel = cancel](std::vector<Value>&, std::vector<Value>&) { cancel(); };
      }
      out[0] = Value::of_obj(nt.ctx, new CtxObj(std::move(child), ctx_values(a[0])));
      out[1] = std::move(cancel_value);
      return;
    }
    case Member::context_Cause: {  // the first cancellation's cause, else Err()
      const CtxObj* c = ctx_obj(a[0]);
      std::string e = c ? c->ctx.err() : std::string();
      if (e.empty()) out[0] = Value();
      else if (auto cause = c->ctx.cause()) out[0] = *std::static_pointer_cast<const Value>(cause);
      else out[0] = e == rt::kContextCanceled ? I.ctx_canceled : I.ctx_deadline;
      return;
    }
    case Member::context_WithValue: {  // (parent, key, val): Go's checks, then one more pair on the chain
      if (a[1].tb == 0) throw rt::Panic("nil key");
      if (!comparable(a[1].type())) throw rt::Panic("key is not comparable");
      auto node = std::make_shared<CtxValueNode>(CtxValueNode{a[1], a[2], ctx_values(a[0])});
      out[0] = Value::of_obj(nt.ctx, new CtxObj(rt_ctx(a[0]), std::move(node)));
      return;
    }
    case Member::context_ctxImpl_Done: {
      const CtxObj* c = ctx_obj(a[0]);
      if (!c) {
        out[0] = Value::of_obj(result_type(call, 0, nt.unit_chan), nullptr);
        return;
      }
      rt::Chan<rt::Unit> done = c->ctx.done();
      if (done.is_nil()) {
        out[0] = Value::of_obj(result_type(call, 0, nt.unit_chan), nullptr);
        return;
      }
      auto* ch = new ChanObj();
      ch->elem = ChanObj::Elem::Unit;
      ch->uch = done;
      out[0] = Value::of_obj(result_type(call, 0, nt.unit_chan), ch);
      return;
    }
    case Member::context_ctxImpl_Err: {
      const CtxObj* c = ctx_obj(a[0]);
      std::string e = c ? c->ctx.err() : std::string();
      if (e.empty()) out[0] = Value();
      else if (e == rt::kContextCanceled) out[0] = I.ctx_canceled;
      else out[0] = I.ctx_deadline;
      return;
    }
    case Member::context_ctxImpl_Value: {  // the innermost pair whose key equals `key`, else nil
      const CtxObj* c = ctx_obj(a[0]);
      for (const CtxValueNode* pair = c ? c->values.get() : nullptr; pair; pair = pair->parent.get()) {
        if (values_equal(pair->key, a[1])) {
          out[0] = pair->val;
          return;
        }
      }
      out[0] = Value();
      return;
    }
    case Member::context_ctxImpl_Deadline: {
      const CtxObj* c = ctx_obj(a[0]);
      bool has = c && c->ctx.has_deadline();
      out[0] = Value::of_int(result_type(call, 0, nt.time_type), has ? c->ctx.deadline() : 0);
      if (nout > 1) out[1] = Value::of_bool(bool_t, has);
      return;
    }
    case Member::context_Canceled: out[0] = I.ctx_canceled; return;
    case Member::context_DeadlineExceeded: out[0] = I.ctx_deadline; return;
    // ---------------------------------------------------------------- errors
    case Member::errors_New: out[0] = make_error(std::string(S(0))); return;
    case Member::errors_Unwrap: {
      const Value& e = a[0];
      out[0] = Value();
      if (e.heap() && e.o->kind == ObjKind::Err && !static_cast<ErrObj*>(e.o)->wrapped.empty()) {
        out[0] = static_cast<ErrObj*>(e.o)->wrapped[0];
      } else if (e.tb) {
        std::vector<int> path;
        const Method* um = fmt::find_dyn_method(e.type(), "Unwrap", &path);
        if (um && um->decl) {
          Value r = method_receiver(e, *um, path);
          call_user(um->decl->info, um->decl->body, nullptr, &r, 1, out, 1);
        }
      }
      return;
    }
    case Member::errors_Is:
    case Member::errors_As: {
      std::vector<Value> todo{a[0]};
      const Type* want = nullptr;
      if (m == Member::errors_As) {
        const Type* pt = call && call->args.size() > 1 ? call->args[1]->type : (a[1].tb ? a[1].type() : nullptr);
        want = pt && pt->ukind() == Kind::Pointer ? pt->underlying()->elem : nullptr;
      }
      int guard = 0;
      while (!todo.empty() && guard++ < 1000) {
        Value e = todo.back();
        todo.pop_back();
        if (e.tb == 0) continue;
        if (m == Member::errors_Is) {
          bool comparable = true;
          Kind k = e.type()->ukind();
          if (k == Kind::Slice || k == Kind::Map || k == Kind::Func) comparable = false;
          if (comparable && values_equal(e, a[1])) {
            set_bool(0, true);
            return;
          }
        } else if (want) {
          bool match = want->is_interface() ? implements(e.type(), want) : identical(e.type(), want);
          if (match) {
            Value target = a[1];
            Value* t = pointee(*this, target);
            assign_value(*t, e);
            set_bool(0, true);
            return;
          }
        }
        if (e.heap() && e.o->kind == ObjKind::Err) {
          auto& w = static_cast<ErrObj*>(e.o)->wrapped;
          for (auto it = w.rbegin(); it != w.rend(); ++it) todo.push_back(*it);
        } else {
          std::vector<int> path;
          const Method* um = fmt::find_dyn_method(e.type(), "Unwrap", &path);
          if (um && um->decl && um->sig && um->sig->results.size() == 1) {
            Value r = method_receiver(e, *um, path);
            Value next;
            call_user(um->decl->info, um->decl->body, nullptr, &r, 1, &next, 1);
            todo.push_back(next);
          }
        }
      }
      set_bool(0, false);
      return;
    }
    case Member::errors_Join: {
      auto v = view(a[0]);
      std::string msg;
      auto* e = new ErrObj("");
      for (int64_t i = 0; i < v.len; ++i) {
        if (v.data[i].tb == 0) continue;
        std::string t;
        fmt::error_text(v.data[i], this, t);
        if (!msg.empty()) msg += "\n";
        msg += t;
        e->wrapped.push_back(v.data[i]);
      }
      e->msg = msg;
      if (e->wrapped.empty()) {
        obj_release(e);
        out[0] = Value();
      } else {
        out[0] = Value::of_obj(nt.wrap_error, e);
      }
      return;
    }
    // ---------------------------------------------------------------- sort
    case Member::sort_Ints:
    case Member::sort_Strings:
    case Member::sort_Float64s: {
      auto v = view(a[0]);
      if (m == Member::sort_Ints) std::sort(v.data, v.data + v.len, [](const Value& x, const Value& y) { return x.i < y.i; });
      else if (m == Member::sort_Float64s)
        std::sort(v.data, v.data + v.len, [](const Value& x, const Value& y) { return x.f < y.f; });
      else std::sort(v.data, v.data + v.len, [](const Value& x, const Value& y) { return str(x) < str(y); });
      return;
    }
    case Member::sort_Slice:
    case Member::sort_SliceStable: {
      auto v = view(a[0]);
      std::vector<int64_t> idx(size_t(v.len));
      for (int64_t i = 0; i < v.len; ++i) idx[size_t(i)] = i;
      Value less = a[1];
      std::vector<Value> args(2);
      std::stable_sort(idx.begin(), idx.end(), [&](int64_t x, int64_t y) {
        std::vector<Value> call_args{Value::of_int(int_t, x), Value::of_int(int_t, y)};
        Value r;
        call_value(less, call_args, &r, 1);
        return r.i != 0;
      });
      std::vector<Value> sorted(size_t(v.len));
      for (int64_t i = 0; i < v.len; ++i) sorted[size_t(i)] = v.data[idx[size_t(i)]];
      for (int64_t i = 0; i < v.len; ++i) v.data[i] = std::move(sorted[size_t(i)]);
      return;
    }
    // ---------------------------------------------------------------- slices
    case Member::slices_Sort: {
      auto v = view(a[0]);
      std::stable_sort(v.data, v.data + v.len, [](const Value& x, const Value& y) { return ordered_less(x, y); });
      return;
    }
    case Member::slices_SortFunc:
    case Member::slices_SortStableFunc: {
      auto v = view(a[0]);
      Value cmp = a[1];
      std::stable_sort(v.data, v.data + v.len, [&](const Value& x, const Value& y) {
        std::vector<Value> pair{x, y};
        Value r;
        call_value(cmp, pair, &r, 1);
        return r.i < 0;
      });
      return;
    }
    case Member::slices_Contains:
    case Member::slices_Index: {
      auto v = view(a[0]);
      int64_t at = -1;
      for (int64_t i = 0; i < v.len && at < 0; ++i)
        if (values_equal(v.data[i], a[1])) at = i;
      if (m == Member::slices_Contains) set_bool(0, at >= 0);
      else set_int(0, at);
      return;
    }
    case Member::slices_ContainsFunc:
    case Member::slices_IndexFunc: {
      auto v = view(a[0]);
      int64_t at = -1;
      for (int64_t i = 0; i < v.len && at < 0; ++i) {
        std::vector<Value> one{v.data[i]};
        Value r;
        call_value(a[1], one, &r, 1);
        if (r.i != 0) at = i;
      }
      if (m == Member::slices_ContainsFunc) set_bool(0, at >= 0);
      else set_int(0, at);
      return;
    }
    case Member::slices_Reverse: {
      auto v = view(a[0]);
      std::reverse(v.data, v.data + v.len);
      return;
    }
    case Member::slices_Max:
    case Member::slices_Min: {
      auto v = view(a[0]);
      if (v.len == 0) throw rt::Panic(m == Member::slices_Max ? "slices.Max: empty list" : "slices.Min: empty list");
      const Value* best = &v.data[0];
      for (int64_t i = 1; i < v.len; ++i) {
        const bool better = m == Member::slices_Max ? ordered_less(*best, v.data[i]) : ordered_less(v.data[i], *best);
        if (better) best = &v.data[i];
      }
      out[0] = *best;
      return;
    }
    case Member::slices_Equal: {
      auto x = view(a[0]), y = view(a[1]);
      bool eq = x.len == y.len;
      for (int64_t i = 0; eq && i < x.len; ++i) eq = values_equal(x.data[i], y.data[i]);
      set_bool(0, eq);
      return;
    }
    case Member::slices_Clone: {
      if (!a[0].heap()) {
        out[0] = a[0];  // nil stays nil
        return;
      }
      auto v = view(a[0]);
      auto* agg = new AggObj(size_t(v.len));
      for (int64_t i = 0; i < v.len; ++i) agg->v[size_t(i)] = copy_value(v.data[i]);
      out[0] = Value::of_obj(a[0].type(), new SliceObj(agg, 0, v.len, v.len));
      return;
    }
    case Member::sort_SearchInts: {
      auto v = view(a[0]);
      int64_t lo = 0, hi = v.len;
      while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (v.data[mid].i < a[1].i) lo = mid + 1;
        else hi = mid;
      }
      set_int(0, lo);
      return;
    }
    // ---------------------------------------------------------------- strings
    case Member::strings_Join: {
      auto v = view(a[0]);
      std::string r;
      for (int64_t i = 0; i < v.len; ++i) {
        if (i) r += S(1);
        r += str(v.data[i]);
      }
      set_str(0, std::move(r));
      return;
    }
    case Member::strings_Split: {
      std::string_view s = S(0), sep = S(1);
      std::vector<std::string> parts;
      if (sep.empty()) {
        size_t i = 0;
        while (i < s.size()) {
          auto c = static_cast<unsigned char>(s[i]);
          size_t w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
          parts.emplace_back(s.substr(i, w));
          i += w;
        }
      } else {
        size_t i = 0;
        while (true) {
          size_t j = s.find(sep, i);
          if (j == std::string_view::npos) break;
          parts.emplace_back(s.substr(i, j - i));
          i = j + sep.size();
        }
        parts.emplace_back(s.substr(i));
      }
      out[0] = string_slice(result_type(call, 0, nullptr), parts);
      return;
    }
    case Member::strings_Fields: {
      std::string_view s = S(0);
      std::vector<std::string> parts;
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        if (j > i) parts.emplace_back(s.substr(i, j - i));
        i = j;
      }
      out[0] = string_slice(result_type(call, 0, nullptr), parts);
      return;
    }
    case Member::strings_Contains: set_bool(0, S(0).find(S(1)) != std::string_view::npos); return;
    case Member::strings_HasPrefix: set_bool(0, S(0).substr(0, S(1).size()) == S(1)); return;
    case Member::strings_HasSuffix:
      set_bool(0, S(0).size() >= S(1).size() && S(0).substr(S(0).size() - S(1).size()) == S(1));
      return;
    case Member::strings_Index: {
      size_t p = S(0).find(S(1));
      set_int(0, p == std::string_view::npos ? -1 : int64_t(p));
      return;
    }
    case Member::strings_Repeat: {
      if (a[1].i < 0) throw rt::Panic("strings: negative Repeat count");
      std::string r;
      for (int64_t i = 0; i < a[1].i; ++i) r += S(0);
      set_str(0, std::move(r));
      return;
    }
    case Member::strings_Replace: set_str(0, replace(S(0), S(1), S(2), a[3].i)); return;
    case Member::strings_ReplaceAll: set_str(0, replace(S(0), S(1), S(2), -1)); return;
    case Member::strings_ToUpper: set_str(0, to_upper(S(0))); return;
    case Member::strings_ToLower: set_str(0, to_lower(S(0))); return;
    case Member::strings_TrimSpace: {
      std::string_view s = S(0);
      while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
      while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
      set_str(0, std::string(s));
      return;
    }
    case Member::strings_Cut: {
      std::string_view s = S(0), sep = S(1);
      const size_t i = s.find(sep);
      const bool found = i != std::string_view::npos;
      set_str(0, std::string(found ? s.substr(0, i) : s));
      set_str(1, found ? std::string(s.substr(i + sep.size())) : std::string());
      set_bool(2, found);
      return;
    }
    case Member::strings_LastIndex: {
      const size_t p = S(0).rfind(S(1));
      set_int(0, p == std::string_view::npos ? -1 : int64_t(p));
      return;
    }
    case Member::strings_SplitN: {
      std::string_view s = S(0), sep = S(1);
      const int64_t limit = a[2].i;
      if (limit == 0) {
        out[0] = Value::of_obj(result_type(call, 0, nullptr), nullptr);  // Go returns nil
        return;
      }
      std::vector<std::string> parts;
      size_t i = 0;
      while (limit < 0 || int64_t(parts.size()) < limit - 1) {
        if (sep.empty()) {
          if (i >= s.size()) break;
          parts.emplace_back(s.substr(i, utf8_width(s, i)));
          i += parts.back().size();
          continue;
        }
        const size_t j = s.find(sep, i);
        if (j == std::string_view::npos) break;
        parts.emplace_back(s.substr(i, j - i));
        i = j + sep.size();
      }
      if (!sep.empty() || i < s.size()) parts.emplace_back(s.substr(i));
      out[0] = string_slice(result_type(call, 0, nullptr), parts);
      return;
    }
    case Member::strings_EqualFold: set_bool(0, to_lower(S(0)) == to_lower(S(1))); return;
    case Member::strings_ContainsRune: set_bool(0, S(0).find(utf8_of(a[1].i)) != std::string_view::npos); return;
    case Member::strings_ContainsAny: {
      std::string_view s = S(0), chars = S(1);
      bool any = false;
      for (size_t i = 0; i < chars.size() && !any; i += utf8_width(chars, i))
        any = s.find(chars.substr(i, utf8_width(chars, i))) != std::string_view::npos;
      set_bool(0, any);
      return;
    }
    case Member::strings_IndexByte:
    case Member::strings_IndexRune: {
      const std::string needle = m == Member::strings_IndexByte ? std::string(1, char(a[1].i)) : utf8_of(a[1].i);
      const size_t p = S(0).find(needle);
      set_int(0, p == std::string_view::npos ? -1 : int64_t(p));
      return;
    }
    case Member::strings_TrimLeft:
    case Member::strings_TrimRight: {
      std::string_view s = S(0), cut = S(1);
      if (m == Member::strings_TrimLeft) {
        while (!s.empty() && cut.find(s.substr(0, utf8_width(s, 0))) != std::string_view::npos)
          s.remove_prefix(utf8_width(s, 0));
      } else {
        while (!s.empty()) {
          size_t last = s.size() - 1;
          while (last > 0 && (static_cast<unsigned char>(s[last]) & 0xC0) == 0x80) --last;  // the last rune's start
          if (cut.find(s.substr(last)) == std::string_view::npos) break;
          s.remove_suffix(s.size() - last);
        }
      }
      set_str(0, std::string(s));
      return;
    }
    case Member::strings_Map: {
      Value mapping = a[0];
      std::string_view s = S(1);
      std::string result;
      for (size_t i = 0; i < s.size();) {
        std::vector<Value> one{Value::of_int(U().rune_type, decode_utf8(s, i))};
        Value r;
        call_value(mapping, one, &r, 1);
        if (r.i >= 0) append_utf8(result, r.i);  // a negative rune drops the character
      }
      set_str(0, std::move(result));
      return;
    }
    case Member::strings_Compare: {
      const int c = S(0).compare(S(1));
      set_int(0, c < 0 ? -1 : c > 0 ? 1 : 0);
      return;
    }
    case Member::strings_Trim: {
      std::string_view s = S(0), cut = S(1);
      while (!s.empty() && cut.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
      while (!s.empty() && cut.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
      set_str(0, std::string(s));
      return;
    }
    case Member::strings_TrimPrefix: {
      std::string_view s = S(0);
      if (s.substr(0, S(1).size()) == S(1)) s.remove_prefix(S(1).size());
      set_str(0, std::string(s));
      return;
    }
    case Member::strings_TrimSuffix: {
      std::string_view s = S(0);
      if (s.size() >= S(1).size() && s.substr(s.size() - S(1).size()) == S(1)) s.remove_suffix(S(1).size());
      set_str(0, std::string(s));
      return;
    }
    case Member::strings_Count: {
      std::string_view s = S(0), sub = S(1);
      int64_t c = 0;
      if (sub.empty()) {
        for (unsigned char ch : s)
          if ((ch & 0xC0) != 0x80) ++c;
        set_int(0, c + 1);
        return;
      }
      for (size_t i = s.find(sub); i != std::string_view::npos; i = s.find(sub, i + sub.size())) ++c;
      set_int(0, c);
      return;
    }
    case Member::strings_Title: {
      std::string r(S(0));
      bool start = true;
      for (char& c : r) {
        if (start && std::isalpha(static_cast<unsigned char>(c))) c = char(std::toupper(static_cast<unsigned char>(c)));
        start = is_space(c);
      }
      set_str(0, std::move(r));
      return;
    }
    case Member::strings_Builder_Write:
    case Member::strings_Builder_WriteString:
    case Member::strings_Builder_WriteByte:
    case Member::strings_Builder_WriteRune:
    case Member::strings_Builder_String:
    case Member::strings_Builder_Len:
    case Member::strings_Builder_Reset: {
      Value* t = pointee(*this, a[0]);
      if (!t->heap() || t->o->kind != ObjKind::Builder) *t = Value::of_obj(t->type(), new BuilderObj(), true);
      std::string& b = static_cast<BuilderObj*>(t->o)->s;
      switch (m) {
        case Member::strings_Builder_Write: {
          std::string bytes(str(convert(a[1], a[1].type(), string_t)));
          b += bytes;
          set_int(0, int64_t(bytes.size()));
          if (nout > 1) nil_error(1);
          return;
        }
        case Member::strings_Builder_WriteString:
          b += S(1);
          set_int(0, int64_t(S(1).size()));
          if (nout > 1) nil_error(1);
          return;
        case Member::strings_Builder_WriteByte: b += char(a[1].i); nil_error(0); return;
        case Member::strings_Builder_WriteRune: {
          std::vector<Value> one{a[1]};
          std::string s = std::string(str(convert(a[1], U().rune_type, string_t)));
          b += s;
          set_int(0, int64_t(s.size()));
          if (nout > 1) nil_error(1);
          return;
        }
        case Member::strings_Builder_String: set_str(0, b); return;
        case Member::strings_Builder_Len: set_int(0, int64_t(b.size())); return;
        default: b.clear(); return;
      }
    }
    // ---------------------------------------------------------------- sync/atomic
    case Member::atomic_AddInt32:
    case Member::atomic_AddInt64:
    case Member::atomic_AddUint32:
    case Member::atomic_AddUint64:
    case Member::atomic_LoadInt32:
    case Member::atomic_LoadInt64:
    case Member::atomic_LoadUint32:
    case Member::atomic_LoadUint64:
    case Member::atomic_StoreInt32:
    case Member::atomic_StoreInt64:
    case Member::atomic_StoreUint32:
    case Member::atomic_StoreUint64:
    case Member::atomic_SwapInt32:
    case Member::atomic_SwapInt64:
    case Member::atomic_SwapUint32:
    case Member::atomic_SwapUint64:
    case Member::atomic_CompareAndSwapInt32:
    case Member::atomic_CompareAndSwapInt64:
    case Member::atomic_CompareAndSwapUint32:
    case Member::atomic_CompareAndSwapUint64:
    case Member::atomic_Int32_Add:
    case Member::atomic_Int32_Load:
    case Member::atomic_Int32_Store:
    case Member::atomic_Int32_Swap:
    case Member::atomic_Int32_CompareAndSwap:
    case Member::atomic_Int64_Add:
    case Member::atomic_Int64_Load:
    case Member::atomic_Int64_Store:
    case Member::atomic_Int64_Swap:
    case Member::atomic_Int64_CompareAndSwap:
    case Member::atomic_Uint32_Add:
    case Member::atomic_Uint32_Load:
    case Member::atomic_Uint32_Store:
    case Member::atomic_Uint32_Swap:
    case Member::atomic_Uint32_CompareAndSwap:
    case Member::atomic_Uint64_Add:
    case Member::atomic_Uint64_Load:
    case Member::atomic_Uint64_Store:
    case Member::atomic_Uint64_Swap:
    case Member::atomic_Uint64_CompareAndSwap:
    case Member::atomic_Bool_Load:
    case Member::atomic_Bool_Store:
    case Member::atomic_Bool_Swap:
    case Member::atomic_Bool_CompareAndSwap:
    {
      // Goroutines are threads: the variable's (or the atomic type's field's) int slot is
      // used through std::atomic_ref, so these are atomic in the C++ sense too.
      const AtomicCall ac = atomic_call(m);
      Value* cell = pointee(*this, a[0]);
      if (ac.method) cell = &static_cast<AggObj*>(cell->o)->v[0];
      std::atomic_ref<int64_t> ref(cell->i);
      auto wrap = [&](uint64_t v) { return wrap_int(static_cast<int64_t>(v), ac.kind); };
      auto result = [&](int64_t v) {
        if (ac.boolean) set_bool(0, v != 0);
        else out[0] = Value::of_int(result_type(call, 0, cell->type()), v);
      };
      switch (ac.op) {
        case AtomicOp::Add: {
          int64_t old = ref.load();
          int64_t now = 0;
          do now = wrap(uint64_t(old) + uint64_t(a[1].i));
          while (!ref.compare_exchange_weak(old, now));
          result(now);
          return;
        }
        case AtomicOp::Load: result(ref.load()); return;
        case AtomicOp::Store: ref.store(wrap(uint64_t(a[1].i))); return;
        case AtomicOp::Swap: result(ref.exchange(wrap(uint64_t(a[1].i)))); return;
        case AtomicOp::CompareAndSwap: {
          int64_t expected = wrap(uint64_t(a[1].i));
          set_bool(0, ref.compare_exchange_strong(expected, wrap(uint64_t(a[2].i))));
          return;
        }
      }
      return;
    }
    case Member::atomic_Value_Load:
    case Member::atomic_Value_Store:
    case Member::atomic_Value_Swap:
    case Member::atomic_Value_CompareAndSwap: {
      // The `any` it holds is two words: a lock (one of a few, picked by address) keeps
      // them together; Go's checks and panics as sync/atomic words them.
      Value* cell = &static_cast<AggObj*>(pointee(*this, a[0])->o)->v[0];
      static std::mutex locks[16];
      std::lock_guard lk(locks[(reinterpret_cast<uintptr_t>(cell) >> 4) % 16]);
      const char* what = m == Member::atomic_Value_CompareAndSwap ? "compare and swap" : "store";
      const Value& incoming = m == Member::atomic_Value_CompareAndSwap ? a[2] : a[1];
      if (m != Member::atomic_Value_Load) {
        if (incoming.tb == 0) throw rt::Panic(std::string("sync/atomic: ") + what + " of nil value into Value");
        if (m == Member::atomic_Value_CompareAndSwap && a[1].tb != 0 && !identical(a[1].type(), incoming.type()))
          throw rt::Panic("sync/atomic: compare and swap of inconsistently typed values");
        if (cell->tb != 0 && !identical(cell->type(), incoming.type()))
          throw rt::Panic(std::string("sync/atomic: ") + what + " of inconsistently typed value into Value");
      }
      switch (m) {
        case Member::atomic_Value_Load: out[0] = *cell; return;
        case Member::atomic_Value_Store: *cell = incoming; return;
        case Member::atomic_Value_Swap: out[0] = std::exchange(*cell, incoming); return;
        default: {  // CompareAndSwap: compares as ==, which panics on uncomparable types
          const Value& old = a[1];
          if (cell->tb == 0 && old.tb != 0) {
            set_bool(0, false);
            return;
          }
          if (cell->tb != 0 && old.tb != 0 && identical(cell->type(), old.type()) && !comparable(old.type()))
            throw rt::Panic("runtime error: comparing uncomparable type " + fmt::type_name(old.type()));
          bool same = cell->tb == 0 ? true : values_equal(*cell, old);
          if (same) *cell = incoming;
          set_bool(0, same);
          return;
        }
      }
    }
    // ---------------------------------------------------------------- math
    case Member::math_Sqrt: set_float(std::sqrt(a[0].f)); return;
    case Member::math_Abs: set_float(std::fabs(a[0].f)); return;
    case Member::math_Floor: set_float(std::floor(a[0].f)); return;
    case Member::math_Ceil: set_float(std::ceil(a[0].f)); return;
    case Member::math_Round: set_float(std::round(a[0].f)); return;  // half away from zero, as Go
    case Member::math_RoundToEven: set_float(std::nearbyint(a[0].f)); return;
    case Member::math_Trunc: set_float(std::trunc(a[0].f)); return;
    case Member::math_Pow: set_float(std::pow(a[0].f, a[1].f)); return;
    case Member::math_Exp: set_float(std::exp(a[0].f)); return;
    case Member::math_Log: set_float(std::log(a[0].f)); return;
    case Member::math_Log2: set_float(std::log2(a[0].f)); return;
    case Member::math_Log10: set_float(std::log10(a[0].f)); return;
    case Member::math_Max: set_float(go_max(a[0].f, a[1].f)); return;
    case Member::math_Min: set_float(go_min(a[0].f, a[1].f)); return;
    case Member::math_Mod: set_float(std::fmod(a[0].f, a[1].f)); return;
    case Member::math_Hypot: set_float(std::hypot(a[0].f, a[1].f)); return;
    case Member::math_Inf: set_float(a[0].i >= 0 ? HUGE_VAL : -HUGE_VAL); return;
    case Member::math_IsInf:
      set_bool(0, std::isinf(a[0].f) && (a[1].i == 0 || (a[1].i > 0) == (a[0].f > 0)));
      return;
    case Member::math_IsNaN: set_bool(0, std::isnan(a[0].f)); return;
    case Member::math_NaN: set_float(std::nan("")); return;
    case Member::math_Sin: set_float(std::sin(a[0].f)); return;
    case Member::math_Cos: set_float(std::cos(a[0].f)); return;
    case Member::math_Tan: set_float(std::tan(a[0].f)); return;
    case Member::math_Atan: set_float(std::atan(a[0].f)); return;
    case Member::math_Atan2: set_float(std::atan2(a[0].f, a[1].f)); return;
    case Member::math_Cbrt:
      // glibc's double cbrt can miss by an ulp (cbrt(27) = 3.0000000000000004); through
      // long double and back it rounds as Go's does.
      set_float(static_cast<double>(std::cbrt(static_cast<long double>(a[0].f))));
      return;
    case Member::math_Signbit: set_bool(0, std::signbit(a[0].f)); return;
    case Member::math_Copysign: set_float(std::copysign(a[0].f, a[1].f)); return;
    // ---------------------------------------------------------------- strconv
    case Member::strconv_Itoa: set_str(0, std::to_string(a[0].i)); return;
    case Member::strconv_FormatInt: {
      int base = int(a[1].i);
      int64_t v = a[0].i;
      bool neg = v < 0;
      uint64_t u = neg ? uint64_t(0) - uint64_t(v) : uint64_t(v);
      std::string s;
      do {
        s += "0123456789abcdefghijklmnopqrstuvwxyz"[u % uint64_t(base)];
        u /= uint64_t(base);
      } while (u);
      if (neg) s += '-';
      std::reverse(s.begin(), s.end());
      set_str(0, std::move(s));
      return;
    }
    case Member::strconv_Atoi:
    case Member::strconv_ParseInt: {
      int64_t v = 0;
      const char* err = nullptr;
      bool ok = parse_int(S(0), m == Member::strconv_Atoi ? 10 : int(a[1].i), v, err);
      if (m == Member::strconv_ParseInt && ok && n > 2 && a[2].i > 0 && a[2].i < 64) {
        int64_t lim = int64_t(1) << (a[2].i - 1);
        if (v >= lim || v < -lim) {
          ok = false;
          err = "value out of range";
          v = v < 0 ? -lim : lim - 1;
        }
      }
      out[0] = Value::of_int(result_type(call, 0, int_t), ok || (err && std::string(err) == "value out of range") ? v : 0);
      if (ok) nil_error(1);
      else out[1] = make_error(num_error(m == Member::strconv_Atoi ? "Atoi" : "ParseInt", S(0), err), nt.num_error);
      return;
    }
    case Member::strconv_ParseFloat: {
      std::string s(S(0));
      double d = 0;
      auto res = std::from_chars(s.data(), s.data() + s.size(), d);
      bool ok = res.ec == std::errc() && res.ptr == s.data() + s.size() && !s.empty();
      out[0] = Value::of_float(U().float64_type, ok ? d : 0);
      if (ok) nil_error(1);
      else out[1] = make_error(num_error("ParseFloat", S(0), "invalid syntax"), nt.num_error);
      return;
    }
    case Member::strconv_FormatFloat:
      set_str(0, fmt::format_float(a[0].f, char(a[1].i), int(a[2].i), int(a[3].i)));
      return;
    case Member::strconv_Quote: set_str(0, fmt::quote(S(0))); return;
    case Member::strconv_ParseBool: {
      std::string_view s = S(0);
      bool v = false, ok = true;
      if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") v = true;
      else if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") v = false;
      else ok = false;
      set_bool(0, v);
      if (ok) nil_error(1);
      else out[1] = make_error(num_error("ParseBool", s, "invalid syntax"), nt.num_error);
      return;
    }
    case Member::strconv_FormatBool: set_str(0, a[0].i ? "true" : "false"); return;
    // ---------------------------------------------------------------- math/rand
    case Member::rand_Intn:
    case Member::rand_Rand_Intn: {
      int64_t lim = m == Member::rand_Intn ? a[0].i : a[1].i;
      if (lim <= 0) throw rt::Panic("invalid argument to Intn");
      std::lock_guard lk(I.rand_mu);
      set_int(0, int64_t(I.rng() % uint64_t(lim)));
      return;
    }
    case Member::rand_Int:
    case Member::rand_Int63:
    case Member::rand_Rand_Int:
    case Member::rand_Rand_Int63:
    case Member::rand_rngSource_Int63: {
      std::lock_guard lk(I.rand_mu);
      set_int(0, int64_t(I.rng() >> 1));
      return;
    }
    case Member::rand_Float64:
    case Member::rand_Rand_Float64: {
      std::lock_guard lk(I.rand_mu);
      out[0] = Value::of_float(U().float64_type, double(I.rng() >> 11) / double(uint64_t(1) << 53));
      return;
    }
    case Member::rand_Perm:
    case Member::rand_Rand_Perm: {
      int64_t cnt = m == Member::rand_Perm ? a[0].i : a[1].i;
      std::vector<Value> elems;
      std::vector<int64_t> p(size_t(std::max<int64_t>(cnt, 0)));
      for (size_t i = 0; i < p.size(); ++i) p[i] = int64_t(i);
      {
        std::lock_guard lk(I.rand_mu);
        for (size_t i = p.size(); i > 1; --i) std::swap(p[i - 1], p[I.rng() % i]);
      }
      auto* agg = new AggObj(p.size());
      for (size_t i = 0; i < p.size(); ++i) agg->v[i] = Value::of_int(int_t, p[i]);
      out[0] = Value::of_obj(result_type(call, 0, U().slice_of(int_t)), new SliceObj(agg, 0, int64_t(p.size()), int64_t(p.size())));
      return;
    }
    case Member::rand_Shuffle:
    case Member::rand_Rand_Shuffle: {
      size_t base = m == Member::rand_Shuffle ? 0 : 1;
      int64_t cnt = a[base].i;
      Value swap = a[base + 1];
      for (int64_t i = cnt - 1; i > 0; --i) {
        int64_t j;
        {
          std::lock_guard lk(I.rand_mu);
          j = int64_t(I.rng() % uint64_t(i + 1));
        }
        std::vector<Value> args{Value::of_int(int_t, i), Value::of_int(int_t, j)};
        call_value(swap, args, nullptr, 0);
      }
      return;
    }
    case Member::rand_Seed:
    case Member::rand_rngSource_Seed: {
      std::lock_guard lk(I.rand_mu);
      I.rng.seed(uint64_t(a[m == Member::rand_Seed ? 0 : 1].i));
      return;
    }
    case Member::rand_New:
    case Member::rand_NewSource: {
      const Type* t = result_type(call, 0, nullptr);
      if (t && t->ukind() == Kind::Pointer) {
        auto* box = new BoxObj(zero_value(t->underlying()->elem));
        auto* p = new PtrObj(box, &box->v);
        obj_release(box);
        out[0] = Value::of_obj(t, p);
      } else {
        out[0] = Value();
      }
      return;
    }
    // ---------------------------------------------------------------- runtime, os
    case Member::runtime_NumGoroutine: set_int(0, rt::num_goroutine()); return;
    case Member::runtime_Gosched: rt::gosched(); return;
    case Member::runtime_NumCPU:
    case Member::runtime_GOMAXPROCS: {
      unsigned hc = std::thread::hardware_concurrency();
      set_int(0, hc ? int64_t(hc) : 1);
      return;
    }
    case Member::os_Exit: rt::exit(int(a[0].i)); return;
    case Member::os_Getenv: set_str(0, ""); return;
    case Member::os_File_Write: {  // os.Stdout and os.Stderr are the descriptors 1 and 2
      std::string bytes(str(convert(a[1], a[1].type(), string_t)));
      if (a[0].tb == 0 || a[0].heap()) nil_dereference();
      if (a[0].i == 2) I.write_stderr(bytes);
      else I.write_stdout(bytes);
      set_int(0, int64_t(bytes.size()));
      if (nout > 1) nil_error(1);
      return;
    }
    case Member::os_Stdout: out[0] = Value::of_int(result_type(call, 0, int_t), 1); return;
    case Member::os_Stderr: out[0] = Value::of_int(result_type(call, 0, int_t), 2); return;
    case Member::os_Args: out[0] = string_slice(nullptr, {"/tmp/main"}); return;
    // ---------------------------------------------------------------- poollab/sim (simulated network)
    case Member::sim_Configure: {
      std::lock_guard lk(I.sim_mu);
      I.sim_min = a[0].i;
      I.sim_max = a[1].i;
      I.sim_fail = a[2].i;
      return;
    }
    case Member::sim_Fetch: {
      int64_t lo, hi, fail;
      {
        std::lock_guard lk(I.sim_mu);
        lo = I.sim_min;
        hi = I.sim_max;
        fail = I.sim_fail;
      }
      rt::Context ctx = rt_ctx(a[0]);
      auto ctx_err = [&]() -> Value {
        std::string e = ctx.err();
        if (e.empty()) return Value();
        return e == rt::kContextCanceled ? I.ctx_canceled : I.ctx_deadline;
      };
      if (!ctx.err().empty()) {
        set_int(0, 0);
        out[1] = ctx_err();
        return;
      }
      std::string url(S(1));
      uint32_t h = fnv1a(url);
      int64_t latency = lo + int64_t(h % 1000) * (hi - lo) / 1000;
      rt::Timer timer(latency);
      rt::Chan<rt::Unit> done = ctx.done();
      rt::Unit u;
      rt::Nanos when = 0;
      bool ok = false;
      rt::Select sel;
      sel.recv(done, &u, &ok);
      sel.recv(timer.c(), &when, &ok);
      int chosen = sel.run();
      timer.stop();
      if (chosen == 0) {
        set_int(0, 0);
        out[1] = ctx_err();
        return;
      }
      if (int64_t((h / 1000) % 100) < fail) {
        set_int(0, 503);
        out[1] = make_error("sim: " + url + ": service unavailable");
        return;
      }
      set_int(0, 200);
      nil_error(1);
      return;
    }
    case Member::sim_Work: {
      int64_t d = a[0].i;
      if (rt::current_runtime().config().clock == rt::ClockKind::Virtual) {
        rt::sleep(d);
        return;
      }
      rt::Nanos start = rt::now();
      while (rt::now() - start < d) rt::check_abort();
      return;
    }
    default: break;
  }
  throw rt::Panic("golite: " + std::string(member_info(m).package) + "." + std::string(member_info(m).name) +
                  " is not supported");
}

}  // namespace poollab::golite
