# Shared by the bench/ commands (sourced, not run). Benchmarks measure and print; they never assert.
#
#   bench_build TARGET...   installs the Debian packages (scripts/install-deps), configures the RelWithDebInfo build
#                           in $BENCH_BUILD (default build/release, the "release" preset) and builds the targets;
#                           with BENCH_NO_BUILD=1 it does neither and measures the build as it is (an older build kept
#                           for a before/after comparison)
#   median                  the median of the numbers on standard input, one per line
#   ratio A B               A / B with two decimals
#   peak_rss_mb CMD...      runs CMD (its output discarded) and prints its peak resident memory in MB
#   now_ms                  a monotonic-enough wall clock in milliseconds
#   bench_row NAME VALUE TARGET   one aligned line of a result table

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_BUILD=${BENCH_BUILD:-$BENCH_ROOT/build/release}

bench_build() {
  if [ -n "${BENCH_NO_BUILD:-}" ]; then
    echo "bench: BENCH_NO_BUILD is set: measuring $BENCH_BUILD as it is" >&2
    return 0
  fi
  "$BENCH_ROOT/scripts/install-deps" >&2
  if [ ! -f "$BENCH_BUILD/CMakeCache.txt" ]; then
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$BENCH_ROOT" -B "$BENCH_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >&2
  fi
  cmake --build "$BENCH_BUILD" --target "$@" >&2
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.2f\n", a / b }'
}

peak_rss_mb() {
  local out
  out=$(mktemp)
  /usr/bin/time -f '%M' -o "$out" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%d\n", $1 / 1024 }' "$out"
  rm -f "$out"
}

now_ms() {
  echo $(( $(date +%s%N) / 1000000 ))
}

bench_row() {
  printf '  %-46s %14s   target %s\n' "$1" "$2" "$3"
}
