// The standard-library subset as Go declarations (types, constants, bodiless
// functions); the checker reads these like any package, the evaluator binds
// every function, method and variable by its Member id.
#include "poollab/golite/stdlib_decls.hpp"

#include <array>

namespace poollab::golite {

namespace {

constexpr MemberInfo kMembers[] = {
#define POOLLAB_GOLITE_MEMBER_INFO(id, pkg, recv, name) {Member::id, pkg, recv, name},
    POOLLAB_GOLITE_MEMBERS(POOLLAB_GOLITE_MEMBER_INFO)
#undef POOLLAB_GOLITE_MEMBER_INFO
};

constexpr std::string_view kFmt = R"(package fmt
import "io"
func Print(a ...any) (n int, err error)
func Println(a ...any) (n int, err error)
func Printf(format string, a ...any) (n int, err error)
func Sprint(a ...any) string
func Sprintln(a ...any) string
func Sprintf(format string, a ...any) string
func Errorf(format string, a ...any) error
func Fprint(w io.Writer, a ...any) (n int, err error)
func Fprintln(w io.Writer, a ...any) (n int, err error)
func Fprintf(w io.Writer, format string, a ...any) (n int, err error)
type Stringer interface {
	String() string
}
type wrapError struct {
	msg string
	err error
}
func (e *wrapError) Error() string
func (e *wrapError) Unwrap() error
)";

constexpr std::string_view kSync = R"(package sync
type WaitGroup struct{ state int }
func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Done()
func (wg *WaitGroup) Wait()
type Mutex struct{ state int }
func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (m *Mutex) TryLock() bool
type RWMutex struct{ state int }
func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()
func (rw *RWMutex) TryLock() bool
func (rw *RWMutex) TryRLock() bool
func (rw *RWMutex) RLocker() Locker
type rlocker struct{ state int }
func (r *rlocker) Lock()
func (r *rlocker) Unlock()
type Locker interface {
	Lock()
	Unlock()
}
type Map struct{ m int }
func (m *Map) Load(key any) (value any, ok bool)
func (m *Map) Store(key, value any)
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool)
func (m *Map) LoadAndDelete(key any) (value any, loaded bool)
func (m *Map) Delete(key any)
func (m *Map) Range(f func(key, value any) bool)
func (m *Map) Swap(key, value any) (previous any, loaded bool)
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool)
func (m *Map) CompareAndDelete(key, old any) (deleted bool)
type Once struct {
	done int
	m    Mutex
}
func (o *Once) Do(f func())
)";

constexpr std::string_view kTime = R"(package time
type Duration int64
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)
type Time struct{ wall int64 }
type Timer struct {
	C <-chan Time
	r int
}
type Ticker struct {
	C <-chan Time
	r int
}
func Sleep(d Duration)
func Now() Time
func Since(t Time) Duration
func Until(t Time) Duration
func After(d Duration) <-chan Time
func Tick(d Duration) <-chan Time
func NewTimer(d Duration) *Timer
func NewTicker(d Duration) *Ticker
func AfterFunc(d Duration, f func()) *Timer
func (d Duration) Seconds() float64
func (d Duration) Milliseconds() int64
func (d Duration) Microseconds() int64
func (d Duration) Nanoseconds() int64
func (d Duration) Minutes() float64
func (d Duration) Hours() float64
func (d Duration) String() string
func (d Duration) Round(m Duration) Duration
func (d Duration) Truncate(m Duration) Duration
func (t Time) Sub(u Time) Duration
func (t Time) Add(d Duration) Time
func (t Time) Before(u Time) bool
func (t Time) After(u Time) bool
func (t Time) Equal(u Time) bool
func (t *Timer) Stop() bool
func (t *Timer) Reset(d Duration) bool
func (t *Ticker) Stop()
func (t *Ticker) Reset(d Duration)
)";

constexpr std::string_view kContext = R"(package context
import "time"
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}
type CancelFunc func()
type CancelCauseFunc func(cause error)
type ctxImpl struct{ id int }
func (c *ctxImpl) Deadline() (deadline time.Time, ok bool)
func (c *ctxImpl) Done() <-chan struct{}
func (c *ctxImpl) Err() error
func (c *ctxImpl) Value(key any) any
func Background() Context
func TODO() Context
func WithCancel(parent Context) (ctx Context, cancel CancelFunc)
func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc)
func Cause(c Context) error
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc)
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc)
func WithValue(parent Context, key, val any) Context
var Canceled error
var DeadlineExceeded error
)";

constexpr std::string_view kErrors = R"(package errors
func New(text string) error
func Is(err, target error) bool
func As(err error, target any) bool
func Unwrap(err error) error
func Join(errs ...error) error
type errorString struct{ s string }
func (e *errorString) Error() string
)";

constexpr std::string_view kSort = R"(package sort
func Ints(x []int)
func Strings(x []string)
func Float64s(x []float64)
func Slice(x any, less func(i, j int) bool)
func SliceStable(x any, less func(i, j int) bool)
func SearchInts(a []int, x int) int
)";

constexpr std::string_view kStrings = R"(package strings
func Join(elems []string, sep string) string
func Split(s, sep string) []string
func Fields(s string) []string
func Contains(s, substr string) bool
func HasPrefix(s, prefix string) bool
func HasSuffix(s, suffix string) bool
func Index(s, substr string) int
func Repeat(s string, count int) string
func Replace(s, old, new string, n int) string
func ReplaceAll(s, old, new string) string
func ToUpper(s string) string
func ToLower(s string) string
func TrimSpace(s string) string
func Trim(s, cutset string) string
func TrimPrefix(s, prefix string) string
func TrimSuffix(s, suffix string) string
func Count(s, substr string) int
func Title(s string) string
func Cut(s, sep string) (before, after string, found bool)
func LastIndex(s, substr string) int
func SplitN(s, sep string, n int) []string
func EqualFold(s, t string) bool
func ContainsRune(s string, r rune) bool
func ContainsAny(s, chars string) bool
func IndexByte(s string, c byte) int
func IndexRune(s string, r rune) int
func TrimLeft(s, cutset string) string
func TrimRight(s, cutset string) string
func Map(mapping func(rune) rune, s string) string
func Compare(a, b string) int
type Builder struct{ buf []byte }
func (b *Builder) Write(p []byte) (int, error)
func (b *Builder) WriteString(s string) (int, error)
func (b *Builder) WriteByte(c byte) error
func (b *Builder) WriteRune(r rune) (int, error)
func (b *Builder) String() string
func (b *Builder) Len() int
func (b *Builder) Reset()
)";

constexpr std::string_view kStrconv = R"(package strconv
func Itoa(i int) string
func Atoi(s string) (int, error)
func FormatInt(i int64, base int) string
func ParseInt(s string, base int, bitSize int) (i int64, err error)
func ParseFloat(s string, bitSize int) (float64, error)
func FormatFloat(f float64, fmt byte, prec, bitSize int) string
func Quote(s string) string
func ParseBool(str string) (bool, error)
func FormatBool(b bool) string
)";

constexpr std::string_view kRand = R"(package rand
type Source interface {
	Int63() int64
	Seed(seed int64)
}
type rngSource struct{ state int64 }
func (r *rngSource) Int63() int64
func (r *rngSource) Seed(seed int64)
type Rand struct{ src Source }
func Intn(n int) int
func Int() int
func Int63() int64
func Float64() float64
func Perm(n int) []int
func Shuffle(n int, swap func(i, j int))
func Seed(seed int64)
func New(src Source) *Rand
func NewSource(seed int64) Source
func (r *Rand) Intn(n int) int
func (r *Rand) Int() int
func (r *Rand) Int63() int64
func (r *Rand) Float64() float64
func (r *Rand) Perm(n int) []int
func (r *Rand) Shuffle(n int, swap func(i, j int))
)";

constexpr std::string_view kAtomic = R"(package atomic
func AddInt32(addr *int32, delta int32) (new int32)
func LoadInt32(addr *int32) (val int32)
func StoreInt32(addr *int32, val int32)
func SwapInt32(addr *int32, new int32) (old int32)
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)
func AddInt64(addr *int64, delta int64) (new int64)
func LoadInt64(addr *int64) (val int64)
func StoreInt64(addr *int64, val int64)
func SwapInt64(addr *int64, new int64) (old int64)
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)
func AddUint32(addr *uint32, delta uint32) (new uint32)
func LoadUint32(addr *uint32) (val uint32)
func StoreUint32(addr *uint32, val uint32)
func SwapUint32(addr *uint32, new uint32) (old uint32)
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)
func AddUint64(addr *uint64, delta uint64) (new uint64)
func LoadUint64(addr *uint64) (val uint64)
func StoreUint64(addr *uint64, val uint64)
func SwapUint64(addr *uint64, new uint64) (old uint64)
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)
type Int32 struct{ v int32 }
func (x *Int32) Add(delta int32) (new int32)
func (x *Int32) Load() int32
func (x *Int32) Store(val int32)
func (x *Int32) Swap(new int32) (old int32)
func (x *Int32) CompareAndSwap(old, new int32) (swapped bool)
type Int64 struct{ v int64 }
func (x *Int64) Add(delta int64) (new int64)
func (x *Int64) Load() int64
func (x *Int64) Store(val int64)
func (x *Int64) Swap(new int64) (old int64)
func (x *Int64) CompareAndSwap(old, new int64) (swapped bool)
type Uint32 struct{ v uint32 }
func (x *Uint32) Add(delta uint32) (new uint32)
func (x *Uint32) Load() uint32
func (x *Uint32) Store(val uint32)
func (x *Uint32) Swap(new uint32) (old uint32)
func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool)
type Uint64 struct{ v uint64 }
func (x *Uint64) Add(delta uint64) (new uint64)
func (x *Uint64) Load() uint64
func (x *Uint64) Store(val uint64)
func (x *Uint64) Swap(new uint64) (old uint64)
func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool)
type Bool struct{ v uint32 }
func (x *Bool) Load() bool
func (x *Bool) Store(val bool)
func (x *Bool) Swap(new bool) (old bool)
func (x *Bool) CompareAndSwap(old, new bool) (swapped bool)
type Value struct{ v any }
func (v *Value) Load() (val any)
func (v *Value) Store(val any)
func (v *Value) Swap(new any) (old any)
func (v *Value) CompareAndSwap(old, new any) (swapped bool)
)";

constexpr std::string_view kMath = R"(package math
const (
	E   = 2.71828182845904523536028747135266249775724709369995957496696763
	Pi  = 3.14159265358979323846264338327950288419716939937510582097494459
	Phi = 1.61803398874989484820458683436563811772030917980576286213544862
	Sqrt2 = 1.41421356237309504880168872420969807856967187537694807317667974
	Ln2   = 0.693147180559945309417232121458176568075500134360255254120680009
	MaxFloat32 = 3.40282346638528859811704183484516925440e+38
	SmallestNonzeroFloat32 = 1.401298464324817070923729583289916131280e-45
	MaxFloat64 = 1.79769313486231570814527423731704356798070e+308
	SmallestNonzeroFloat64 = 4.9406564584124654417656879286822137236505980e-324
	MaxInt    = 1<<63 - 1
	MinInt    = -1 << 63
	MaxInt8   = 127
	MinInt8   = -128
	MaxInt16  = 32767
	MinInt16  = -32768
	MaxInt32  = 2147483647
	MinInt32  = -2147483648
	MaxInt64  = 1<<63 - 1
	MinInt64  = -1 << 63
	MaxUint8  = 255
	MaxUint16 = 65535
	MaxUint32 = 4294967295
	MaxUint   = 1<<64 - 1
	MaxUint64 = 1<<64 - 1
)
func Sqrt(x float64) float64
func Abs(x float64) float64
func Floor(x float64) float64
func Ceil(x float64) float64
func Round(x float64) float64
func RoundToEven(x float64) float64
func Trunc(x float64) float64
func Pow(x, y float64) float64
func Exp(x float64) float64
func Log(x float64) float64
func Log2(x float64) float64
func Log10(x float64) float64
func Max(x, y float64) float64
func Min(x, y float64) float64
func Mod(x, y float64) float64
func Hypot(p, q float64) float64
func Inf(sign int) float64
func IsInf(f float64, sign int) bool
func IsNaN(f float64) (is bool)
func NaN() float64
func Sin(x float64) float64
func Cos(x float64) float64
func Tan(x float64) float64
func Atan(x float64) float64
func Atan2(y, x float64) float64
func Cbrt(x float64) float64
func Signbit(x float64) bool
func Copysign(f, sign float64) float64
)";

// Go's slices functions are generic; here their slice parameters are `any` and the
// checker gives Max, Min and Clone their result types and converts a constant value
// argument to the element type (Checker::slices_call).
constexpr std::string_view kSlices = R"(package slices
func Sort(x any)
func SortFunc(x any, cmp any)
func SortStableFunc(x any, cmp any)
func Contains(s any, v any) bool
func ContainsFunc(s any, f any) bool
func Index(s any, v any) int
func IndexFunc(s any, f any) int
func Reverse(s any)
func Max(x any) any
func Min(x any) any
func Equal(s1, s2 any) bool
func Clone(s any) any
)";

constexpr std::string_view kRuntime = R"(package runtime
func NumGoroutine() int
func Gosched()
func NumCPU() int
func GOMAXPROCS(n int) int
)";

constexpr std::string_view kOs = R"(package os
type File struct{ fd int }
func (f *File) Write(b []byte) (n int, err error)
func Exit(code int)
func Getenv(key string) string
var Stdout *File
var Stderr *File
var Args []string
)";

// io: only Writer, for fmt.Fprint* and the programs that pass writers around.
constexpr std::string_view kIo = R"(package io
type Writer interface {
	Write(p []byte) (n int, err error)
}
)";

constexpr std::string_view kSim = R"(package sim
import (
	"context"
	"time"
)
func Configure(minLatency, maxLatency time.Duration, failPercent int)
func Fetch(ctx context.Context, url string) (int, error)
func Work(d time.Duration)
)";

struct PackageSource {
  std::string_view path;
  std::string_view source;
};
constexpr PackageSource kPackages[] = {
    {"fmt", kFmt},         {"sync", kSync},       {"time", kTime},       {"context", kContext},
    {"errors", kErrors},   {"sort", kSort},       {"strings", kStrings}, {"strconv", kStrconv},
    {"math/rand", kRand},  {"runtime", kRuntime}, {"os", kOs},           {"poollab/sim", kSim},
    {"sync/atomic", kAtomic}, {"math", kMath}, {"slices", kSlices}, {"io", kIo},
};

}  // namespace

const MemberInfo& member_info(Member id) { return kMembers[static_cast<int>(id)]; }

Member find_member(std::string_view package, std::string_view recv, std::string_view name) {
  for (const auto& m : kMembers)
    if (m.package == package && m.recv == recv && m.name == name) return m.id;
  return Member::Count;
}

std::string_view stdlib_source(std::string_view import_path) {
  for (const auto& p : kPackages)
    if (p.path == import_path) return p.source;
  return {};
}

std::string_view package_name(std::string_view import_path) {
  auto slash = import_path.rfind('/');
  return slash == std::string_view::npos ? import_path : import_path.substr(slash + 1);
}

}  // namespace poollab::golite
