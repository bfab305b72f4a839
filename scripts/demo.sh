#!/usr/bin/env bash
# The main job: build tiaoli, check the Huzhou rule set, and decide every bundled sample case,
# printing each decision with its justification (in Chinese; pass --lang en for English).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DTIAOLI_BUILD_TESTS=OFF >/dev/null
cmake --build build/release >/dev/null

tiaoli=build/release/tiaoli
"$tiaoli" check rules/huzhou
for sample in samples/huzhou/*.yaml; do
  echo
  echo "━━━ $sample"
  "$tiaoli" eval rules/huzhou --facts "$sample" "$@"
done
