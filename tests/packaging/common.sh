# Shared by the packaging checks (sourced, not run): PASS/FAIL reporting, building the DEB from a build tree, and the
# checks that run an installed crossline/crossline-cli. Each check script sets WORK (a throwaway folder) first.

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

finish() {   # finish NAME — the summary line and the exit status
  echo
  if [ "$failures" -eq 0 ]; then echo "$1: every check passed"; exit 0; fi
  echo "$1: $failures check(s) failed"; exit 1
}

# build_deb BUILD VERSION — cpack -G DEB from the build tree into $WORK/out; sets DEB or exits with FAIL.
build_deb() {
  echo "==> cpack -G DEB"
  if ! (cd "$WORK" && cpack -G DEB --config "$1/CPackConfig.cmake" -B "$WORK/out" >"$WORK/cpack.log" 2>&1); then
    cat "$WORK/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1
  fi
  DEB=$(ls "$WORK"/out/crossline_"$2"_*.deb 2>/dev/null | head -1)
  [ -n "$DEB" ] || { cat "$WORK/cpack.log"; echo "FAIL: no crossline_$2_<arch>.deb was made"; exit 1; }
  pass "built $(basename "$DEB") ($(stat -c %s "$DEB") bytes)"
}

# check_versions VERSION RUN… — `crossline-cli --version` and `crossline --version` through the command prefix RUN
# (empty for a plain path prefix, or e.g. `chroot ROOT`), with BIN the folder of the programs.
check_versions() {
  local version=$1; shift
  local out rc
  out=$("$@" "$BIN/crossline-cli" --version 2>&1); rc=$?
  echo "    crossline-cli --version: $out"
  check "crossline-cli --version exits 0 and prints $version" test "$rc" = 0 -a -n "$(grep -F "$version" <<<"$out")"
  out=$(QT_QPA_PLATFORM=offscreen timeout 30 "$@" "$BIN/crossline" --version 2>&1); rc=$?
  echo "    crossline --version: $out"
  check "crossline --version exits 0 and prints $version" test "$rc" = 0 -a -n "$(grep -F "$version" <<<"$out")"
}

# sandbox_round_trip RUN… — starts `crossline-cli sandbox`, then lists Nango connections against it, both through RUN.
sandbox_round_trip() {
  local out rc base key pid
  "$@" "$BIN/crossline-cli" sandbox >"$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
  pid=$!
  for _ in $(seq 1 200); do
    grep -q '^NANGO_SECRET_KEY=' "$WORK/sandbox.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  base=$(sed -nE 's/^NANGO_API_BASE=(.*)$/\1/p' "$WORK/sandbox.out")
  key=$(sed -nE 's/^NANGO_SECRET_KEY=(.*)$/\1/p' "$WORK/sandbox.out")
  if [ -z "$base" ] || [ -z "$key" ]; then
    fail "crossline-cli sandbox printed NANGO_API_BASE/NANGO_SECRET_KEY"; cat "$WORK/sandbox.out" "$WORK/sandbox.err"
  else
    pass "crossline-cli sandbox is up at $base"
    out=$(NANGO_API_BASE=$base NANGO_SECRET_KEY=$key timeout 60 "$@" "$BIN/crossline-cli" nango connections 2>&1); rc=$?
    sed 's/^/    /' <<<"$out"
    check "crossline-cli nango connections against the sandbox exits 0" test "$rc" = 0
    check "crossline-cli nango connections lists conn_abc123" grep -q conn_abc123 <<<"$out"
  fi
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
}

# module_names BUILD_DIR — the file names of the desktop app's modules this build made (packaging/Modules.cmake).
module_names() {
  ls "$1/lib/crossline/modules" 2>/dev/null | grep -E '^crossline-[a-z]+\.(so|dll|dylib)$'
}

# app_modules RUN… — the app's modules from BIN/../lib/crossline/modules, where the program looks: `crossline --sandbox`
# (offscreen) loads the sandbox module and lists the connections (it logs "first content" under
# QT_LOGGING_RULES=crossline.startup.info=true); and a copy of the program without its modules keeps running and
# names the missing file on standard error (the window says the sandbox could not start), instead of crashing.
app_modules() {
  local pid log=$WORK/app-modules.log
  QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES=crossline.startup.info=true "$@" "$BIN/crossline" --sandbox >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q 'first content at' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  check "crossline --sandbox loads its sandbox module and lists the connections" grep -q 'first content at' "$log"
  grep -q 'first content at' "$log" || sed 's/^/    /' "$log"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

  mkdir -p "$WORK/alone/bin"
  cp "$BIN/crossline" "$WORK/alone/bin/"
  log=$WORK/app-alone.log
  QT_QPA_PLATFORM=offscreen "$WORK/alone/bin/crossline" --sandbox >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q 'crossline-sandbox' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep 0.5
  sed 's/^/    /' "$log"
  check "without its modules crossline --sandbox keeps running" kill -0 "$pid"
  check "without its modules crossline --sandbox says crossline-sandbox is not installed" \
    grep -qE 'crossline-sandbox\.[a-z]+ is not installed' "$log"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
}

# Never the user's own settings or keyring, even when run outside scripts/test.
isolate_home() {
  export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache \
         XDG_RUNTIME_DIR=$WORK/runtime
  mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  unset NANGO_API_BASE NANGO_HOST NANGO_SECRET_KEY NANGO_ENV PANORA_API_URL PANORA_API_KEY PANORA_CONNECTION_TOKEN
}

# check_copyright COPYRIGHT SYSROOT SRC — the Debian copyright file COPYRIGHT (as installed) says Crossline is
# Apache-2.0 and points at Debian's copy of the licence, and that copy (SYSROOT/usr/share/common-licenses/Apache-2.0:
# SYSROOT empty for this machine) is the repository's LICENSE, word for word (SRC: the source tree).
check_copyright() {
  local copyright=$1 sysroot=$2 src=$3 licence
  # The licence of the `Files: *` paragraph, and the stand-alone paragraph of that licence.
  licence=$(awk '/^Files: \*$/ { f = 1; next } f && /^License:/ { print $2; exit } /^$/ { f = 0 }' "$copyright")
  check "copyright: Crossline's files (Files: *) are under License: Apache-2.0 (it says '$licence')" \
    test "$licence" = Apache-2.0
  check "copyright: the Apache-2.0 licence paragraph refers to /usr/share/common-licenses/Apache-2.0" \
    grep -qF '/usr/share/common-licenses/Apache-2.0' <(awk 'BEGIN { RS = "" } /^License: Apache-2\.0\n/' "$copyright")
  check "copyright: no @VARIABLE@ is left unconfigured" test -z "$(grep -E '@[A-Z_]+@' "$copyright")"
  check "/usr/share/common-licenses/Apache-2.0 of the system it lands on is the repository's LICENSE, word for word" \
    cmp -s "$sysroot/usr/share/common-licenses/Apache-2.0" "$src/LICENSE"
}
