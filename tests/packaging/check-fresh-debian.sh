#!/usr/bin/env bash
# The installers issue's "done means", checked for real (CTest packaging_fresh_debian, labels packaging;fresh-debian):
# on a fresh Debian 12, `apt-get install ./crossline_<version>_amd64.deb` pulls in its dependencies, Crossline
# appears in the desktop menu with its icon, and both programs run.
#   - debootstrap a minimal bookworm (minbase: not even the "standard" tasks), with bookworm-updates and
#     bookworm-security in its sources as a real installation has, into a throwaway folder;
#   - copy in the DEB built from this tree and `apt-get install --no-install-recommends` it inside (chroot): what
#     Depends names must be enough (the SQLite driver, for one, is only a Recommends of libqt6sql6), and apt alone
#     must find it;
#   - the installed copyright file says Apache-2.0 and points at /usr/share/common-licenses/Apache-2.0, which the
#     fresh system has (base-files) and which is the repository's LICENSE word for word;
#   - with only what that pulled in: dpkg's status, both programs' --version, a sandbox round trip with the installed
#     crossline-cli, and the installed `crossline --sandbox` mapping its window on an X server (Xvfb on this machine,
#     reached over loopback TCP); the screen is saved to BUILD/fresh-debian.png; Qt must not complain about a missing
#     plugin or SQL driver;
#   - then GLib's list of applications (what GNOME's menu reads) must show the entry, and GTK's icon theme must find
#     its icon in the package's hicolor files at every menu size.
# Needs root (debootstrap, chroot, mount) and Debian's mirror (CROSSLINE_DEBIAN_MIRROR, default deb.debian.org): exits
# 77, which CTest reports as skipped, when either is missing. One to three minutes, mostly downloads.
# Usage: check-fresh-debian.sh BUILD_DIR VERSION
set -uo pipefail
BUILD=$(cd "$1" && pwd) VERSION=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
APP_ID=dev.crossline.Crossline
MIRROR=${CROSSLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${CROSSLINE_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
. "$(dirname "$0")/common.sh"

if [ "$(id -u)" -ne 0 ]; then echo "SKIP: needs root for debootstrap and chroot"; exit 77; fi
probe=$(mktemp -d)
if ! mount -t tmpfs none "$probe" 2>/dev/null; then
  rmdir "$probe"; echo "SKIP: cannot mount file systems here (an unprivileged container?)"; exit 77
fi
umount "$probe"; rmdir "$probe"
for tool in cpack debootstrap chroot mount Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps installs it)"; exit 1; }
done
mirror_host=$(sed -E 's#^[a-z]+://([^/:]+).*#\1#' <<<"$MIRROR")
mirror_port=80; [[ $MIRROR == https:* ]] && mirror_port=443
if ! timeout 15 bash -c "exec 3<>/dev/tcp/$mirror_host/$mirror_port" 2>/dev/null; then
  echo "SKIP: Debian's mirror $mirror_host cannot be reached"; exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/crossline-fresh.XXXXXX")
ROOT=$WORK/root
XVFB_PID=
cleanup() {
  # Everything still running inside the root, then the X server, then the mounts — and only then the files.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  mountpoint -q "$ROOT/proc" && umount -l "$ROOT/proc"
  mountpoint -q "$ROOT/proc" || rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

build_deb "$BUILD" "$VERSION"

# ---- a fresh Debian 12 --------------------------------------------------------------------------------------------
echo "==> debootstrap --variant=minbase bookworm ($MIRROR)"
if ! debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
  tail -20 "$WORK/debootstrap.log"; echo "FAIL: debootstrap"; exit 1
fi
cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY_MIRROR bookworm-security main
EOF
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"; chmod +x "$ROOT/usr/sbin/policy-rc.d"  # start no services
mount -t proc proc "$ROOT/proc"
pass "fresh bookworm root ($(du -sm --one-file-system "$ROOT" | cut -f1) MB, $(chroot "$ROOT" dpkg-query -W | wc -l) packages)"

# What runs inside sees only the root's own environment.
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_DATA_DIRS XDG_CONFIG_DIRS DISPLAY WAYLAND_DISPLAY \
      DBUS_SESSION_BUS_ADDRESS NANGO_API_BASE NANGO_HOST NANGO_SECRET_KEY NANGO_ENV PANORA_API_URL PANORA_API_KEY \
      PANORA_CONNECTION_TOKEN QT_PLUGIN_PATH LD_LIBRARY_PATH
export HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR=/run/user/0 \
       DEBIAN_FRONTEND=noninteractive
mkdir -p "$ROOT/run/user/0"; chmod 700 "$ROOT/run/user/0"
RUN=(chroot "$ROOT")

# ---- apt-get install ./crossline_<version>_<arch>.deb ------------------------------------------------------------
echo "==> apt-get install ./$(basename "$DEB")"
cp "$DEB" "$ROOT/tmp/"
"${RUN[@]}" apt-get update -q >"$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log"; echo "FAIL: apt-get update"; exit 1; }
"${RUN[@]}" sh -c "cd /tmp && apt-get install -y --no-install-recommends ./$(basename "$DEB")" \
  >"$WORK/apt-install.log" 2>&1
rc=$?
grep -E "newly installed|^Need to get|^After this operation" "$WORK/apt-install.log" | sed 's/^/    /'
if [ "$rc" -ne 0 ]; then tail -30 "$WORK/apt-install.log"; fi
check "apt-get install --no-install-recommends ./$(basename "$DEB") exits 0 on a fresh bookworm" test "$rc" = 0
check "dpkg says crossline $VERSION is installed" \
  test "$("${RUN[@]}" dpkg-query -W -f '${Status} ${Version}' crossline 2>/dev/null)" = "install ok installed $VERSION"
check_copyright "$ROOT/usr/share/doc/crossline/copyright" "$ROOT" "$SRC"

# ---- both programs run ----------------------------------------------------------------------------------------------
echo "==> programs"
BIN=/usr/bin
check_versions "$VERSION" "${RUN[@]}"
sandbox_round_trip "${RUN[@]}"

# The desktop app on an X server: Xvfb here, reached from inside the root over loopback TCP (no shared sockets).
display=
for n in $(seq 90 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=$n; break; }
done
Xvfb ":$display" -listen tcp -ac -screen 0 1280x800x24 >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
DISPLAY=127.0.0.1:$display QT_QPA_PLATFORM=xcb "${RUN[@]}" /usr/bin/crossline --sandbox \
  >"$WORK/app.out" 2>"$WORK/app.err" &
app_pid=$!
window=$(DISPLAY=":$display" timeout 60 xdotool search --sync --onlyvisible --name '^Crossline' 2>/dev/null | head -1)
if [ -n "$window" ]; then
  pass "the installed crossline --sandbox mapped its window \"$(DISPLAY=":$display" xdotool getwindowname "$window")\""
  sleep 2   # let the pages fill from the sandbox before the picture
  DISPLAY=":$display" import -window root "$BUILD/fresh-debian.png" && echo "    screen saved to $BUILD/fresh-debian.png"
else
  fail "the installed crossline --sandbox mapped no window within 60 s"
fi
kill -0 "$app_pid" 2>/dev/null
check "crossline is still running after its window appeared" test $? = 0
if [ -s "$WORK/app.err" ]; then sed 's/^/    stderr: /' "$WORK/app.err" | head -20; fi
check "Qt loaded every plugin and SQL driver it needs (nothing 'not loaded', 'not installed', 'Could not load')" \
  test -z "$(grep -iE "not loaded|not installed|could not load|could not find the qt platform plugin" "$WORK/app.err")"
kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null

# ---- the desktop menu and the icon ---------------------------------------------------------------------------------
# GLib's application list is what GNOME's menu (and most GTK launchers) show; GTK's icon theme is how they find the icon.
echo "==> desktop menu (GLib) and icon theme (GTK)"
"${RUN[@]}" apt-get install -y -q --no-install-recommends python3-gi gir1.2-gtk-3.0 >"$WORK/apt-gtk.log" 2>&1 \
  || { tail -20 "$WORK/apt-gtk.log"; fail "installing python3-gi and gir1.2-gtk-3.0 for the menu check"; finish fresh-debian; }
cat >"$ROOT/tmp/menu-check.py" <<'EOF'
import sys
import gi
gi.require_version("Gtk", "3.0")
from gi.repository import Gio, Gtk

desktop_id = sys.argv[1] + ".desktop"
shown = {a.get_id(): a for a in Gio.AppInfo.get_all() if a.should_show()}
app = shown.get(desktop_id)
if app is None:
    print("menu: %s is not among the %d applications shown" % (desktop_id, len(shown)))
    sys.exit(1)
print("menu: %s | %s | Categories=%s | Exec=%s" % (app.get_name(), app.get_description(), app.get_categories(),
                                                  app.get_commandline()))
names = app.get_icon().get_names()
theme = Gtk.IconTheme.get_default()
missing = 0
for size in (16, 22, 24, 32, 48, 64, 128, 256):
    info = theme.lookup_icon(names[0], size, 0)
    path = info.get_filename() if info else None
    print("icon %s at %d px: %s" % (names[0], size, path))
    if not path or "/hicolor/" not in path:
        missing += 1
sys.exit(1 if missing else 0)
EOF
out=$(DISPLAY=127.0.0.1:$display "${RUN[@]}" python3 /tmp/menu-check.py "$APP_ID" 2>&1); rc=$?
sed 's/^/    /' <<<"$out"
check "GLib lists $APP_ID.desktop among the applications a menu shows" grep -q "^menu: Crossline |" <<<"$out"
check "GTK's icon theme finds the hicolor icon at 16…256 px" test "$rc" = 0

finish fresh-debian
