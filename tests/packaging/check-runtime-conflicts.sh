#!/usr/bin/env bash
# The Windows installer's non-Qt DLL step (packaging/RuntimeDeps.cmake, run by the deploy script of Deploy.cmake),
# checked on Linux with ELF files (CTest packaging_runtime_conflicts): file(GET_RUNTIME_DEPENDENCIES) behaves the same
# way on every platform when one library name resolves to two paths. Two programs load libfoo.so through different
# RUNPATHs, from folders A and B (different files), and libbar.so likewise (identical files). Checks: without
# CONFLICTING_DEPENDENCIES_PREFIX that is fatal ("Multiple conflicting paths found"); crossline_bundle_runtime_deps
# logs both conflicts, says which files differ, bundles the copy from the earliest of DIRECTORIES (B before A, then
# A before B), and still stops on a library it cannot resolve.
# Usage: check-runtime-conflicts.sh
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crossline-rtdeps.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/common.sh"

CC=${CC:-cc}
for tool in "$CC" cmake; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing"; exit 1; }
done

# ---- two folders with a libfoo.so each (different) and a libbar.so each (the same file's copies) ------------------
mkdir -p "$WORK/A" "$WORK/B" "$WORK/C" "$WORK/bin"
echo 'int foo(void) { return 1; }' >"$WORK/fooA.c"
echo 'int foo(void) { return 2; }' >"$WORK/fooB.c"
echo 'int bar(void) { return 3; }' >"$WORK/bar.c"
echo 'int baz(void) { return 4; }' >"$WORK/baz.c"
printf 'int foo(void); int bar(void);\nint main(void) { return foo() + bar(); }\n' >"$WORK/main.c"
printf 'int baz(void);\nint main(void) { return baz(); }\n' >"$WORK/main3.c"
build() {
  "$CC" -shared -fPIC -Wl,-soname,libfoo.so -o "$WORK/A/libfoo.so" "$WORK/fooA.c" &&
  "$CC" -shared -fPIC -Wl,-soname,libfoo.so -o "$WORK/B/libfoo.so" "$WORK/fooB.c" &&
  "$CC" -shared -fPIC -Wl,-soname,libbar.so -o "$WORK/A/libbar.so" "$WORK/bar.c" &&
  cp "$WORK/A/libbar.so" "$WORK/B/libbar.so" &&
  "$CC" -shared -fPIC -Wl,-soname,libbaz.so -o "$WORK/C/libbaz.so" "$WORK/baz.c" &&
  "$CC" -o "$WORK/bin/one" "$WORK/main.c" -L"$WORK/A" -lfoo -lbar -Wl,-rpath,"$WORK/A" &&
  "$CC" -o "$WORK/bin/two" "$WORK/main.c" -L"$WORK/B" -lfoo -lbar -Wl,-rpath,"$WORK/B" &&
  "$CC" -o "$WORK/bin/three" "$WORK/main3.c" -L"$WORK/C" -lbaz
}
if ! build >"$WORK/cc.log" 2>&1; then cat "$WORK/cc.log"; echo "FAIL: building the test libraries"; exit 1; fi
pass "built bin/one (RUNPATH A), bin/two (RUNPATH B), bin/three (no RUNPATH) and their libraries"

SYSTEM='"^/(usr/)?lib"'   # the C library and the loader stay where they are
# ---- the control: CMake alone -------------------------------------------------------------------------------------
cat >"$WORK/control.cmake" <<EOF
file(GET_RUNTIME_DEPENDENCIES EXECUTABLES "$WORK/bin/one" "$WORK/bin/two"
     RESOLVED_DEPENDENCIES_VAR deps POST_EXCLUDE_REGEXES $SYSTEM)
EOF
out=$(cmake -P "$WORK/control.cmake" 2>&1); rc=$?
sed 's/^/    /' <<<"$out"
check "without CONFLICTING_DEPENDENCIES_PREFIX the same name at two paths is fatal" \
  test "$rc" != 0 -a -n "$(grep -F 'Multiple conflicting paths found for lib' <<<"$out")"

# bundle DEST DIRS… — crossline_bundle_runtime_deps for bin/one and bin/two (and bin/three with EXTRA=three).
bundle() {
  local dest=$1; shift
  local exes="\"$WORK/bin/one\" \"$WORK/bin/two\""
  [ "${EXTRA:-}" = three ] && exes="$exes \"$WORK/bin/three\""
  rm -rf "$dest"; mkdir -p "$dest"
  cat >"$WORK/bundle.cmake" <<EOF
include("$SRC/packaging/RuntimeDeps.cmake")
crossline_bundle_runtime_deps(DESTINATION "$dest" EXECUTABLES $exes DIRECTORIES $* POST_EXCLUDE_REGEXES $SYSTEM)
EOF
  out=$(cmake -P "$WORK/bundle.cmake" 2>&1); rc=$?
  sed 's/^/    /' <<<"$out"
}

echo "==> DIRECTORIES B A"
bundle "$WORK/dest1" "$WORK/B" "$WORK/A"
check "exit 0" test "$rc" = 0
check "libfoo.so: both paths logged as 2 different files" \
  grep -q 'libfoo.so was found at 2 paths (2 different files)' <<<"$out"
check "libbar.so: logged as identical files" grep -q 'libbar.so was found at 2 paths (identical files)' <<<"$out"
check "libfoo.so: B's copy bundled (B comes first)" grep -qF "bundling $WORK/B/libfoo.so" <<<"$out"
check "dest has B's libfoo.so" cmp -s "$WORK/dest1/libfoo.so" "$WORK/B/libfoo.so"
check "dest has libbar.so" cmp -s "$WORK/dest1/libbar.so" "$WORK/A/libbar.so"

echo "==> DIRECTORIES A B"
bundle "$WORK/dest2" "$WORK/A" "$WORK/B"
check "exit 0" test "$rc" = 0
check "libfoo.so: A's copy bundled (A comes first)" grep -qF "bundling $WORK/A/libfoo.so" <<<"$out"
check "dest has A's libfoo.so" cmp -s "$WORK/dest2/libfoo.so" "$WORK/A/libfoo.so"

echo "==> a library that resolves nowhere"
EXTRA=three bundle "$WORK/dest3" "$WORK/A" "$WORK/B"
check "still fatal, naming libbaz.so" \
  test "$rc" != 0 -a -n "$(grep -F 'unresolved runtime libraries: libbaz.so' <<<"$out")"

finish packaging_runtime_conflicts
