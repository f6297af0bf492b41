# Sourced by windows-build.sh and windows-test.sh: the one description of the Windows
# cross-build (Debian's rustc-web/cargo-web, std rebuilt from rust-web-src, MinGW's linker).
# Both scripts must ask cargo with the same settings, or it would rebuild.
win_cargo=/usr/bin/cargo # Debian's cargo-web, not rustup's
win_target=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target-win}
export RUSTC_BOOTSTRAP=1
export RUSTC=/usr/bin/rustc
export RUSTUP_TOOLCHAIN=
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
# Lean artefacts: no debug info, symbols stripped. Tests build in release too, so the
# dependencies are compiled once for refdesk.exe and the tests.
export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_PROFILE_RELEASE_STRIP=true
win_cargo_args=(--release --locked -Zbuild-std=std,panic_abort --target "$win_target")
