// golite's type representation: Go's types as the checker resolves them.
//
//   Universe& u = universe();
//   const Type* s = u.slice_of(u.int_type);            // []int
//   type_string(s) == "[]int";
//   identical(s, u.slice_of(u.int_type)) == true;       // composite types are interned
//
// Types are immutable after checking and owned by a TypeArena (the universe's
// for predeclared and interned types, the program's for named types).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace poollab::golite {

struct FuncDecl;  // ast.hpp

enum class Kind : uint8_t {
  Invalid,  // the type of an erroneous expression; never reaches the evaluator
  // Basic, typed
  Bool,
  Int,
  Int8,
  Int16,
  Int32,  // rune is Int32 named "rune"
  Int64,
  Uint,
  Uint8,  // byte is Uint8 named "byte"
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  String,
  UnsafePointer,  // unused, reserved
  // Basic, untyped (constants and nil)
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedFloat,
  UntypedString,
  UntypedNil,
  // Composite
  Pointer,
  Slice,
  Array,
  Map,
  Chan,
  Func,  // a signature
  Struct,
  Interface,
  Tuple,  // results of a multi-value call; never a value's type
  Named,  // a declared type: main.Job, time.Duration, error
};

enum class ChanDir : uint8_t { Both, Send, Recv };  // chan T, chan<- T, <-chan T

struct Type;

struct Field {
  std::string name;  // for an embedded field, the type's name
  const Type* type = nullptr;
  bool embedded = false;
  bool exported() const { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }
};

// One method declared on a named type.
struct Method {
  std::string name;
  const Type* sig = nullptr;     // Kind::Func, without receiver
  bool pointer_recv = false;     // func (p *T) M() vs func (v T) M()
  const FuncDecl* decl = nullptr;  // user method: its declaration (body to run)
  int member = -1;               // stdlib method: a stdlib_decls.hpp Member id
  bool forward = false;          // promoted from an embedded interface field: call it on that field's value
};

// One method of an interface (always sorted by name inside Type::imethods).
struct InterfaceMethod {
  InterfaceMethod(std::string n, const Type* s) : name(std::move(n)), sig(s) {
    forward.name = name;
    forward.sig = sig;
    forward.forward = true;
  }
  std::string name;
  const Type* sig = nullptr;  // Kind::Func, without receiver
  Method forward;             // stands for this method where a struct embeds the interface
};

// Predeclared/stdlib types the evaluator represents natively (their Go struct
// is only a shape for the checker). 0 = an ordinary type.
enum class NativeType : uint8_t {
  None,
  WaitGroup,    // sync.WaitGroup
  Mutex,        // sync.Mutex
  RWMutex,      // sync.RWMutex
  Once,         // sync.Once
  Time,         // time.Time
  Timer,        // time.Timer (field C)
  Ticker,       // time.Ticker (field C)
  Context,      // context.ctxImpl: the dynamic type behind context.Context
  ErrorString,  // errors.errorString: what errors.New returns
  WrapError,    // fmt.wrapError: what fmt.Errorf with %w returns
  Builder,      // strings.Builder
  Rand,         // rand.Rand
  RngSource,    // rand.rngSource: what rand.NewSource returns
  File,         // os.File (os.Stdout, os.Stderr)
};

struct Type {
  Kind kind = Kind::Invalid;

  // Basic: "int", "byte", "untyped int". Named: the bare name ("Job", "Duration").
  std::string name;
  // Named: the package path's last element ("main", "time"); empty for error, any, basics.
  std::string pkg;

  const Type* elem = nullptr;  // Pointer, Slice, Array, Chan: element; Map: value
  const Type* key = nullptr;   // Map: key
  int64_t length = 0;          // Array: length
  ChanDir dir = ChanDir::Both;  // Chan

  std::vector<Field> fields;  // Struct

  // Func: parameter and result types. With variadic, the last param is []T.
  std::vector<const Type*> params;
  std::vector<const Type*> results;
  bool variadic = false;
  // Func: parameter and result names when declared ("" each otherwise); for printing only.
  std::vector<std::string> param_names;
  std::vector<std::string> result_names;

  std::vector<const Type*> elems;  // Tuple

  std::vector<InterfaceMethod> imethods;  // Interface (sorted by name)

  // Named: underlying type (never Named) and declared methods.
  const Type* underlying_ = nullptr;
  std::vector<Method> methods;
  NativeType native = NativeType::None;
  bool is_alias_of_predeclared = false;  // byte, rune are basics with their own name

  // Underlying type: itself for everything except Named.
  const Type* underlying() const { return kind == Kind::Named ? underlying_ : this; }
  Kind ukind() const { return underlying()->kind; }

  bool is_named() const { return kind == Kind::Named; }
  bool is_untyped() const { return kind >= Kind::UntypedBool && kind <= Kind::UntypedNil; }
  bool is_integer() const;   // of the underlying type; includes untyped int/rune
  bool is_unsigned() const;
  bool is_float() const;     // includes untyped float
  bool is_numeric() const;
  bool is_string() const;    // includes untyped string
  bool is_boolean() const;   // includes untyped bool
  bool is_interface() const { return ukind() == Kind::Interface; }
  bool is_basic() const { return kind >= Kind::Bool && kind <= Kind::UntypedNil; }

  // Methods of a named type (or of *Named when ptr is set): nullptr when absent.
  const Method* find_method(std::string_view method_name) const;
  // Size in bits for sized integers (int = 64), 0 otherwise.
  int int_bits() const;
};

// Owns types; composite types built through it are interned (same pointer for
// identical composites), so identity of unnamed types is mostly pointer equality.
class TypeArena {
 public:
  Type* make(Kind k);  // a fresh, non-interned type (Named, Struct, Interface, Func...)
  const Type* pointer_to(const Type* elem);
  const Type* slice_of(const Type* elem);
  const Type* array_of(const Type* elem, int64_t length);
  const Type* map_of(const Type* key, const Type* value);
  const Type* chan_of(const Type* elem, ChanDir dir);
  const Type* tuple_of(std::vector<const Type*> elems);
  const Type* func_of(std::vector<const Type*> params, std::vector<const Type*> results, bool variadic,
                      std::vector<std::string> param_names = {}, std::vector<std::string> result_names = {});

 private:
  std::mutex mu_;
  std::deque<Type> types_;
  std::map<std::string, const Type*> interned_;  // structural key -> type
  const Type* intern(std::string key, Type t);
};

// Predeclared types; a process-wide singleton built on first use (thread-safe).
struct Universe {
  mutable TypeArena arena;  // interning is internally synchronised
  const Type* invalid;
  const Type* bool_type;
  const Type* int_type;
  const Type* int8_type;
  const Type* int16_type;
  const Type* int32_type;
  const Type* int64_type;
  const Type* uint_type;
  const Type* uint8_type;
  const Type* uint16_type;
  const Type* uint32_type;
  const Type* uint64_type;
  const Type* uintptr_type;
  const Type* float32_type;
  const Type* float64_type;
  const Type* string_type;
  const Type* byte_type;  // Kind::Uint8, name "byte"
  const Type* rune_type;  // Kind::Int32, name "rune"
  const Type* untyped_bool;
  const Type* untyped_int;
  const Type* untyped_rune;
  const Type* untyped_float;
  const Type* untyped_string;
  const Type* untyped_nil;
  const Type* error_type;   // Named "error", underlying interface{ Error() string }
  const Type* any_type;     // interface{} (printed "any")
  const Type* empty_struct; // struct{}

  const Type* slice_of(const Type* e) const { return arena.slice_of(e); }
  const Type* pointer_to(const Type* e) const { return arena.pointer_to(e); }
  const Type* map_of(const Type* k, const Type* v) const { return arena.map_of(k, v); }
  const Type* chan_of(const Type* e, ChanDir d) const { return arena.chan_of(e, d); }
  const Type* array_of(const Type* e, int64_t n) const { return arena.array_of(e, n); }

  // The predeclared type with this name ("int", "error", "any"...), or nullptr.
  const Type* lookup(std::string_view name) const;
  // The default type of an untyped constant kind (untyped int -> int, ...).
  const Type* default_type(const Type* t) const;
};

Universe& universe();

// Go's spelling of a type, qualified by package as go build prints it:
// "[]int", "map[string]int", "chan<- int", "main.Job", "func(int) string",
// "*main.Pool", "struct{}", "any", "untyped int", "(int, error)".
std::string type_string(const Type* t);
// As the compiler prints types in messages about package `local`: that
// package's own types unqualified ("Job", "[]Job", "*Pool").
std::string type_string(const Type* t, std::string_view local);

// Go's type identity (spec "Type identity").
bool identical(const Type* a, const Type* b);

// What the selector x.name denotes for x of type t, by Go's rules: the fields and
// methods of t (or of *t's element), else those promoted from embedded fields,
// breadth-first; more than one of the name at the shallowest depth where it occurs
// is ambiguous. An interface's own methods (depth 0) are the caller's to look at.
//
//   Selection s = resolve_selector(worker_type, "Name");  // promoted from `base`: s.path {0}
struct Selection {
  enum class What : std::uint8_t { None, Field, Method, InterfaceMethod, Ambiguous };
  What what = What::None;
  std::vector<int> path;                 // embedded field indices walked; a Field's path ends in its own index
  const Type* field_type = nullptr;      // Field
  const Method* method = nullptr;        // Method
  const Type* recv_named = nullptr;      // Method: the named type declaring it
  const Type* iface = nullptr;           // InterfaceMethod: the embedded interface's underlying type
  int method_index = -1;                 // InterfaceMethod: index in iface->imethods
  bool holder_is_pointer = false;        // the value holding the method is reached as a pointer (the start or the last embedded field)
  bool through_pointer = false;          // some step from the start to it is a pointer: its pointer methods are in t's method set
};
Selection resolve_selector(const Type* t, std::string_view name);

// The method `name` in t's method set, found as Go's selectors find it: declared on t
// (or on *t's element), else promoted from an embedded field, shallowest first. `path`
// receives the embedded field indices from a value of t to the method's receiver.
// A method that exists but needs an addressable receiver t lacks sets *wrong_pointer;
// two of the name at the shallowest depth set *ambiguous (neither is in the set).
//
//   std::vector<int> path;
//   const Method* m = lookup_method(worker_ptr_type, "Name", &path);  // promoted from `base`: path {0}
const Method* lookup_method(const Type* t, std::string_view name, std::vector<int>* path = nullptr,
                            bool* wrong_pointer = nullptr, bool* ambiguous = nullptr);

// Does t implement interface iface? On failure, missing names the first missing
// method, wrong_pointer is set when only *t has it and ambiguous when two embedded
// fields both promote it.
bool implements(const Type* t, const Type* iface, std::string* missing = nullptr, bool* wrong_pointer = nullptr,
                bool* ambiguous = nullptr);

// Why t does not implement iface, as the compiler words it in parentheses
// ("missing method Name", "method Name has pointer receiver", "ambiguous selector C.Name",
// "*C.Name is a field, not a method");
// empty when it does. Types are printed as in package `local`.
std::string not_implemented_reason(const Type* t, const Type* iface, std::string_view local);

// Spec "Assignability" for a value of type v to a variable of type t (v may be
// untyped; untyped constants are assumed representable here — the checker
// checks representability separately).
bool assignable(const Type* v, const Type* t);

// Spec "Comparable" (== on values of this type is allowed).
bool comparable(const Type* t);

}  // namespace poollab::golite
