#!/usr/bin/env bash
# Peer comparison: tiaoli vs json-rules-engine 7.3.1 and @gorules/zen-engine 0.54.0.
#
#   bash bench/peers/run.sh [--count N] [--jobs N] [--build DIR] [--no-build] [--markdown FILE]
#
# Builds tiaoli (Release, TIAOLI_BUILD_BENCH=ON) into DIR (default build/bench), installs the two
# npm packages at the exact versions of package-lock.json (npm ci), generates the deterministic
# data set (N candidates and N workers, default 100,000), runs every engine on it in one run,
# checks that all agree with tiaoli record by record (exit 1 if not), and prints the table of
# decisions per second. Needs: cmake, ninja, a C++20 compiler, libbenchmark-dev, Node >= 18, npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count=100000
jobs="$(nproc)"
build="$root/build/bench"
do_build=1
markdown=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --markdown) markdown="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $do_build == 1 ]]; then
  echo "== building tiaoli (Release) in $build" >&2
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTIAOLI_BUILD_BENCH=ON -DTIAOLI_BUILD_TESTS=OFF >/dev/null
  ninja -C "$build" tiaoli_cli tiaoli_peer_api >&2
fi
build="$(cd "$build" && pwd)"  # absolute: compare.mjs runs from $here
for bin in "$build/tiaoli" "$build/bench/tiaoli_peer_api"; do
  [[ -x $bin ]] || { echo "run.sh: $bin is missing (build with -DTIAOLI_BUILD_BENCH=ON)" >&2; exit 1; }
done

echo "== npm ci (exact versions from package-lock.json)" >&2
if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2 2>/tmp/tiaoli-npm-ci.$$); then
  # npm ci refuses a lock file without an entry for every optional dependency; ZEN's native
  # binaries for other platforms are missing when the registry (or mirror) used to make the lock
  # did not serve them. npm install follows the same lock and the exact versions of package.json.
  echo "run.sh: npm ci failed ($(grep -m1 -o 'Missing: .*' /tmp/tiaoli-npm-ci.$$ || echo see the npm log)); using npm install" >&2
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error >&2)
fi
rm -f /tmp/tiaoli-npm-ci.$$
# The lock file may lack ZEN's native binary for this platform; add it at the same version.
if ! (cd "$here" && node -e "require('@gorules/zen-engine')" 2>/dev/null); then
  (cd "$here" && npm install --no-save --no-audit --no-fund --loglevel=error @gorules/zen-engine@0.54.0 >&2)
fi
node -e '
  for (const [p, v] of [["json-rules-engine", "7.3.1"], ["@gorules/zen-engine", "0.54.0"]]) {
    const got = require(process.argv[1] + "/node_modules/" + p + "/package.json").version;
    if (got !== v) { console.error(`run.sh: ${p} is ${got}, expected ${v}`); process.exit(1); }
  }' "$here"

data="$here/data"
echo "== generating $count candidates and $count workers in $data" >&2
node "$here/gen-data.mjs" "$data" "$count"

args=(--tiaoli "$build/tiaoli" --peer-api "$build/bench/tiaoli_peer_api" --rules "$root/rules/huzhou" --data "$data" --jobs "$jobs")
[[ -n $markdown ]] && args+=(--markdown "$markdown")
cd "$here" && node compare.mjs "${args[@]}"
