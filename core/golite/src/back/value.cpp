// Value semantics: zero values, Go's copies, equality and hashing.
#include "poollab/golite/value.hpp"

#include <cstring>
#include <functional>

#include "back/fmt.hpp"
#include "poollab/golite/ast.hpp"
#include "poollab/golite/stdlib_decls.hpp"
#include "poollab/runtime/errors.hpp"

namespace poollab::golite {

// ---- the run's heap of cycle-capable objects ----

namespace {
thread_local ObjHeap* current_heap = nullptr;

bool try_retain(Obj* o) {
  int32_t r = o->refs.load(std::memory_order_relaxed);
  while (r > 0)
    if (o->refs.compare_exchange_weak(r, r + 1, std::memory_order_acq_rel)) return true;
  return false;  // already dying: its destructor is waiting to unlink it
}

// Moves every Value (and anything that may hold one) out of `o`, so they die here.
void strip(Obj* o) {
  switch (o->kind) {
    case ObjKind::Agg: std::vector<Value>().swap(static_cast<AggObj*>(o)->v); break;
    case ObjKind::Map: {
      decltype(MapObj::m) gone;
      gone.swap(static_cast<MapObj*>(o)->m);
      break;
    }
    case ObjKind::Box: {
      Value gone = std::move(static_cast<BoxObj*>(o)->v);
      break;
    }
    case ObjKind::Func: {
      auto* f = static_cast<FuncObj*>(o);
      std::vector<Value>().swap(f->captures);
      Value gone = std::move(f->recv);
      decltype(f->native)().swap(f->native);
      break;
    }
    case ObjKind::Chan: {
      auto* c = static_cast<ChanObj*>(o);
      rt::Chan<Value> gone(std::move(c->ch));  // the buffer's values go with the channel
      c->ch = rt::Chan<Value>();
      break;
    }
    case ObjKind::Err: std::vector<Value>().swap(static_cast<ErrObj*>(o)->wrapped); break;
    case ObjKind::Ctx: static_cast<CtxObj*>(o)->values.reset(); break;
    case ObjKind::Timer: {
      auto* t = static_cast<TimerObj*>(o);
      t->timer.reset();
      t->ticker.reset();
      t->after_func.reset();
      break;
    }
    default: break;
  }
}
}  // namespace

void Obj::heap_track() {
  ObjHeap* h = current_heap;
  if (!h) return;
  ObjHeap::Shard& s = h->shard_of(this);
  std::lock_guard lk(s.mu);
  heap_next = s.head;
  if (s.head) s.head->heap_prev = this;
  s.head = this;
  heap.store(h, std::memory_order_release);
}

void Obj::heap_forget() {
  ObjHeap* h = heap.load(std::memory_order_acquire);
  ObjHeap::Shard& s = h->shard_of(this);
  std::lock_guard lk(s.mu);
  if (!heap.load(std::memory_order_relaxed)) return;  // detached by teardown meanwhile
  if (heap_prev) heap_prev->heap_next = heap_next;
  else s.head = heap_next;
  if (heap_next) heap_next->heap_prev = heap_prev;
}

void ObjHeap::teardown() {
  std::vector<Obj*> live;
  for (Shard& s : shards_) {
    std::lock_guard lk(s.mu);
    for (Obj* o = s.head; o; o = o->heap_next)
      if (try_retain(o)) live.push_back(o);
  }
  // Every goroutine of the run has ended: nothing reads these objects any more.
  for (Obj* o : live) strip(o);
  for (Obj* o : live) obj_release(o);  // cycles are broken: each dies unless held from outside
  for (Shard& s : shards_) {
    std::lock_guard lk(s.mu);
    for (Obj* o = s.head; o;) {
      Obj* next = o->heap_next;
      o->heap_prev = o->heap_next = nullptr;
      o->heap.store(nullptr, std::memory_order_release);
      o = next;
    }
    s.head = nullptr;
  }
}

ObjHeap::Scope::Scope(ObjHeap* heap) : previous_(current_heap) { current_heap = heap; }
ObjHeap::Scope::~Scope() { current_heap = previous_; }

Value Value::of_string(const Type* t, std::string s) {
  if (s.empty()) return of_obj(t, nullptr);
  return of_obj(t, new StrObj(std::move(s)));
}

namespace {
// How many Values an array of type `u` holds, nested arrays and structs included (saturating).
uint64_t array_cells(const Type* u) {
  u = u->underlying();
  uint64_t cells = 0;
  if (u->kind == Kind::Array) {
    if (u->length < 0 || __builtin_mul_overflow(uint64_t(u->length), array_cells(u->elem), &cells)) return UINT64_MAX;
    return cells;
  }
  if (u->kind == Kind::Struct) {
    cells = 1;
    for (const Field& f : u->fields)
      if (__builtin_add_overflow(cells, array_cells(f.type), &cells)) return UINT64_MAX;
    return cells;
  }
  return 1;
}
}  // namespace

void check_allocation(std::uint64_t count, std::uint64_t per_item) {
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(count, per_item, &bytes) || bytes > kMaxAllocationBytes)
    throw rt::Fatal("runtime: out of memory");
}

Value zero_value_slow(const Type* t) {
  if (!t) return Value();
  const Type* u = t->underlying();
  if (t->kind == Kind::Named) {
    switch (t->native) {
      case NativeType::WaitGroup: return Value::of_obj(t, new WaitGroupObj(rt::WaitGroup()), true);
      case NativeType::Mutex: return Value::of_obj(t, new MutexObj(rt::Mutex()), true);
      case NativeType::RWMutex: return Value::of_obj(t, new RWMutexObj(rt::RWMutex()), true);
      case NativeType::Time: return Value::of_int(t, 0);
      case NativeType::Builder: return Value::of_obj(t, new BuilderObj(), true);
      default: break;
    }
  }
  switch (u->kind) {
    case Kind::Bool:
    case Kind::Int:
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64:
    case Kind::Uint:
    case Kind::Uint8:
    case Kind::Uint16:
    case Kind::Uint32:
    case Kind::Uint64:
    case Kind::Uintptr:
    case Kind::UntypedBool:
    case Kind::UntypedInt:
    case Kind::UntypedRune: return Value::of_int(t, 0);
    case Kind::Float32:
    case Kind::Float64:
    case Kind::UntypedFloat: return Value::of_float(t, 0);
    case Kind::Struct: {
      auto* a = new AggObj(u->fields.size());
      for (size_t i = 0; i < u->fields.size(); ++i) a->v[i] = zero_value(u->fields[i].type);
      return Value::of_obj(t, a, true);
    }
    case Kind::Array: {
      // An array larger than golite's allocation ceiling ends the program as running out
      // of memory does in Go, rather than taking the machine's memory.
      check_allocation(array_cells(u), sizeof(Value));
      auto* a = new AggObj(static_cast<size_t>(u->length));
      for (auto& e : a->v) e = zero_value(u->elem);
      return Value::of_obj(t, a, true);
    }
    case Kind::Interface:
    case Kind::UntypedNil: return Value();
    default: return Value::of_obj(t, nullptr);  // string "", nil slice/map/pointer/func/chan
  }
}

Value copy_value_slow(const Value& v) {
  if (!v.agg()) return v;
  switch (v.o->kind) {
    case ObjKind::Agg: {
      auto* src = static_cast<AggObj*>(v.o);
      auto* a = new AggObj(src->v.size());
      for (size_t i = 0; i < src->v.size(); ++i) a->v[i] = copy_value(src->v[i]);
      return Value::of_obj(v.type(), a, true);
    }
    case ObjKind::WaitGroup:
      return Value::of_obj(v.type(), new WaitGroupObj(static_cast<WaitGroupObj*>(v.o)->wg.clone()), true);
    case ObjKind::Mutex:
      return Value::of_obj(v.type(), new MutexObj(static_cast<MutexObj*>(v.o)->mu.clone()), true);
    case ObjKind::RWMutex:
      return Value::of_obj(v.type(), new RWMutexObj(static_cast<RWMutexObj*>(v.o)->mu.clone()), true);
    case ObjKind::Builder: {
      auto* b = new BuilderObj();
      b->s = static_cast<BuilderObj*>(v.o)->s;
      return Value::of_obj(v.type(), b, true);
    }
    default: return v;
  }
}

void assign_value_slow(Value& dst, const Value& src) {
  if (src.agg() && dst.agg() && dst.o != src.o && src.o->kind == ObjKind::Agg && dst.o->kind == ObjKind::Agg) {
    auto* d = static_cast<AggObj*>(dst.o);
    auto* s = static_cast<AggObj*>(src.o);
    if (d->v.size() == s->v.size()) {
      for (size_t i = 0; i < s->v.size(); ++i) assign_value(d->v[i], s->v[i]);
      dst.tb = reinterpret_cast<uintptr_t>(src.type()) | (dst.tb & Value::kBits);
      return;
    }
  }
  if (src.agg() && dst.agg() && dst.o == src.o) return;
  dst = copy_value(src);
}

static bool pointer_same(const Value& a, const Value& b) {
  if (!a.heap() || !b.heap()) return a.heap() == b.heap();
  if (a.o->kind == ObjKind::Ptr && b.o->kind == ObjKind::Ptr)
    return static_cast<PtrObj*>(a.o)->target == static_cast<PtrObj*>(b.o)->target;
  return a.o == b.o;
}

bool values_equal(const Value& a, const Value& b) {
  if (a.tb == 0 || b.tb == 0) return a.tb == 0 && b.tb == 0;
  const Type* ta = a.type();
  const Type* tb = b.type();
  if (ta != tb && !identical(ta, tb)) return false;
  const Type* u = ta->underlying();
  if (ta->kind == Kind::Named && ta->native == NativeType::Time) return a.i == b.i;
  switch (u->kind) {
    case Kind::Float32:
    case Kind::Float64: return a.f == b.f;
    case Kind::String: return str(a) == str(b);
    case Kind::Struct:
    case Kind::Array: {
      if (!a.heap() || !b.heap() || a.o->kind != ObjKind::Agg || b.o->kind != ObjKind::Agg) return a.o == b.o;
      auto* x = static_cast<AggObj*>(a.o);
      auto* y = static_cast<AggObj*>(b.o);
      for (size_t i = 0; i < x->v.size() && i < y->v.size(); ++i)
        if (!values_equal(x->v[i], y->v[i])) return false;
      return true;
    }
    case Kind::Pointer: return pointer_same(a, b);
    case Kind::Chan:
    case Kind::Map:
    case Kind::Func:
    case Kind::Slice: return a.obj() == b.obj();
    default: return a.i == b.i;
  }
}

void require_comparable(const Value& v) {
  if (v.tb == 0) return;
  Kind k = v.type()->ukind();
  if (k == Kind::Slice || k == Kind::Map || k == Kind::Func)
    throw rt::Panic("runtime error: hash of unhashable type " + fmt::type_name(v.type()));
}

size_t ValueHash::operator()(const Value& v) const {
  if (v.tb == 0) return 0;
  const Type* u = v.type()->underlying();
  switch (u->kind) {
    case Kind::Float32:
    case Kind::Float64: return std::hash<double>()(v.f == 0 ? 0.0 : v.f);
    case Kind::String: return std::hash<std::string_view>()(str(v));
    case Kind::Struct:
    case Kind::Array: {
      size_t h = 1469598103934665603ull;
      if (v.heap() && v.o->kind == ObjKind::Agg)
        for (const Value& e : static_cast<AggObj*>(v.o)->v) h = (h ^ (*this)(e)) * 1099511628211ull;
      return h;
    }
    case Kind::Pointer:
      if (v.heap() && v.o->kind == ObjKind::Ptr) return std::hash<const void*>()(static_cast<PtrObj*>(v.o)->target);
      return std::hash<const void*>()(v.obj());
    case Kind::Chan: return std::hash<const void*>()(v.obj());
    default: return std::hash<int64_t>()(v.i);
  }
}

bool ValueEq::operator()(const Value& a, const Value& b) const { return values_equal(a, b); }

namespace {

Type* named(TypeArena& a, const char* pkg, const char* name, const Type* underlying) {
  Type* t = a.make(Kind::Named);
  t->pkg = pkg;
  t->name = name;
  t->underlying_ = underlying;
  return t;
}

void add_method(TypeArena& a, Type* t, const char* name, Member m, bool ptr,
                std::vector<const Type*> results = {universe().string_type}) {
  Method meth;
  meth.name = name;
  meth.sig = a.func_of({}, std::move(results), false);
  meth.pointer_recv = ptr;
  meth.member = static_cast<int>(m);
  t->methods.push_back(meth);
}

}  // namespace

const NativeTypes& native_types() {
  static const NativeTypes types = [] {
    static TypeArena arena;
    Universe& u = universe();
    NativeTypes n{};
    const Type* empty = u.empty_struct;
    Type* es = named(arena, "errors", "errorString", empty);
    add_method(arena, es, "Error", Member::errors_errorString_Error, true);
    n.error_string = arena.pointer_to(es);
    Type* we = named(arena, "fmt", "wrapError", empty);
    add_method(arena, we, "Error", Member::fmt_wrapError_Error, true);
    add_method(arena, we, "Unwrap", Member::fmt_wrapError_Unwrap, true, {u.error_type});
    n.wrap_error = arena.pointer_to(we);
    Type* re = named(arena, "runtime", "Error", empty);
    add_method(arena, re, "Error", Member::errors_errorString_Error, false);
    n.runtime_error = re;
    Type* ne = named(arena, "strconv", "NumError", empty);
    add_method(arena, ne, "Error", Member::errors_errorString_Error, true);
    n.num_error = arena.pointer_to(ne);
    Type* dur = named(arena, "time", "Duration", u.int64_type);
    add_method(arena, dur, "String", Member::time_Duration_String, false);
    n.duration = dur;
    Type* rl = named(arena, "sync", "rlocker", empty);
    add_method(arena, rl, "Lock", Member::sync_rlocker_Lock, true);
    add_method(arena, rl, "Unlock", Member::sync_rlocker_Unlock, true);
    n.rlocker = arena.pointer_to(rl);
    Type* tm = named(arena, "time", "Time", empty);
    tm->native = NativeType::Time;
    n.time_type = tm;
    Type* ctx = named(arena, "context", "cancelCtx", empty);
    ctx->native = NativeType::Context;
    add_method(arena, ctx, "Done", Member::context_ctxImpl_Done, true, {u.chan_of(empty, ChanDir::Recv)});
    add_method(arena, ctx, "Err", Member::context_ctxImpl_Err, true, {u.error_type});
    add_method(arena, ctx, "Deadline", Member::context_ctxImpl_Deadline, true, {tm, u.bool_type});
    add_method(arena, ctx, "Value", Member::context_ctxImpl_Value, true, {u.any_type});
    n.ctx = arena.pointer_to(ctx);
    n.unit_chan = u.chan_of(empty, ChanDir::Recv);
    n.time_chan = u.chan_of(tm, ChanDir::Recv);
    Type* cf = named(arena, "context", "CancelFunc", arena.func_of({}, {}, false));
    n.cancel_func = cf;
    Type* timer = named(arena, "time", "Timer", empty);
    n.timer_ptr = arena.pointer_to(timer);
    Type* ticker = named(arena, "time", "Ticker", empty);
    n.ticker_ptr = arena.pointer_to(ticker);
    Type* builder = named(arena, "strings", "Builder", empty);
    n.builder_ptr = arena.pointer_to(builder);
    return n;
  }();
  return types;
}

}  // namespace poollab::golite

namespace poollab::rt {
std::string Describe<golite::Value>::str(const golite::Value& v) {
  // What the pool view and event log show. fmt's %v of a func is its address, which
  // tells a student nothing: a job that is a func shows as the func's name.
  if (v.heap() && v.o->kind == golite::ObjKind::Func) {
    const auto* f = static_cast<const golite::FuncObj*>(v.o);
    if (f->info) return "func " + f->info->go_name;
    if (!f->native_name.empty()) return "func " + f->native_name;
    return "func";
  }
  return golite::fmt::format_v(v, nullptr);
}
}  // namespace poollab::rt
