#!/usr/bin/env bash
# Every test: the unit, golden and rule-set tests in a normal build, then the same tests in a
# build with AddressSanitizer and UndefinedBehaviorSanitizer (clang), then the concurrency and
# determinism tests under ThreadSanitizer (clang), then a short run of each fuzz target
# (TIAOLI_FUZZ_SECONDS per target, default 20; 0 skips it). Long fuzzing runs and benchmarks
# are not part of this run; see docs/fuzzing.md and README.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)

echo "== formatting: every C++ file is clang-format clean (.clang-format)"
LINT_SKIP_TIDY=1 bash scripts/lint.sh

echo "== build and test (g++, warnings are errors)"
cmake -S . -B build/debug -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build/debug -j "$jobs"
ctest --test-dir build/debug --output-on-failure -j "$jobs"

echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer (clang)"
CC=clang CXX=clang++ cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DTIAOLI_SANITIZE=address,undefined >/dev/null
cmake --build build/asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$jobs"

echo "== concurrency and determinism tests under ThreadSanitizer (clang)"
CC=clang CXX=clang++ cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTIAOLI_SANITIZE=thread -DTIAOLI_BUILD_CLI=OFF >/dev/null
cmake --build build/tsan -j "$jobs" --target tiaoli_concurrency_tests tiaoli_determinism_tests
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build/tsan --output-on-failure -L 'concurrency|determinism'

fuzz_seconds=${TIAOLI_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== short fuzzing run: ${fuzz_seconds}s per target (clang libFuzzer + ASan + UBSan)"
  bash scripts/fuzz.sh "$fuzz_seconds"
else
  echo "== short fuzzing run skipped (TIAOLI_FUZZ_SECONDS=0)"
fi

# Reaching this line means every stage above passed (set -e stops at the first failure).
tests=$(ctest --test-dir build/debug -N | sed -n 's/^Total Tests: //p')
sanitized=$(ctest --test-dir build/asan -N | sed -n 's/^Total Tests: //p')
echo "all stages passed: $tests tests, then $sanitized under ASan+UBSan, concurrency under TSan, fuzzing"
echo "$((tests + sanitized)) passed, 0 failed"
