#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan + UBSan) into build/fuzz and runs each for
# SECONDS (default 60; TIAOLI_FUZZ_SECONDS when no argument is given), starting from the seed
# corpora in fuzz/corpus/. Fails on any crash, leak, timeout or sanitizer report; the input that
# caused it is saved under build/fuzz/artifacts/<target>/ (see docs/fuzzing.md to turn it into a
# regression test). Longer runs: docs/fuzzing.md.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${TIAOLI_FUZZ_SECONDS:-60}}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_ruleset_loader fuzz_expression fuzz_facts)
build=${TIAOLI_FUZZ_BUILD_DIR:-build/fuzz}

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTIAOLI_BUILD_FUZZ=ON -DTIAOLI_BUILD_TESTS=OFF -DTIAOLI_BUILD_CLI=OFF -DTIAOLI_INSTALL=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for target in "${targets[@]}"; do
  # A scratch copy of the committed seeds: new inputs the fuzzer finds go there, not into git.
  work="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$work" "$artifacts"
  cp -n fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
  case $target in
    fuzz_expression) max_len=512 ;;
    *) max_len=4096 ;;
  esac
  log="$build/$target.log"
  echo "== $target: ${seconds}s (log $log)"
  if "$build/fuzz/$target" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -max_len="$max_len" \
      -dict="fuzz/$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 "$work" >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec" "$log" | sed 's/^/   /'
  else
    status=1
    echo "FAILED: $target found a problem; the input is in $artifacts/" >&2
    grep -E -A30 "ERROR:|invariant failed|runtime error" "$log" | head -60 >&2 || tail -40 "$log" >&2
  fi
done
exit $status
