#!/bin/sh
# Runs every fuzz target for a bounded time: `fuzz/run.sh SECONDS [TARGET...]`.
#
# Works on a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# unstable flags, and `--sanitizer none` skips AddressSanitizer (the crate has
# no unsafe code; coverage guidance and panics are what matter here). The
# corpus starts from the shipped rules and catalogs; crashes land in
# fuzz/artifacts/TARGET/ and must become regression tests (tests/it/robustness.rs).
set -eu
seconds=${1:-60}
shift || true
targets=${*:-"rules catalog format"}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export RUSTC_BOOTSTRAP=1
mkdir -p corpus/rules corpus/catalog corpus/format
find ../rules ../examples ../tests/fixtures -name '*.yj' -exec cp {} corpus/rules/ \; 2>/dev/null || true
find ../rules ../examples ../tests/fixtures -name '*.yj' -exec cp {} corpus/format/ \; 2>/dev/null || true
find ../catalogs ../examples ../tests/fixtures -name '*.yaml' -exec cp {} corpus/catalog/ \; 2>/dev/null || true
for target in $targets; do
    cargo fuzz build --sanitizer none --release "$target"
done
for target in $targets; do
    cargo fuzz run --sanitizer none --release "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
done
