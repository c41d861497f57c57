#!/usr/bin/env bash
# Runs fuzz targets for SECONDS (default 600) each, one after another, on stable Rust
# (no sanitizer: the code under test is safe Rust; libFuzzer still catches panics, hangs and
# memory blow-ups). Crashes land in fuzz/artifacts/<target>/; new inputs in fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")"
# Usage: fuzz/run.sh [SECONDS] [TARGET ...]   (targets default to all four)
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(journey note csv markdown)
for target in "${targets[@]}"; do
  echo "== $target for ${seconds}s"
  cargo fuzz run -s none "$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|==|.*(panicked|ERROR|SUMMARY|crash|timeout|leak).*)" || true
done
