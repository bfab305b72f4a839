#!/usr/bin/env bash
# Lint: (1) clang-format: every C++ file under src include tests examples bench fuzz must be
# formatted as .clang-format says (reported, never rewritten: fix with clang-format -i);
# (2) clang-tidy with the checks in .clang-tidy over src/.
#
#   scripts/lint.sh [BUILD_DIR]
#
# BUILD_DIR holds compile_commands.json; without it, build/lint is configured (with clang, whose
# flags clang-tidy understands best; configuring is enough, nothing is compiled).
# Environment: LINT_SKIP_FORMAT=1 or LINT_SKIP_TIDY=1 runs only the other part; LINT_JOBS=N.
# Exits non-zero when either part finds something.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=${LINT_JOBS:-$(nproc)}
status=0

need() {  # installs clang-format / clang-tidy the way scripts/setup.sh installs the rest
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
  fi
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "lint: $tool is missing (apt-get install ${missing[*]})" >&2; exit 2; }
  done
}

# ---- clang-format --------------------------------------------------------------------------
if [ "${LINT_SKIP_FORMAT:-0}" != 1 ]; then
  need clang-format
  echo "== clang-format ($(clang-format --version | grep -o 'version [0-9.]*'))"
  dirs=()
  for d in src include tests examples bench fuzz; do [ -d "$d" ] && dirs+=("$d"); done
  mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
  unformatted=()
  for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then unformatted+=("$f"); fi
  done
  if [ ${#unformatted[@]} -eq 0 ]; then
    echo "clang-format: ${#files[@]} files, all formatted"
  else
    for f in "${unformatted[@]}"; do
      n=$(clang-format --dry-run "$f" 2>&1 | grep -c 'warning: code should be clang-formatted')
      echo "  $f: $n place(s)"
    done
    echo "clang-format: ${#unformatted[@]} of ${#files[@]} files are not formatted" \
         "(see one with: clang-format --dry-run FILE; fix with: clang-format -i FILE)"
    status=1
  fi
fi

# ---- clang-tidy ----------------------------------------------------------------------------
if [ "${LINT_SKIP_TIDY:-0}" != 1 ]; then
  need clang-tidy
  build=${1:-}
  if [ -z "$build" ]; then
    build=build/lint
    need clang clang++
    CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null ||
      { echo "lint: cmake failed" >&2; [ -f "$build/compile_commands.json" ] || exit 2
        echo "lint: using the compile_commands.json of the last configure" >&2; }
  fi
  db="$build/compile_commands.json"
  [ -f "$db" ] || { echo "lint: $db not found (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2; exit 2; }
  root=$(pwd)
  # The project's own sources in the database, src/ only (tests and benchmarks are not linted).
  mapfile -t sources < <(grep -o "\"file\": *\"[^\"]*\"" "$db" | sed 's/.*"file": *"//; s/"$//' |
                         grep "^$root/src/" | sort -u)
  echo "== clang-tidy ($(clang-tidy --version | grep -o 'version [0-9.]*'), ${#sources[@]} files, $jobs jobs)"
  [ ${#sources[@]} -gt 0 ] || { echo "lint: no src/ files in $db" >&2; exit 2; }
  logs=$(mktemp -d)
  # One log per file (parallel runs must not interleave). g++'s -Wno-restrict (CMakeLists.txt)
  # is unknown to clang: a g++ build dir must not fail on it.
  printf '%s\n' "${sources[@]}" |
    xargs -P "$jobs" -I{} sh -c 'clang-tidy -p "$1" -quiet --extra-arg=-Wno-unknown-warning-option "$2" \
      > "$3/$(echo "$2" | tr / _).log" 2>&1 || touch "$3/failed"' _ "$build" {} "$logs"
  tidy_status=0
  [ -e "$logs/failed" ] && tidy_status=1
  findings=$(cat "$logs"/*.log | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error): ' | sort -u)
  if [ -n "$findings" ]; then
    echo "$findings" | sed "s|^$root/||"
    echo "clang-tidy: $(echo "$findings" | wc -l) finding(s):"
    echo "$findings" | grep -oE '\[[a-z0-9.-]+' | tr -d '[' | sort | uniq -c | sort -rn
    status=1
  elif [ $tidy_status -ne 0 ]; then
    cat "$logs"/*.log
    echo "clang-tidy: failed"
    status=1
  else
    echo "clang-tidy: clean"
  fi
  rm -rf "$logs"
fi

exit $status
