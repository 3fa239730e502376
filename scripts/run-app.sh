#!/usr/bin/env bash
# Set up (packages, configure, build) and open PoolLab on the first lesson.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" --target poollab
exec "$root/build/poollab" "$@"
