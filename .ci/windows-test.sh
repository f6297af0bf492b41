#!/usr/bin/env bash
# Runs the test suite's Windows executables (built by `.ci/windows-build.sh --tests`) under
# Wine 8.0 (Debian's wine64). Installs nothing. Sets up a private Wine prefix with a UTF-8
# locale and the stand-in bcryptprimitives.dll (.ci/wine/; Wine 8.0 lacks ProcessPrng, which
# Rust's std needs). The stand-in lives in the prefix only and is never shipped.
#
#   .ci/windows-test.sh [TEST-NAME…]   all test executables, or those whose name starts so
#
#   CARGO_TARGET_DIR  as for windows-build.sh (default target-win)
#   WINEPREFIX        default $CARGO_TARGET_DIR/wine-prefix
#   REFDESK_CUPS_OUT  the CUPS test queue's folder, as for cups-setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/windows-env.sh
export WINEPREFIX=${WINEPREFIX:-$CARGO_TARGET_DIR/wine-prefix}
export WINEARCH=win64 WINEDEBUG=-all
# Wine maps the Unix locale to the Windows code pages: UTF-8 makes the console and the ANSI
# code page UTF-8, so Ukrainian text passes through pipes unchanged.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# No desktop: programs that would open a window (none should) fail instead of waiting.
export DISPLAY=
# The file the CUPS test queue writes (.ci/cups-setup.sh), for tests/print_windows.rs: Wine
# shows CUPS queues as Windows printers.
cups_file=${REFDESK_CUPS_OUT:-/var/tmp/refdesk-cups}/slip.pdf
[ -f "$cups_file" ] && export REFDESK_CUPS_FILE=$cups_file REFDESK_CUPS_SPOOL=/var/spool/cups

wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
[ -x "$wine" ] || { echo "windows-test: wine64 is missing: apt-get install wine64" >&2; exit 1; }
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)

if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    "$wine" wineboot --init >/dev/null 2>&1
    "$wineserver" --wait
fi
# The temporary folder on drive Z: (Wine's view of /), so the Linux poppler tools the PDF tests
# run (REFDESK_WINE_TOOLS, see tests/referral_support) can open the files by their Linux path.
wine_tmp=$CARGO_TARGET_DIR/wine-tmp
mkdir -p "$wine_tmp"
for v in TEMP TMP; do
    "$wine" reg add 'HKCU\Environment' /v "$v" /d "Z:${wine_tmp//\//\\}" /f >/dev/null 2>&1
done
export REFDESK_WINE_TOOLS=/usr/bin
sys32=$WINEPREFIX/drive_c/windows/system32
if [ ! -f "$sys32/bcryptprimitives.dll" ] || [ .ci/wine/bcryptprimitives.c -nt "$sys32/bcryptprimitives.dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" \
        .ci/wine/bcryptprimitives.c -ladvapi32
fi

# The test executables cargo built, by name (the list comes from cargo: nothing is rebuilt).
# Only artefacts built with the test profile flag: refdesk.exe itself, built for the tests to
# drive, is listed too (its target says "test":true as well), but it is not a test.
mapfile -t exes < <(
    "$win_cargo" test --no-run "${win_cargo_args[@]}" --tests --message-format=json 2>/dev/null |
        grep -E '"profile":\{[^}]*"test":true\}' | grep -o '"executable":"[^"]*"' | sed 's/"executable":"//; s/"$//'
)
[ ${#exes[@]} -gt 0 ] || { echo "windows-test: no test executables; run .ci/windows-build.sh --tests" >&2; exit 1; }

failed=()
for exe in "${exes[@]}"; do
    name=$(basename "$exe" .exe)
    name=${name%-*}
    if [ $# -gt 0 ]; then
        keep=no
        for want in "$@"; do [[ $name == "$want"* ]] && keep=yes; done
        [ $keep = yes ] || continue
    fi
    echo "windows-test: $name"
    t0=$SECONDS
    # Tests run in the package's folder, as under cargo test.
    if "$wine" "$exe" --test-threads=2 </dev/null; then
        echo "windows-test: $name passed in $((SECONDS - t0)) s"
    else
        echo "windows-test: $name FAILED in $((SECONDS - t0)) s"
        failed+=("$name")
    fi
done
"$wineserver" --wait || true
if [ ${#failed[@]} -gt 0 ]; then
    echo "windows-test: failed: ${failed[*]}" >&2
    exit 1
fi
echo "windows-test: all passed"
