#!/usr/bin/env bash
# The packaging test (CTest label "packaging"): builds the DEB from this build tree, unpacks it into a throwaway
# root with dpkg -x (nothing is installed on the machine), and checks what a user would get:
#   - the control file: version = project(VERSION), Depends from shlibdeps plus the Qt plugins' packages,
#     every NEEDED library of both programs owned by a package named in Depends;
#   - the files: both programs, the desktop entry, metainfo, hicolor icons 16…512 + SVG, man pages, copyright;
#   - ldd resolves every library of both programs; `crossline-cli --version` and `crossline --version` print the
#     version; a sandbox round trip with the unpacked crossline-cli (sandbox → nango connections → conn_abc123);
#   - desktop-file-validate, appstreamcli validate --no-net, and lintian without errors (warnings are printed).
# Usage: check-deb.sh BUILD_DIR VERSION                       Exit status 0 only when every check passed.
set -uo pipefail
BUILD=$(cd "$1" && pwd) VERSION=$2
APP_ID=dev.crossline.Crossline
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crossline-packaging.XXXXXX")
SANDBOX_PID=
cleanup() {
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli lintian ldd readelf; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps installs it)"; exit 1; }
done

# Never the user's own settings or keyring, even when run outside scripts/test.
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache \
       XDG_RUNTIME_DIR=$WORK/runtime
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
unset NANGO_API_BASE NANGO_HOST NANGO_SECRET_KEY NANGO_ENV PANORA_API_URL PANORA_API_KEY PANORA_CONNECTION_TOKEN

# ---- build the DEB -------------------------------------------------------------------------------------------------
echo "==> cpack -G DEB"
if ! (cd "$WORK" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/out" >"$WORK/cpack.log" 2>&1); then
  cat "$WORK/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1
fi
DEB=$(ls "$WORK"/out/crossline_"$VERSION"_*.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || { cat "$WORK/cpack.log"; echo "FAIL: no crossline_${VERSION}_<arch>.deb was made"; exit 1; }
pass "built $(basename "$DEB") ($(stat -c %s "$DEB") bytes)"

# ---- control file ----------------------------------------------------------------------------------------------------
echo "==> control"
dpkg-deb -f "$DEB" | sed 's/^/    /'
check "Version is $VERSION" test "$(dpkg-deb -f "$DEB" Version)" = "$VERSION"
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
for p in libc6 libqt6core6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6keychain1 libqt6sql6-sqlite libqt6svg6; do
  check "Depends names $p" grep -qE "(^|, )$p( |,|$)" <<<"$DEPENDS"
done

# ---- unpack into a clean root and look at the files ----------------------------------------------------------------
ROOT=$WORK/root
dpkg-deb -x "$DEB" "$ROOT"
for f in usr/bin/crossline usr/bin/crossline-cli \
         usr/share/applications/$APP_ID.desktop usr/share/metainfo/$APP_ID.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$APP_ID.svg \
         usr/share/man/man1/crossline.1.gz usr/share/man/man1/crossline-cli.1.gz \
         usr/share/doc/crossline/copyright usr/share/doc/crossline/changelog.gz; do
  check "package contains /$f" test -s "$ROOT/$f"
done
for n in 16 22 24 32 48 64 128 256 512; do
  icon=$ROOT/usr/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png
  size=$(od -An -tu1 -j16 -N8 "$icon" 2>/dev/null | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
  check "icon ${n}x${n} is a ${n}x${n} PNG" test "$size" = "${n}x${n}"
done
check "metainfo's newest release is $VERSION" \
  grep -qE "<release version=\"$VERSION\"" <(grep -m1 '<release ' "$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml")
check "Debian changelog's newest entry is $VERSION" \
  grep -q "^crossline ($VERSION)" <(zcat "$ROOT/usr/share/doc/crossline/changelog.gz" | head -1)
check "desktop entry runs the packaged crossline" grep -qx "Exec=crossline" "$ROOT/usr/share/applications/$APP_ID.desktop"

# ---- libraries: ldd resolves them, and each NEEDED one comes from a package in Depends --------------------------
echo "==> libraries"
# Package names Depends accepts: each alternative, plus what those packages Provide (shlibdeps may name a virtual
# package, e.g. libphonenumber8-protobuf32, provided by libphonenumber8).
dep_names=$(tr ',|' '\n\n' <<<"$DEPENDS" | sed -E 's/\(.*\)//; s/^ +//; s/ +$//' | sort -u)
for bin in crossline crossline-cli; do
  out=$(ldd "$ROOT/usr/bin/$bin" 2>&1)
  if grep -q "not found" <<<"$out"; then fail "ldd $bin: $(grep 'not found' <<<"$out" | tr -s ' \t' ' ')"; else pass "ldd resolves every library of $bin"; fi
  for soname in $(readelf -d "$ROOT/usr/bin/$bin" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p'); do
    path=$(grep -F "$soname" <<<"$out" | grep -oE '/[^ ]+' | head -1)
    owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$owner" ] || owner=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
    names=$( { echo "$owner"; dpkg-query -W -f '${Provides}' "$owner" 2>/dev/null | tr ',' '\n' | sed -E 's/\(.*\)//; s/ //g'; } )
    if [ -n "$owner" ] && grep -qxFf <(grep . <<<"$names") <<<"$dep_names"; then :
    else fail "$bin needs $soname (${path:-unresolved}, package '${owner:-?}') which Depends does not name"; fi
  done
  pass "every NEEDED library of $bin comes from a package that Depends names (checked above)"
done

# ---- the unpacked programs run -----------------------------------------------------------------------------------
echo "==> programs"
out=$("$ROOT/usr/bin/crossline-cli" --version 2>&1); rc=$?
echo "    crossline-cli --version: $out"
check "crossline-cli --version exits 0 and prints $VERSION" test "$rc" = 0 -a -n "$(grep -F "$VERSION" <<<"$out")"
out=$(QT_QPA_PLATFORM=offscreen timeout 30 "$ROOT/usr/bin/crossline" --version 2>&1); rc=$?
echo "    crossline --version: $out"
check "crossline --version exits 0 and prints $VERSION" test "$rc" = 0 -a -n "$(grep -F "$VERSION" <<<"$out")"

# Sandbox round trip with the unpacked binaries only.
"$ROOT/usr/bin/crossline-cli" sandbox >"$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
SANDBOX_PID=$!
for _ in $(seq 1 200); do
  grep -q '^NANGO_SECRET_KEY=' "$WORK/sandbox.out" 2>/dev/null && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || break
  sleep 0.1
done
base=$(sed -nE 's/^NANGO_API_BASE=(.*)$/\1/p' "$WORK/sandbox.out")
key=$(sed -nE 's/^NANGO_SECRET_KEY=(.*)$/\1/p' "$WORK/sandbox.out")
if [ -z "$base" ] || [ -z "$key" ]; then
  fail "crossline-cli sandbox printed NANGO_API_BASE/NANGO_SECRET_KEY"; cat "$WORK/sandbox.out" "$WORK/sandbox.err"
else
  pass "crossline-cli sandbox is up at $base"
  out=$(NANGO_API_BASE=$base NANGO_SECRET_KEY=$key timeout 60 "$ROOT/usr/bin/crossline-cli" nango connections 2>&1); rc=$?
  sed 's/^/    /' <<<"$out"
  check "crossline-cli nango connections against the sandbox exits 0" test "$rc" = 0
  check "crossline-cli nango connections lists conn_abc123" grep -q conn_abc123 <<<"$out"
fi
kill "$SANDBOX_PID" 2>/dev/null; wait "$SANDBOX_PID" 2>/dev/null; SANDBOX_PID=

# ---- validators ----------------------------------------------------------------------------------------------------
echo "==> validators"
out=$(desktop-file-validate "$ROOT/usr/share/applications/$APP_ID.desktop" 2>&1); rc=$?
[ -z "$out" ] || sed 's/^/    /' <<<"$out"
check "desktop-file-validate" test "$rc" = 0
out=$(appstreamcli validate --no-net "$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml" 2>&1); rc=$?
sed 's/^/    /' <<<"$out"
check "appstreamcli validate --no-net" test "$rc" = 0
out=$(appstreamcli validate-tree --no-net "$ROOT" 2>&1); rc=$?
sed 's/^/    /' <<<"$out"
check "appstreamcli validate-tree --no-net (metainfo + desktop entry + icons together)" test "$rc" = 0

# Lintian: errors fail the test; warnings are listed. Overrides (justified) live in packaging/linux and travel in
# the package as usr/share/lintian/overrides/crossline.
lintian --tag-display-limit 0 --fail-on error "$DEB" >"$WORK/lintian.out" 2>&1; rc=$?
if [ -s "$WORK/lintian.out" ]; then sed 's/^/    /' "$WORK/lintian.out"; else echo "    (lintian: no tags)"; fi
check "lintian reports no errors" test "$rc" = 0
check "lintian output has no E: lines" test -z "$(grep '^E:' "$WORK/lintian.out")"

echo
if [ "$failures" -eq 0 ]; then echo "packaging: every check passed"; exit 0; fi
echo "packaging: $failures check(s) failed"; exit 1
