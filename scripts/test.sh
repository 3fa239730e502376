#!/usr/bin/env bash
# Set up and run every test: the whole suite built normally, then the
# runtime, golite and lessons suites under ThreadSanitizer and under
# AddressSanitizer + UBSan, plus the runtime suite with seeded fault
# injection. Warnings are errors here. (The window's null-backend tests run
# in the normal build only.)
#   scripts/test.sh            everything
#   scripts/test.sh normal     one configuration: normal | thread | address | faults
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" --test
export PATH="/usr/lib/go-1.23/bin:$PATH"
jobs=$(nproc)
if (($#)); then configs=("$@"); else configs=(normal thread address faults); fi

build() {  # build <dir> <sanitizer>
  local dir=$1 san=$2 flags=()
  [[ -n "$san" ]] && flags=(-DPOOLLAB_BUILD_APP=OFF -DPOOLLAB_SANITIZE="$san" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1")
  [[ -z "$san" ]] && flags=(-DCMAKE_BUILD_TYPE=Release)
  cmake -S "$root" -B "$dir" -G Ninja -DPOOLLAB_WERROR=ON -DPOOLLAB_BUILD_TESTS=ON "${flags[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

run_ctest() {  # run_ctest <dir> [ctest args]
  local dir=$1
  shift
  (cd "$dir" && ctest --output-on-failure --timeout 1800 "$@")
}

status=0
for c in "${configs[@]}"; do
  echo "=== tests: $c ==="
  case "$c" in
    normal) build "$root/build-test" "" && run_ctest "$root/build-test" || status=1 ;;
    thread)
      build "$root/build-tsan" thread &&
        TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp" run_ctest "$root/build-tsan" -LE "app|gui-smoke" || status=1 ;;
    address)
      build "$root/build-asan" address &&
        ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1" run_ctest "$root/build-asan" -LE "app|gui-smoke" || status=1 ;;
    faults)
      build "$root/build-test" "" &&
        seed=${POOLLAB_FAULT_INJECTION:-$(( $(date +%s) % 100000 + 1 ))} &&
        echo "fault injection seed: $seed (rerun with POOLLAB_FAULT_INJECTION=$seed scripts/test.sh faults)" &&
        POOLLAB_FAULT_INJECTION=$seed run_ctest "$root/build-test" -L runtime || status=1 ;;
    *) echo "unknown configuration '$c' (normal | thread | address | faults)" >&2; exit 64 ;;
  esac
done
exit $status
