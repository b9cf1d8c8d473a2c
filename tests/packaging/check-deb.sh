#!/usr/bin/env bash
# The packaging test (CTest label "packaging"): builds the DEB from this build tree, unpacks it into a throwaway
# root with dpkg -x (nothing is installed on the machine), and checks what a user would get:
#   - the control file: version = project(VERSION), Depends from shlibdeps plus the Qt plugins' packages,
#     every NEEDED library of both programs owned by a package named in Depends;
#   - the files: both programs, the desktop entry, metainfo, hicolor icons 16…512 + SVG, man pages, copyright;
#   - the licence, homepage and maintainer, set once in the top-level CMakeLists.txt, agree everywhere: the copyright
#     file says Apache-2.0 and points at /usr/share/common-licenses/Apache-2.0 (which is the repository's LICENSE),
#     its Source/Upstream-Contact are the control file's Homepage/Maintainer, the metainfo's project_license is
#     Apache-2.0 and its homepage the same URL; CPack's RPM licence and the installers' licence page (LICENSE);
#   - the app's modules in /usr/lib/crossline/modules (packaging/Modules.cmake), their libraries resolved and in
#     Depends too; no maintainer scripts (CPack would add ldconfig calls for a shared object one level higher);
#   - ldd resolves every library of both programs; `crossline-cli --version` and `crossline --version` print the
#     version; a sandbox round trip with the unpacked crossline-cli (sandbox → nango connections → conn_abc123);
#     the unpacked crossline (offscreen) loads its sandbox module, and without its modules names the missing one;
#   - desktop-file-validate, appstreamcli validate --no-net, and lintian without errors (warnings are printed).
# Usage: check-deb.sh BUILD_DIR VERSION                       Exit status 0 only when every check passed.
set -uo pipefail
BUILD=$(cd "$1" && pwd) VERSION=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
APP_ID=dev.crossline.Crossline
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crossline-packaging.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/common.sh"

for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli lintian ldd readelf; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps installs it)"; exit 1; }
done
isolate_home
build_deb "$BUILD" "$VERSION"

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
check "no maintainer scripts (postinst, postrm…)" test -z "$(dpkg-deb -I "$DEB" | grep -E '^ +[0-9]+ bytes, +[0-9]+ lines +\*? *(pre|post)(inst|rm) ')"
MODULES=$(module_names "$BUILD")
check "this build made the app's modules ($(echo $MODULES))" test -n "$MODULES"
for m in $MODULES; do
  check "package contains /usr/lib/crossline/modules/$m" test -s "$ROOT/usr/lib/crossline/modules/$m"
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

# ---- licence, homepage, maintainer: one value each, the same in every file ------------------------------------------
echo "==> licence, homepage, maintainer"
COPYRIGHT=$ROOT/usr/share/doc/crossline/copyright
METAINFO=$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml
sed -n '1,/^$/p; /^Files: \*$/,/^License:/p' "$COPYRIGHT" | sed 's/^/    /'
check_copyright "$COPYRIGHT" "" "$SRC"
homepage=$(dpkg-deb -f "$DEB" Homepage) maintainer=$(dpkg-deb -f "$DEB" Maintainer)
check "control: Homepage ($homepage) and Maintainer ($maintainer) are set" test -n "$homepage" -a -n "$maintainer"
check "copyright: Source is the control file's Homepage" test "$(sed -n 's/^Source: //p' "$COPYRIGHT")" = "$homepage"
check "copyright: Upstream-Contact is the control file's Maintainer" \
  test "$(sed -n 's/^Upstream-Contact: //p' "$COPYRIGHT")" = "$maintainer"
check "metainfo: project_license is Apache-2.0" \
  grep -qE '^[[:space:]]*<project_license>Apache-2\.0</project_license>[[:space:]]*$' "$METAINFO"
check "metainfo: the homepage URL is the control file's Homepage" grep -qF "<url type=\"homepage\">$homepage</url>" "$METAINFO"
check "metainfo: no @VARIABLE@ is left unconfigured" test -z "$(grep -E '@[A-Z_]+@' "$METAINFO")"
check "CPack: the RPM's License is Apache-2.0" grep -qxF 'set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")' "$BUILD/CPackConfig.cmake"
licence_page=$(sed -nE 's/^set\(CPACK_RESOURCE_FILE_LICENSE "(.*)"\)$/\1/p' "$BUILD/CPackConfig.cmake")
same=no; [ "${licence_page##*/}" = LICENSE ] && cmp -s "$licence_page" "$SRC/LICENSE" && same=yes
check "CPack: the installers' licence page is the repository's LICENSE ($licence_page)" test "$same" = yes

# ---- libraries: ldd resolves them, and each NEEDED one comes from a package in Depends --------------------------
echo "==> libraries"
# Package names Depends accepts: each alternative, plus what those packages Provide (shlibdeps may name a virtual
# package, e.g. libphonenumber8-protobuf32, provided by libphonenumber8).
dep_names=$(tr ',|' '\n\n' <<<"$DEPENDS" | sed -E 's/\(.*\)//; s/^ +//; s/ +$//' | sort -u)
for bin in usr/bin/crossline usr/bin/crossline-cli $(for m in $MODULES; do echo usr/lib/crossline/modules/$m; done); do
  out=$(ldd "$ROOT/$bin" 2>&1)
  if grep -q "not found" <<<"$out"; then fail "ldd $bin: $(grep 'not found' <<<"$out" | tr -s ' \t' ' ')"; else pass "ldd resolves every library of $bin"; fi
  for soname in $(readelf -d "$ROOT/$bin" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p'); do
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
BIN=$ROOT/usr/bin
check_versions "$VERSION"
# Sandbox round trip with the unpacked binaries only.
sandbox_round_trip
# The app finds its modules relative to itself, and says which one is missing.
app_modules

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

finish packaging
