#!/usr/bin/env bash
# Cross-builds refdesk.exe for 64-bit Windows with Debian's Rust (rustc-web, cargo-web,
# rust-web-src) and MinGW (gcc-mingw-w64-x86-64). Installs nothing: `.ci/run` (or an admin)
# installs those packages first. std is rebuilt from rust-web-src (`-Zbuild-std`, allowed on
# Debian's stable compiler by RUSTC_BOOTSTRAP); std's own crates come from crates.io.
#
#   .ci/windows-build.sh            release refdesk.exe → $CARGO_TARGET_DIR/x86_64-pc-windows-gnu/release/
#   .ci/windows-build.sh --tests    also builds the test executables (see .ci/windows-test.sh)
#
#   CARGO_TARGET_DIR  where to build (default: target-win in the repository, apart from the
#                     Linux build, whose toolchain differs)
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/windows-env.sh
for f in "$win_cargo" /usr/bin/rustc x86_64-w64-mingw32-gcc; do
    command -v "$f" >/dev/null || {
        echo "windows-build: $f is missing: apt-get install rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64" >&2
        exit 1
    }
done

"$win_cargo" build "${win_cargo_args[@]}" --bin refdesk
echo "windows-build: $CARGO_TARGET_DIR/$win_target/release/refdesk.exe"

if [ "${1:-}" = --tests ]; then
    # Test executables and the refdesk.exe they drive (assert_cmd finds it beside them).
    "$win_cargo" test --no-run "${win_cargo_args[@]}" --tests
fi
