#!/usr/bin/env bash
# The DMG's hdiutil wrapper (packaging/macos/hdiutil-retry, CPack's CPACK_COMMAND_HDIUTIL), checked without macOS
# (CTest packaging_hdiutil_retry): a fake hdiutil that fails with "Resource busy" a set number of times, then succeeds
# the way `hdiutil attach` does. The wrapper runs under /bin/sh, as CPack starts it. Checks: a success first time is
# run once; two failures then a success give exit 0 after three runs with the same arguments (spaces kept) and the
# mount point still the last /Volumes/ line of the output CPack parses; a command that keeps failing stops after
# CROSSLINE_HDIUTIL_TRIES runs with hdiutil's own exit status; `convert -o FILE` retries with a partial FILE removed.
# Usage: check-hdiutil-retry.sh
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WRAPPER=$SRC/packaging/macos/hdiutil-retry
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crossline-hdiutil.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/common.sh"

# The fake: FAKE_FAILS failures (exit FAKE_STATUS, 1 by default), then success. Each run appends its arguments, one
# per line and a "--" after them, to $WORK/calls. `convert` writes its -o file before failing (a partial image) and
# refuses to overwrite one, as the real hdiutil does without -ov.
cat >"$WORK/hdiutil" <<'EOF'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >>"$FAKE_DIR/calls"
echo -- >>"$FAKE_DIR/calls"
n=$(cat "$FAKE_DIR/count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" >"$FAKE_DIR/count"
out=; prev=
for a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; done
if [ "$1" = convert ] && [ -e "$out" ]; then echo "hdiutil: convert failed - File exists" >&2; exit 1; fi
if [ "$n" -le "${FAKE_FAILS:-0}" ]; then
  [ "$1" = convert ] && echo partial >"$out"
  echo "hdiutil: $1: returning 49168" >&2
  echo "hdiutil: $1 failed - Resource busy" >&2
  exit "${FAKE_STATUS:-1}"
fi
[ "$1" = convert ] && echo image >"$out"
printf '/dev/disk4          \tGUID_partition_scheme\n'
printf '/dev/disk4s1        \tApple_HFS                      \t/Volumes/Crossline 0.1.0\n'
exit 0
EOF
chmod +x "$WORK/hdiutil"

# run FAILS STATUS ARGS… — the wrapper under /bin/sh with a fresh fake; sets out, rc, calls.
run() {
  local fails=$1 status=$2; shift 2
  rm -f "$WORK/calls" "$WORK/count"
  out=$(FAKE_DIR=$WORK FAKE_FAILS=$fails FAKE_STATUS=$status CROSSLINE_HDIUTIL=$WORK/hdiutil \
        CROSSLINE_HDIUTIL_TRIES=4 CROSSLINE_HDIUTIL_PAUSE=0 /bin/sh "$WRAPPER" "$@" 2>&1)
  rc=$?
  calls=$(cat "$WORK/count" 2>/dev/null || echo 0)
  sed 's/^/    /' <<<"$out"
}

check "the wrapper is executable (CPack may start it directly)" test -x "$WRAPPER"
check "the wrapper parses under /bin/sh" sh -n "$WRAPPER"

echo "==> success at once"
run 0 1 create -ov -srcfolder "$WORK/stage dir" -volname "Crossline 0.1.0" -fs HFS+ -format UDRW "$WORK/temp.dmg"
check "exit 0" test "$rc" = 0
check "hdiutil ran once" test "$calls" = 1

echo "==> Resource busy twice, then the attach succeeds"
run 2 1 attach "$WORK/temp.dmg" -readwrite -noverify -noautoopen
check "exit 0" test "$rc" = 0
check "hdiutil ran three times" test "$calls" = 3
# One line per run (arguments joined by |), then the distinct lines: one.
runs=$(tr '\n' '|' <"$WORK/calls" | sed 's/--|/\n/g' | grep -c .)
distinct=$(tr '\n' '|' <"$WORK/calls" | sed 's/--|/\n/g' | sort -u | grep -c .)
check "each of the 3 runs got the same arguments" test "$runs" = 3 -a "$distinct" = 1
check "the arguments arrived unchanged" \
  test "$(sed -n '1,5p' "$WORK/calls" | tr '\n' '|')" = "attach|$WORK/temp.dmg|-readwrite|-noverify|-noautoopen|"
# CPack's own expression: the last line with /Volumes/ in it is the mount point.
mount=$(grep '/Volumes/' <<<"$out" | tail -1 | sed -E 's|.*(/Volumes/.*)$|\1|')
check "the mount point CPack reads is /Volumes/Crossline 0.1.0" test "$mount" = "/Volumes/Crossline 0.1.0"
check "the wrapper said it tried again" \
  grep -q 'hdiutil-retry: hdiutil attach failed (exit 1), attempt 2 of 4' <<<"$out"

echo "==> arguments with spaces"
run 1 1 create -ov -srcfolder "$WORK/stage dir" -volname "Crossline 0.1.0" -format UDRW "$WORK/temp.dmg"
check "exit 0 after one retry" test "$rc" = 0 -a "$calls" = 2
check "-volname kept its space" grep -qx 'Crossline 0.1.0' "$WORK/calls"
check "-srcfolder kept its space" grep -qx "$WORK/stage dir" "$WORK/calls"

echo "==> Resource busy every time"
run 99 3 detach "/Volumes/Crossline 0.1.0"
check "hdiutil's exit status (3) is passed on" test "$rc" = 3
check "hdiutil ran CROSSLINE_HDIUTIL_TRIES (4) times" test "$calls" = 4
check "the wrapper said it gave up" \
  grep -q 'hdiutil-retry: hdiutil detach failed (exit 3) 4 time(s); giving up' <<<"$out"

echo "==> convert leaves a partial image, then succeeds"
rm -f "$WORK/final.dmg"
run 1 1 convert "$WORK/temp.dmg" -format UDZO -imagekey zlib-level=9 -o "$WORK/final.dmg"
check "exit 0" test "$rc" = 0
check "hdiutil ran twice (the partial file was removed before the retry)" test "$calls" = 2
check "the image is the second run's" test "$(cat "$WORK/final.dmg" 2>/dev/null)" = image

finish packaging_hdiutil_retry
