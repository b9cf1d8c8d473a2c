#!/usr/bin/env bash
# The Windows installer's recipe, checked on Linux (CTest packaging_nsis): CPack's NSIS generator with Debian's
# makensis turns packaging/Packaging.cmake's settings into the installer script and compiles it, exactly as on
# Windows, except for two things makensis refuses or lacks off Windows:
#   - BrandingText /TRIM… is "disabled for non Win32 platforms": packaging/PerGenerator.cmake drops the branding text;
#   - the official Windows NSIS has only 32-bit stubs (the Windows installer is a 32-bit program, as usual); here the
#     check asks for Debian's amd64 stub so that 64-bit Wine can run it.
# The payload is this Linux build (there is no Windows build here), so nothing of the installed programs is run.
# Then the installer runs for real in a throwaway Wine prefix (Debian's Wine 8, 64-bit): silent install (/S), the
# files, the Start-menu shortcuts (Crossline, Crossline CLI, Uninstall), the uninstall entry in the registry, no desktop
# icon and no PATH change (both opt-in); then a second install over it (the upgrade path; the old uninstaller runs
# first, which this check does not observe); then the uninstaller (/S) must remove files, shortcuts and entries.
# Usage: check-nsis.sh BUILD_DIR VERSION
set -uo pipefail
BUILD=$(cd "$1" && pwd) VERSION=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crossline-nsis.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/common.sh"

for tool in cpack makensis wine wineserver; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps installs it)"; exit 1; }
done

# ---- the installer script and makensis ------------------------------------------------------------------------------
echo "==> cpack -G NSIS"
printf '#!/bin/sh\nexec makensis "-XTarget amd64-unicode" "$@"\n' >"$WORK/makensis-amd64"; chmod +x "$WORK/makensis-amd64"
if ! (cd "$WORK" && cpack -G NSIS --config "$BUILD/CPackConfig.cmake" -B "$WORK/out" \
        -D "CPACK_NSIS_EXECUTABLE=$WORK/makensis-amd64" >"$WORK/cpack.log" 2>&1); then
  cat "$WORK/cpack.log"; cat "$WORK"/out/_CPack_Packages/*/NSIS/NSISOutput.log 2>/dev/null | tail -20
  echo "FAIL: cpack -G NSIS (makensis $(makensis -VERSION))"; exit 1
fi
EXE=$(ls "$WORK"/out/crossline-"$VERSION"-*.exe 2>/dev/null | head -1)
[ -n "$EXE" ] || { cat "$WORK/cpack.log"; echo "FAIL: no crossline-$VERSION-<os>-<arch>.exe was made"; exit 1; }
pass "makensis $(makensis -VERSION) compiled $(basename "$EXE") ($(stat -c %s "$EXE") bytes)"
NSI=$(ls "$WORK"/out/_CPack_Packages/*/NSIS/project.nsi)
has() { grep -qF -- "$1" "$NSI"; }
check "installer script: Start-menu shortcut to bin\\crossline.exe" has 'Crossline.lnk" "$INSTDIR\bin\crossline.exe"'
check "installer script: Start-menu shortcut 'Crossline CLI' (a command prompt)" \
  has "CreateShortCut '\$SMPROGRAMS\\\$STARTMENU_FOLDER\\Crossline CLI.lnk' '\$SYSDIR\\cmd.exe' '/k \"\$INSTDIR\\bin\\crossline-cli.exe\" --help'"
check "uninstaller deletes the 'Crossline CLI' shortcut" has "Delete '\$SMPROGRAMS\\\$START_MENU\\Crossline CLI.lnk'"
check "installer script: the upgrade key is Software\\The Crossline developers\\Crossline" \
  has 'Software\The Crossline developers\Crossline'
check "installer script: offers to uninstall the installed version first" has 'StrCmp "ON" "ON" 0 inst'
# (CPack always has a licence page — CMake's own text by default — so the file is what matters: the repository's
# LICENSE, the Apache License 2.0.)
licence_page=$(sed -nE 's/^[[:space:]]*!insertmacro MUI_PAGE_LICENSE "(.*)"[[:space:]]*$/\1/p' "$NSI" | head -1)
echo "    licence page: $licence_page"
same=no; [ "${licence_page##*/}" = LICENSE ] && cmp -s "$licence_page" "$SRC/LICENSE" && same=yes
check "installer script: the licence page shows the repository's LICENSE" test "$same" = yes
check "installer script: that licence is the Apache License, Version 2.0" \
  grep -qE '^[[:space:]]*Version 2\.0, January 2004$' <(grep -A1 -m1 'Apache License' "$licence_page" 2>/dev/null)
check "installer script: icon is packaging/windows/crossline.ico" has 'packaging/windows/crossline.ico'
check "installer script: the wizard's side picture is Crossline's" grep -qE 'MUI_WELCOMEFINISHPAGE_BITMAP ".*/packaging/windows/installer-side\.bmp"' "$NSI"
check "installer script: the wizard's header picture is Crossline's" has 'packaging/windows/installer-header.bmp'
check "installer script: no macOS .icns where NSIS wants a bitmap" test -z "$(grep -F '.icns' "$NSI")"
check "installer script: the options page (PATH, desktop icon) is shown" has 'StrCmp "ON" "ON" 0 noOptionsPage'
INI=$(ls "$WORK"/out/_CPack_Packages/*/NSIS/NSIS.InstallOptions.ini)
check "options page: 'Create Crossline Desktop Icon' (the product name, not the package name)" \
  grep -qx 'Text=Create Crossline Desktop Icon' "$INI"
check "options page: PATH is left alone unless asked" \
  grep -qx 'State=1' <(sed -n '/Text=Do not add Crossline to the system PATH/,/^State/p' "$INI")

# ---- run it under Wine ------------------------------------------------------------------------------------------------
WINE=wine
export WINEPREFIX=$WORK/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" HOME=$WORK/home DISPLAY=
mkdir -p "$HOME"
echo "==> Wine $("$WINE" --version 2>/dev/null)"
timeout 300 "$WINE" wineboot --init >"$WORK/wineboot.log" 2>&1
timeout 120 wineserver -w 2>/dev/null
cp "$EXE" "$WORK/setup.exe"
drive=$WINEPREFIX/drive_c
win() { timeout 300 "$WINE" "$@" 2>>"$WORK/wine.log"; local rc=$?; timeout 120 wineserver -w 2>/dev/null; return $rc; }
reg_query() { win reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | awk -v v="$2" '$1 == v { $1 = ""; $2 = ""; sub(/^  /, ""); print }'; }

win "$WORK/setup.exe" /S '/D=C:\Crossline'
check "silent install (/S) exits 0" test $? = 0
for f in bin/crossline bin/crossline-cli Uninstall.exe; do
  check "installed C:\\Crossline\\${f//\//\\}" test -s "$drive/Crossline/$f"
done
# The app's modules (packaging/Modules.cmake) go next to crossline.exe in a Windows build; this Linux payload has them
# where Linux puts them, lib\crossline\modules: either way the installer must carry them.
MODULES=$(module_names "$BUILD")
module_path() { ls "$drive/Crossline/bin/$1" "$drive/Crossline/lib/crossline/modules/$1" 2>/dev/null | head -1; }
check "this build made the app's modules ($(echo $MODULES))" test -n "$MODULES"
for m in $MODULES; do
  check "installed the module $m" test -s "$(module_path "$m")"
done
menu=$(find "$drive" -path '*Start Menu/Programs/Crossline' -type d 2>/dev/null | head -1)
for lnk in Crossline.lnk "Crossline CLI.lnk" Uninstall.lnk; do
  check "Start menu has Crossline\\$lnk" test -s "$menu/$lnk"
done
# A silent install takes the options page's defaults: no desktop icon, PATH untouched.
check "a silent install puts no icon on the desktop (opt-in on the options page)" \
  test -z "$(find "$drive" -path '*/Desktop/Crossline.lnk' 2>/dev/null | head -1)"
env_key='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'
system_path=$(reg_query "$env_key" Path)
echo "    system PATH: $system_path"
check "a silent install leaves the system PATH alone" test -n "$system_path" -a -z "$(grep -iF 'Crossline' <<<"$system_path")"
uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Crossline'
name=$(reg_query "$uninstall_key" DisplayName); uninstaller=$(reg_query "$uninstall_key" UninstallString)
echo "    $uninstall_key: DisplayName=$name UninstallString=$uninstaller"
check "Apps lists \"Crossline $VERSION\"" test "$name" = "Crossline $VERSION"
check "the uninstall entry runs C:\\Crossline\\Uninstall.exe" grep -qiF 'C:\Crossline\Uninstall.exe' <<<"$uninstaller"

# Installing again over it, as an upgrade does: the old uninstaller runs first, then the new files land.
win "$WORK/setup.exe" /S '/D=C:\Crossline'
check "a second silent install over the first exits 0" test $? = 0
check "after the second install the programs are there" test -s "$drive/Crossline/bin/crossline"
check "after the second install the Start menu has Crossline\\Crossline.lnk" test -s "$menu/Crossline.lnk"

win 'C:\Crossline\Uninstall.exe' /S _?='C:\Crossline'
check "silent uninstall (/S) exits 0" test $? = 0
check "uninstall removed bin\\crossline and bin\\crossline-cli" \
  test ! -e "$drive/Crossline/bin/crossline" -a ! -e "$drive/Crossline/bin/crossline-cli"
for m in $MODULES; do
  check "uninstall removed the module $m" test -z "$(module_path "$m")"
done
check "uninstall removed the Start-menu folder" test ! -e "$menu"
check "uninstall removed the uninstall entry" test -z "$(reg_query "$uninstall_key" DisplayName)"

finish packaging_nsis
