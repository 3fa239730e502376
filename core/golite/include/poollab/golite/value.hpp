// golite's run-time values: 16 bytes, scalars inline, everything else a
// reference-counted heap object.
//
//   Value n = Value::of_int(universe().int_type, 42);   // no allocation
//   Value s = Value::of_string(universe().string_type, "hi");
//   str(s) == "hi";
//
// Every value carries its dynamic type, so a value stored in an interface needs
// no extra box: a nil interface is the value with no type. Struct and array
// values (and sync.WaitGroup / sync.Mutex) have Go's value semantics: copy_value()
// clones them whenever Go would copy.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "poollab/golite/types.hpp"
#include "poollab/runtime.hpp"

namespace poollab::golite {

// The most one make, append or array may take in golite's own representation (1 GiB):
// past it the program ends with Go's "fatal error: runtime: out of memory" instead of
// taking the machine's memory (and the window) with it.
inline constexpr std::uint64_t kMaxAllocationBytes = std::uint64_t{1} << 30;
// Throws rt::Fatal("runtime: out of memory") when `count` items of `per_item` bytes
// (golite's, e.g. sizeof(Value) per element) would pass kMaxAllocationBytes.
void check_allocation(std::uint64_t count, std::uint64_t per_item);

struct FuncInfo;
struct BlockStmt;

struct ObjHeap;

// Base of every heap object; atomically counted because values cross goroutines.
enum class ObjKind : uint8_t { Str, Agg, Slice, Map, Box, Ptr, Func, Chan, WaitGroup, Mutex, RWMutex, Ctx, Timer, Err, Builder };
struct Obj {
  explicit Obj(ObjKind k) : kind(k) {}
  std::atomic<int32_t> refs{1};
  ObjKind kind;
  virtual ~Obj() {
    if (heap.load(std::memory_order_acquire)) heap_forget();
  }

  // Objects that can hold Values (and so close a reference cycle) join the heap of the
  // run whose goroutine made them; the run's end breaks whatever cycles are left.
  void heap_track();
  std::atomic<ObjHeap*> heap{nullptr};
  Obj* heap_prev = nullptr;
  Obj* heap_next = nullptr;

 private:
  void heap_forget();
};

// Every cycle-capable object of one run, so that the run's end can free reference
// cycles (a recursive closure, a linked list's back pointers) that counting alone keeps
// alive. Values never outlive their run: teardown() empties every object still alive.
//
//   ObjHeap heap;
//   { ObjHeap::Scope scope(&heap); Value v = zero_value(some_struct_type); ... }
//   heap.teardown();  // also done by ~ObjHeap
struct ObjHeap {
  ObjHeap() = default;
  ObjHeap(const ObjHeap&) = delete;
  ObjHeap& operator=(const ObjHeap&) = delete;
  ~ObjHeap() { teardown(); }

  // Empties every tracked object still alive (their Values released), then detaches them.
  void teardown();
  // Objects made on this thread while a Scope is open join `heap`.
  class Scope {
   public:
    explicit Scope(ObjHeap* heap);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ObjHeap* previous_;
  };

 private:
  friend struct Obj;
  static constexpr size_t kShards = 16;
  struct Shard {
    std::mutex mu;
    Obj* head = nullptr;
  };
  Shard& shard_of(const Obj* o) { return shards_[(reinterpret_cast<uintptr_t>(o) >> 6) % kShards]; }
  Shard shards_[kShards];
};
inline void obj_retain(Obj* o) { o->refs.fetch_add(1, std::memory_order_relaxed); }
inline void obj_release(Obj* o) {
  if (o->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete o;
}

class Value {
 public:
  static constexpr uintptr_t kHeap = 1;  // o is a counted object
  static constexpr uintptr_t kAgg = 2;   // value semantics: clone on copy (struct, array, WaitGroup, Mutex)
  static constexpr uintptr_t kBits = 3;

  union {
    int64_t i;
    double f;
    Obj* o;
  };
  uintptr_t tb = 0;  // const Type* | flag bits

  Value() : i(0) {}
  Value(const Value& v) : i(v.i), tb(v.tb) {
    if (tb & kHeap) obj_retain(o);
  }
  Value(Value&& v) noexcept : i(v.i), tb(v.tb) { v.tb &= ~kBits; v.i = 0; }
  Value& operator=(const Value& v) {
    if (v.tb & kHeap) obj_retain(v.o);
    if (tb & kHeap) obj_release(o);
    i = v.i;
    tb = v.tb;
    return *this;
  }
  __attribute__((always_inline)) Value& operator=(Value&& v) noexcept {
    if (this != &v) {
      if (tb & kHeap) obj_release(o);
      i = v.i;
      tb = v.tb;
      v.tb &= ~kBits;
      v.i = 0;
    }
    return *this;
  }
  ~Value() {
    if (tb & kHeap) obj_release(o);
  }

  const Type* type() const { return reinterpret_cast<const Type*>(tb & ~kBits); }
  bool is_nil_iface() const { return tb == 0; }
  bool heap() const { return tb & kHeap; }
  bool agg() const { return tb & kAgg; }
  Obj* obj() const { return (tb & kHeap) ? o : nullptr; }
  bool as_bool() const { return i != 0; }

  static Value of_int(const Type* t, int64_t v) {
    Value r;
    r.i = v;
    r.tb = reinterpret_cast<uintptr_t>(t);
    return r;
  }
  static Value of_float(const Type* t, double v) {
    Value r;
    r.f = v;
    r.tb = reinterpret_cast<uintptr_t>(t);
    return r;
  }
  static Value of_bool(const Type* t, bool v) { return of_int(t, v ? 1 : 0); }
  // Takes ownership of `obj` (its count of 1); obj may be null (nil slice, map, ...).
  static Value of_obj(const Type* t, Obj* obj, bool agg = false) {
    Value r;
    r.o = obj;
    r.tb = reinterpret_cast<uintptr_t>(t) | (obj ? kHeap : 0) | (agg ? kAgg : 0);
    return r;
  }
  static Value of_string(const Type* t, std::string s);
  // The same payload seen with another type (conversions between named types).
  Value retyped(const Type* t) const {
    Value r(*this);
    r.tb = reinterpret_cast<uintptr_t>(t) | (tb & kBits);
    return r;
  }
};

// ---- heap objects ----

struct StrObj final : Obj {
  explicit StrObj(std::string v) : Obj(ObjKind::Str), s(std::move(v)) {}
  std::string s;
};

// Struct fields, array elements, and the backing array of slices.
struct AggObj final : Obj {
  AggObj() : Obj(ObjKind::Agg) { heap_track(); }
  explicit AggObj(size_t n) : Obj(ObjKind::Agg), v(n) { heap_track(); }
  std::vector<Value> v;
};

struct SliceObj final : Obj {
  SliceObj(AggObj* a, int64_t off_, int64_t len_, int64_t cap_) : Obj(ObjKind::Slice), arr(a), off(off_), len(len_), cap(cap_) {}
  ~SliceObj() override {
    if (arr) obj_release(arr);
  }
  Value* data() const { return arr->v.data() + off; }
  AggObj* arr;  // counted
  int64_t off, len, cap;
};

struct ValueHash {
  size_t operator()(const Value& v) const;
};
struct ValueEq {
  bool operator()(const Value& a, const Value& b) const;
};

struct MapObj final : Obj {
  MapObj() : Obj(ObjKind::Map) { heap_track(); }
  std::unordered_map<Value, Value, ValueHash, ValueEq> m;
};

// A variable that lives on the heap (captured by a closure or its address taken).
struct BoxObj final : Obj {
  BoxObj() : Obj(ObjKind::Box) { heap_track(); }
  explicit BoxObj(Value x) : Obj(ObjKind::Box), v(std::move(x)) { heap_track(); }
  Value v;
};

// A pointer to any addressable place; `owner` keeps the place's storage alive.
struct PtrObj final : Obj {
  PtrObj(Obj* owner_, Value* target_) : Obj(ObjKind::Ptr), owner(owner_), target(target_) {
    if (owner) obj_retain(owner);
  }
  ~PtrObj() override {
    if (owner) obj_release(owner);
  }
  Obj* owner;
  Value* target;
};

class Interp;
struct Goroutine;

// A function value: a top-level function, a closure, a bound method or a native function.
struct FuncObj final : Obj {
  FuncObj() : Obj(ObjKind::Func) { heap_track(); }
  const FuncInfo* info = nullptr;       // user code
  const BlockStmt* body = nullptr;
  std::vector<Value> captures;          // boxes
  bool bound = false;                   // method value: `recv` is the first argument
  Value recv;
  // Native function (cancel funcs, stdlib functions used as values).
  std::function<void(std::vector<Value>& args, std::vector<Value>& results)> native;
  std::string native_name;
  int member = -1;                      // a standard-library member used as a value (bound: recv first)
};

// A channel: golite channels carry Values; timer and context channels carry their own element types.
struct ChanObj final : Obj {
  ChanObj() : Obj(ObjKind::Chan) { heap_track(); }
  enum class Elem : uint8_t { Value, Time, Unit } elem = Elem::Value;
  rt::Chan<Value> ch;
  rt::Chan<rt::Nanos> tch;
  rt::Chan<rt::Unit> uch;
  rt::detail::ChanCore* core() const {
    return elem == Elem::Value ? ch.core() : elem == Elem::Time ? tch.core() : uch.core();
  }
};

// Runtime objects behind sync and time types and contexts.
struct WaitGroupObj final : Obj {
  explicit WaitGroupObj(rt::WaitGroup w) : Obj(ObjKind::WaitGroup), wg(std::move(w)) {}
  rt::WaitGroup wg;
};
struct MutexObj final : Obj {
  explicit MutexObj(rt::Mutex m) : Obj(ObjKind::Mutex), mu(std::move(m)) {}
  rt::Mutex mu;
};

struct RWMutexObj final : Obj {
  explicit RWMutexObj(rt::RWMutex m) : Obj(ObjKind::RWMutex), mu(std::move(m)) {}
  rt::RWMutex mu;
};
// One context.WithValue pair; a context's pairs run innermost first through `parent`
// and are shared with every context derived from it.
struct CtxValueNode {
  Value key, val;
  std::shared_ptr<const CtxValueNode> parent;
};

struct CtxObj final : Obj {
  explicit CtxObj(rt::Context c, std::shared_ptr<const CtxValueNode> v = nullptr)
      : Obj(ObjKind::Ctx), ctx(std::move(c)), values(std::move(v)) {
    if (values) heap_track();  // its values may lead back to it
  }
  rt::Context ctx;  // cancellation, deadline
  std::shared_ptr<const CtxValueNode> values;
};
struct TimerObj final : Obj {
  TimerObj() : Obj(ObjKind::Timer) { heap_track(); }
  std::unique_ptr<rt::Timer> timer;
  std::unique_ptr<rt::Ticker> ticker;
  std::unique_ptr<rt::AfterFunc> after_func;  // its pending timer holds the function, not this
};
// errors.New, fmt.Errorf results, runtime errors.
struct ErrObj final : Obj {
  explicit ErrObj(std::string m) : Obj(ObjKind::Err), msg(std::move(m)) { heap_track(); }
  std::string msg;
  std::vector<Value> wrapped;  // %w operands
};
struct BuilderObj final : Obj {
  BuilderObj() : Obj(ObjKind::Builder) {}
  std::string s;
};

// ---- helpers ----

inline std::string_view str(const Value& v) {
  return v.heap() ? std::string_view(static_cast<StrObj*>(v.o)->s) : std::string_view();
}

// Out-of-line halves of the three helpers below (the inline parts keep scalars off the call path).
Value zero_value_slow(const Type* t);
Value copy_value_slow(const Value& v);
void assign_value_slow(Value& dst, const Value& src);

// Go's zero value of t (a fresh object for structs and arrays).
inline Value zero_value(const Type* t) {
  if (t && t->kind >= Kind::Bool && t->kind <= Kind::Float64) return Value::of_int(t, 0);  // 0.0 has all bits 0
  return zero_value_slow(t);
}
// Go's copy: structs and arrays are cloned (recursively through nested ones).
inline Value copy_value(const Value& v) {
  if (!v.agg()) return v;
  return copy_value_slow(v);
}
// dst = src with Go's copy semantics, reusing dst's storage for structs and arrays so
// pointers into dst stay valid.
inline void assign_value(Value& dst, const Value& src) {
  if (!src.agg()) {
    dst = src;
    return;
  }
  assign_value_slow(dst, src);
}
// Go's == for two values of comparable (dynamic) types.
bool values_equal(const Value& a, const Value& b);
// Panics Go's "runtime error: hash of unhashable type T" for non-comparable dynamic types.
void require_comparable(const Value& v);

// Synthetic dynamic types of values made by the standard library.
struct NativeTypes {
  const Type* error_string;  // *errors.errorString
  const Type* wrap_error;    // *fmt.wrapError
  const Type* runtime_error; // runtime.Error
  const Type* ctx;           // *context.cancelCtx
  const Type* time_type;     // time.Time
  const Type* duration;      // time.Duration
  const Type* rlocker;       // *sync.rlocker: RWMutex.RLocker()'s Locker
  const Type* timer_ptr;     // *time.Timer
  const Type* ticker_ptr;    // *time.Ticker
  const Type* unit_chan;     // <-chan struct{}
  const Type* time_chan;     // <-chan time.Time
  const Type* cancel_func;   // context.CancelFunc
  const Type* builder_ptr;   // *strings.Builder
  const Type* num_error;     // *strconv.NumError
};
const NativeTypes& native_types();

}  // namespace poollab::golite

namespace poollab::rt {
// Channel events and snapshots show golite values as Go prints them.
template <>
struct Describe<golite::Value> {
  static std::string str(const golite::Value& v);
};
}  // namespace poollab::rt
