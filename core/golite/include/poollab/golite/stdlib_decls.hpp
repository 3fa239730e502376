// The standard-library subset golite knows: one id per package member (function,
// method of a package type, or package variable). The checker types calls from
// Go-source declarations of each package (stdlib_source); the evaluator
// dispatches on the id.
//
//   // checker: fmt.Println(x) -> CallExpr{call_kind = Stdlib}, fun = SelectorExpr{member = fmt_Println}
//   switch (static_cast<Member>(sel->member)) { case Member::fmt_Println: ... }
//
// Calling convention for methods: the receiver comes first, as declared
// (a pointer for `func (wg *WaitGroup) Add(delta int)`), then the arguments; a
// variadic tail arrives as one slice, as in Go.
#pragma once

#include <string_view>

namespace poollab::golite {

// X(id, package path, receiver type or "", name)
#define POOLLAB_GOLITE_MEMBERS(X)                                         \
  /* fmt */                                                               \
  X(fmt_Print, "fmt", "", "Print")                                        \
  X(fmt_Println, "fmt", "", "Println")                                    \
  X(fmt_Printf, "fmt", "", "Printf")                                      \
  X(fmt_Sprint, "fmt", "", "Sprint")                                      \
  X(fmt_Sprintln, "fmt", "", "Sprintln")                                  \
  X(fmt_Sprintf, "fmt", "", "Sprintf")                                    \
  X(fmt_Errorf, "fmt", "", "Errorf")                                      \
  X(fmt_Fprint, "fmt", "", "Fprint")                                      \
  X(fmt_Fprintln, "fmt", "", "Fprintln")                                  \
  X(fmt_Fprintf, "fmt", "", "Fprintf")                                    \
  X(fmt_wrapError_Error, "fmt", "wrapError", "Error")                     \
  X(fmt_wrapError_Unwrap, "fmt", "wrapError", "Unwrap")                   \
  /* sync */                                                              \
  X(sync_WaitGroup_Add, "sync", "WaitGroup", "Add")                       \
  X(sync_WaitGroup_Done, "sync", "WaitGroup", "Done")                     \
  X(sync_WaitGroup_Wait, "sync", "WaitGroup", "Wait")                     \
  X(sync_Mutex_Lock, "sync", "Mutex", "Lock")                             \
  X(sync_Mutex_Unlock, "sync", "Mutex", "Unlock")                         \
  X(sync_Mutex_TryLock, "sync", "Mutex", "TryLock")                       \
  X(sync_RWMutex_Lock, "sync", "RWMutex", "Lock")                         \
  X(sync_RWMutex_Unlock, "sync", "RWMutex", "Unlock")                     \
  X(sync_RWMutex_RLock, "sync", "RWMutex", "RLock")                       \
  X(sync_RWMutex_RUnlock, "sync", "RWMutex", "RUnlock")                   \
  X(sync_RWMutex_RLocker, "sync", "RWMutex", "RLocker")                   \
  X(sync_RWMutex_TryLock, "sync", "RWMutex", "TryLock")                   \
  X(sync_RWMutex_TryRLock, "sync", "RWMutex", "TryRLock")                 \
  X(sync_rlocker_Lock, "sync", "rlocker", "Lock")                         \
  X(sync_rlocker_Unlock, "sync", "rlocker", "Unlock")                     \
  X(sync_Map_Load, "sync", "Map", "Load")                                 \
  X(sync_Map_Store, "sync", "Map", "Store")                               \
  X(sync_Map_LoadOrStore, "sync", "Map", "LoadOrStore")                   \
  X(sync_Map_LoadAndDelete, "sync", "Map", "LoadAndDelete")               \
  X(sync_Map_Delete, "sync", "Map", "Delete")                             \
  X(sync_Map_Range, "sync", "Map", "Range")                               \
  X(sync_Map_Swap, "sync", "Map", "Swap")                                 \
  X(sync_Map_CompareAndSwap, "sync", "Map", "CompareAndSwap")             \
  X(sync_Map_CompareAndDelete, "sync", "Map", "CompareAndDelete")         \
  X(sync_Once_Do, "sync", "Once", "Do")                                   \
  /* time */                                                              \
  X(time_Sleep, "time", "", "Sleep")                                      \
  X(time_Now, "time", "", "Now")                                          \
  X(time_Since, "time", "", "Since")                                      \
  X(time_Until, "time", "", "Until")                                      \
  X(time_After, "time", "", "After")                                      \
  X(time_Tick, "time", "", "Tick")                                        \
  X(time_NewTimer, "time", "", "NewTimer")                                \
  X(time_NewTicker, "time", "", "NewTicker")                              \
  X(time_AfterFunc, "time", "", "AfterFunc")                              \
  X(time_Duration_Seconds, "time", "Duration", "Seconds")                 \
  X(time_Duration_Milliseconds, "time", "Duration", "Milliseconds")       \
  X(time_Duration_Microseconds, "time", "Duration", "Microseconds")       \
  X(time_Duration_Nanoseconds, "time", "Duration", "Nanoseconds")         \
  X(time_Duration_Minutes, "time", "Duration", "Minutes")                 \
  X(time_Duration_Hours, "time", "Duration", "Hours")                     \
  X(time_Duration_String, "time", "Duration", "String")                   \
  X(time_Duration_Round, "time", "Duration", "Round")                     \
  X(time_Duration_Truncate, "time", "Duration", "Truncate")               \
  X(time_Time_Sub, "time", "Time", "Sub")                                 \
  X(time_Time_Add, "time", "Time", "Add")                                 \
  X(time_Time_Before, "time", "Time", "Before")                           \
  X(time_Time_Equal, "time", "Time", "Equal")                             \
  X(time_Time_After, "time", "Time", "After")                             \
  X(time_Timer_Stop, "time", "Timer", "Stop")                             \
  X(time_Timer_Reset, "time", "Timer", "Reset")                           \
  X(time_Ticker_Stop, "time", "Ticker", "Stop")                           \
  X(time_Ticker_Reset, "time", "Ticker", "Reset")                         \
  /* context */                                                           \
  X(context_Background, "context", "", "Background")                      \
  X(context_TODO, "context", "", "TODO")                                  \
  X(context_WithCancel, "context", "", "WithCancel")                      \
  X(context_WithCancelCause, "context", "", "WithCancelCause")            \
  X(context_Cause, "context", "", "Cause")                                \
  X(context_WithTimeout, "context", "", "WithTimeout")                    \
  X(context_WithDeadline, "context", "", "WithDeadline")                  \
  X(context_WithValue, "context", "", "WithValue")                        \
  X(context_Canceled, "context", "", "Canceled")                          \
  X(context_DeadlineExceeded, "context", "", "DeadlineExceeded")          \
  X(context_ctxImpl_Done, "context", "ctxImpl", "Done")                   \
  X(context_ctxImpl_Err, "context", "ctxImpl", "Err")                     \
  X(context_ctxImpl_Value, "context", "ctxImpl", "Value")                 \
  X(context_ctxImpl_Deadline, "context", "ctxImpl", "Deadline")           \
  /* errors */                                                            \
  X(errors_New, "errors", "", "New")                                      \
  X(errors_Is, "errors", "", "Is")                                        \
  X(errors_As, "errors", "", "As")                                        \
  X(errors_Unwrap, "errors", "", "Unwrap")                                \
  X(errors_Join, "errors", "", "Join")                                    \
  X(errors_errorString_Error, "errors", "errorString", "Error")           \
  /* sort */                                                              \
  X(sort_Ints, "sort", "", "Ints")                                        \
  X(sort_Strings, "sort", "", "Strings")                                  \
  X(sort_Float64s, "sort", "", "Float64s")                                \
  X(sort_Slice, "sort", "", "Slice")                                      \
  X(sort_SliceStable, "sort", "", "SliceStable")                          \
  X(sort_SearchInts, "sort", "", "SearchInts")                            \
  /* strings */                                                           \
  X(strings_Join, "strings", "", "Join")                                  \
  X(strings_Split, "strings", "", "Split")                                \
  X(strings_Fields, "strings", "", "Fields")                              \
  X(strings_Contains, "strings", "", "Contains")                          \
  X(strings_HasPrefix, "strings", "", "HasPrefix")                        \
  X(strings_HasSuffix, "strings", "", "HasSuffix")                        \
  X(strings_Index, "strings", "", "Index")                                \
  X(strings_Repeat, "strings", "", "Repeat")                              \
  X(strings_Replace, "strings", "", "Replace")                            \
  X(strings_ReplaceAll, "strings", "", "ReplaceAll")                      \
  X(strings_ToUpper, "strings", "", "ToUpper")                            \
  X(strings_ToLower, "strings", "", "ToLower")                            \
  X(strings_TrimSpace, "strings", "", "TrimSpace")                        \
  X(strings_Trim, "strings", "", "Trim")                                  \
  X(strings_TrimPrefix, "strings", "", "TrimPrefix")                      \
  X(strings_TrimSuffix, "strings", "", "TrimSuffix")                      \
  X(strings_Count, "strings", "", "Count")                                \
  X(strings_Cut, "strings", "", "Cut")                                    \
  X(strings_LastIndex, "strings", "", "LastIndex")                        \
  X(strings_SplitN, "strings", "", "SplitN")                              \
  X(strings_EqualFold, "strings", "", "EqualFold")                        \
  X(strings_ContainsRune, "strings", "", "ContainsRune")                  \
  X(strings_ContainsAny, "strings", "", "ContainsAny")                    \
  X(strings_IndexByte, "strings", "", "IndexByte")                        \
  X(strings_IndexRune, "strings", "", "IndexRune")                        \
  X(strings_TrimLeft, "strings", "", "TrimLeft")                          \
  X(strings_TrimRight, "strings", "", "TrimRight")                        \
  X(strings_Map, "strings", "", "Map")                                    \
  X(strings_Compare, "strings", "", "Compare")                            \
  X(strings_Title, "strings", "", "Title")                                \
  X(strings_Builder_Write, "strings", "Builder", "Write")                 \
  X(strings_Builder_WriteString, "strings", "Builder", "WriteString")     \
  X(strings_Builder_WriteByte, "strings", "Builder", "WriteByte")         \
  X(strings_Builder_WriteRune, "strings", "Builder", "WriteRune")         \
  X(strings_Builder_String, "strings", "Builder", "String")               \
  X(strings_Builder_Len, "strings", "Builder", "Len")                     \
  X(strings_Builder_Reset, "strings", "Builder", "Reset")                 \
  /* sync/atomic */                                                       \
  X(atomic_AddInt32, "sync/atomic", "", "AddInt32")                       \
  X(atomic_AddInt64, "sync/atomic", "", "AddInt64")                       \
  X(atomic_AddUint32, "sync/atomic", "", "AddUint32")                     \
  X(atomic_AddUint64, "sync/atomic", "", "AddUint64")                     \
  X(atomic_LoadInt32, "sync/atomic", "", "LoadInt32")                     \
  X(atomic_LoadInt64, "sync/atomic", "", "LoadInt64")                     \
  X(atomic_LoadUint32, "sync/atomic", "", "LoadUint32")                   \
  X(atomic_LoadUint64, "sync/atomic", "", "LoadUint64")                   \
  X(atomic_StoreInt32, "sync/atomic", "", "StoreInt32")                   \
  X(atomic_StoreInt64, "sync/atomic", "", "StoreInt64")                   \
  X(atomic_StoreUint32, "sync/atomic", "", "StoreUint32")                 \
  X(atomic_StoreUint64, "sync/atomic", "", "StoreUint64")                 \
  X(atomic_SwapInt32, "sync/atomic", "", "SwapInt32")                     \
  X(atomic_SwapInt64, "sync/atomic", "", "SwapInt64")                     \
  X(atomic_SwapUint32, "sync/atomic", "", "SwapUint32")                   \
  X(atomic_SwapUint64, "sync/atomic", "", "SwapUint64")                   \
  X(atomic_CompareAndSwapInt32, "sync/atomic", "", "CompareAndSwapInt32") \
  X(atomic_CompareAndSwapInt64, "sync/atomic", "", "CompareAndSwapInt64") \
  X(atomic_CompareAndSwapUint32, "sync/atomic", "", "CompareAndSwapUint32")\
  X(atomic_CompareAndSwapUint64, "sync/atomic", "", "CompareAndSwapUint64")\
  X(atomic_Int32_Add, "sync/atomic", "Int32", "Add")                      \
  X(atomic_Int32_Load, "sync/atomic", "Int32", "Load")                    \
  X(atomic_Int32_Store, "sync/atomic", "Int32", "Store")                  \
  X(atomic_Int32_Swap, "sync/atomic", "Int32", "Swap")                    \
  X(atomic_Int32_CompareAndSwap, "sync/atomic", "Int32", "CompareAndSwap")\
  X(atomic_Int64_Add, "sync/atomic", "Int64", "Add")                      \
  X(atomic_Int64_Load, "sync/atomic", "Int64", "Load")                    \
  X(atomic_Int64_Store, "sync/atomic", "Int64", "Store")                  \
  X(atomic_Int64_Swap, "sync/atomic", "Int64", "Swap")                    \
  X(atomic_Int64_CompareAndSwap, "sync/atomic", "Int64", "CompareAndSwap")\
  X(atomic_Uint32_Add, "sync/atomic", "Uint32", "Add")                    \
  X(atomic_Uint32_Load, "sync/atomic", "Uint32", "Load")                  \
  X(atomic_Uint32_Store, "sync/atomic", "Uint32", "Store")                \
  X(atomic_Uint32_Swap, "sync/atomic", "Uint32", "Swap")                  \
  X(atomic_Uint32_CompareAndSwap, "sync/atomic", "Uint32", "CompareAndSwap")\
  X(atomic_Uint64_Add, "sync/atomic", "Uint64", "Add")                    \
  X(atomic_Uint64_Load, "sync/atomic", "Uint64", "Load")                  \
  X(atomic_Uint64_Store, "sync/atomic", "Uint64", "Store")                \
  X(atomic_Uint64_Swap, "sync/atomic", "Uint64", "Swap")                  \
  X(atomic_Uint64_CompareAndSwap, "sync/atomic", "Uint64", "CompareAndSwap")\
  X(atomic_Bool_Load, "sync/atomic", "Bool", "Load")                      \
  X(atomic_Bool_Store, "sync/atomic", "Bool", "Store")                    \
  X(atomic_Bool_Swap, "sync/atomic", "Bool", "Swap")                      \
  X(atomic_Bool_CompareAndSwap, "sync/atomic", "Bool", "CompareAndSwap")  \
  X(atomic_Value_Load, "sync/atomic", "Value", "Load")                    \
  X(atomic_Value_Store, "sync/atomic", "Value", "Store")                  \
  X(atomic_Value_Swap, "sync/atomic", "Value", "Swap")                    \
  X(atomic_Value_CompareAndSwap, "sync/atomic", "Value", "CompareAndSwap") \
  /* math */                                                              \
  X(math_Sqrt, "math", "", "Sqrt")                                        \
  X(math_Abs, "math", "", "Abs")                                          \
  X(math_Floor, "math", "", "Floor")                                      \
  X(math_Ceil, "math", "", "Ceil")                                        \
  X(math_Round, "math", "", "Round")                                      \
  X(math_RoundToEven, "math", "", "RoundToEven")                          \
  X(math_Trunc, "math", "", "Trunc")                                      \
  X(math_Pow, "math", "", "Pow")                                          \
  X(math_Exp, "math", "", "Exp")                                          \
  X(math_Log, "math", "", "Log")                                          \
  X(math_Log2, "math", "", "Log2")                                        \
  X(math_Log10, "math", "", "Log10")                                      \
  X(math_Max, "math", "", "Max")                                          \
  X(math_Min, "math", "", "Min")                                          \
  X(math_Mod, "math", "", "Mod")                                          \
  X(math_Hypot, "math", "", "Hypot")                                      \
  X(math_Inf, "math", "", "Inf")                                          \
  X(math_IsInf, "math", "", "IsInf")                                      \
  X(math_IsNaN, "math", "", "IsNaN")                                      \
  X(math_NaN, "math", "", "NaN")                                          \
  X(math_Sin, "math", "", "Sin")                                          \
  X(math_Cos, "math", "", "Cos")                                          \
  X(math_Tan, "math", "", "Tan")                                          \
  X(math_Atan, "math", "", "Atan")                                        \
  X(math_Atan2, "math", "", "Atan2")                                      \
  X(math_Cbrt, "math", "", "Cbrt")                                        \
  X(math_Copysign, "math", "", "Copysign")                                \
  X(math_Signbit, "math", "", "Signbit")                                  \
  /* slices */                                                            \
  X(slices_Sort, "slices", "", "Sort")                                    \
  X(slices_SortFunc, "slices", "", "SortFunc")                            \
  X(slices_SortStableFunc, "slices", "", "SortStableFunc")                \
  X(slices_Contains, "slices", "", "Contains")                            \
  X(slices_ContainsFunc, "slices", "", "ContainsFunc")                    \
  X(slices_Index, "slices", "", "Index")                                  \
  X(slices_IndexFunc, "slices", "", "IndexFunc")                          \
  X(slices_Reverse, "slices", "", "Reverse")                              \
  X(slices_Max, "slices", "", "Max")                                      \
  X(slices_Min, "slices", "", "Min")                                      \
  X(slices_Equal, "slices", "", "Equal")                                  \
  X(slices_Clone, "slices", "", "Clone")                                  \
  /* strconv */                                                           \
  X(strconv_Itoa, "strconv", "", "Itoa")                                  \
  X(strconv_Atoi, "strconv", "", "Atoi")                                  \
  X(strconv_FormatInt, "strconv", "", "FormatInt")                        \
  X(strconv_ParseInt, "strconv", "", "ParseInt")                          \
  X(strconv_ParseFloat, "strconv", "", "ParseFloat")                      \
  X(strconv_FormatFloat, "strconv", "", "FormatFloat")                    \
  X(strconv_Quote, "strconv", "", "Quote")                                \
  X(strconv_ParseBool, "strconv", "", "ParseBool")                        \
  X(strconv_FormatBool, "strconv", "", "FormatBool")                      \
  /* math/rand */                                                         \
  X(rand_Intn, "math/rand", "", "Intn")                                   \
  X(rand_Int, "math/rand", "", "Int")                                     \
  X(rand_Int63, "math/rand", "", "Int63")                                 \
  X(rand_Float64, "math/rand", "", "Float64")                             \
  X(rand_Perm, "math/rand", "", "Perm")                                   \
  X(rand_Shuffle, "math/rand", "", "Shuffle")                             \
  X(rand_Seed, "math/rand", "", "Seed")                                   \
  X(rand_New, "math/rand", "", "New")                                     \
  X(rand_NewSource, "math/rand", "", "NewSource")                         \
  X(rand_Rand_Intn, "math/rand", "Rand", "Intn")                          \
  X(rand_Rand_Int, "math/rand", "Rand", "Int")                            \
  X(rand_Rand_Int63, "math/rand", "Rand", "Int63")                        \
  X(rand_Rand_Float64, "math/rand", "Rand", "Float64")                    \
  X(rand_Rand_Perm, "math/rand", "Rand", "Perm")                          \
  X(rand_Rand_Shuffle, "math/rand", "Rand", "Shuffle")                    \
  X(rand_rngSource_Int63, "math/rand", "rngSource", "Int63")              \
  X(rand_rngSource_Seed, "math/rand", "rngSource", "Seed")                \
  /* runtime */                                                           \
  X(runtime_NumGoroutine, "runtime", "", "NumGoroutine")                  \
  X(runtime_Gosched, "runtime", "", "Gosched")                            \
  X(runtime_NumCPU, "runtime", "", "NumCPU")                              \
  X(runtime_GOMAXPROCS, "runtime", "", "GOMAXPROCS")                      \
  /* os */                                                                \
  X(os_Exit, "os", "", "Exit")                                            \
  X(os_Getenv, "os", "", "Getenv")                                        \
  X(os_Stdout, "os", "", "Stdout")                                        \
  X(os_File_Write, "os", "File", "Write")                                 \
  X(os_Stderr, "os", "", "Stderr")                                        \
  X(os_Args, "os", "", "Args")                                            \
  /* poollab/sim */                                                       \
  X(sim_Configure, "poollab/sim", "", "Configure")                        \
  X(sim_Fetch, "poollab/sim", "", "Fetch")                                \
  X(sim_Work, "poollab/sim", "", "Work")

enum class Member : int {
#define POOLLAB_GOLITE_MEMBER_ENUM(id, pkg, recv, name) id,
  POOLLAB_GOLITE_MEMBERS(POOLLAB_GOLITE_MEMBER_ENUM)
#undef POOLLAB_GOLITE_MEMBER_ENUM
      Count
};

struct MemberInfo {
  Member id;
  std::string_view package;  // import path: "math/rand"
  std::string_view recv;     // receiver type name, "" for package-level members
  std::string_view name;
};

// All members, indexed by id.
const MemberInfo& member_info(Member id);
// The member with this package path, receiver type name ("" for none) and name, or Member::Count.
Member find_member(std::string_view package, std::string_view recv, std::string_view name);

// The Go-source declarations (bodiless funcs, types, consts, vars) of an
// importable package, or "" when golite does not support the path. Every func,
// method and var declared there has a Member with the same name.
std::string_view stdlib_source(std::string_view import_path);

// The package name an import path binds by default ("math/rand" -> "rand").
std::string_view package_name(std::string_view import_path);

}  // namespace poollab::golite
