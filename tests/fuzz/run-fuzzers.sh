#!/bin/bash
# Runs every libFuzzer target for a bounded time on a copy of its seed corpus.
#   bash tests/fuzz/run-fuzzers.sh [TARGET...]      (default: all of them)
#   BUILD_DIR     a build folder configured with CC=clang -Dfuzzing=true
#                 (default: build-fuzz; made here if missing)
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_JOBS     targets run at once (default 2)
# Crashes, leaks, timeouts and sanitizer reports are written to
# $BUILD_DIR/fuzz-artifacts/TARGET-crash-* ; the script then fails and names them.
# Reproduce one with: $BUILD_DIR/tests/fuzz/fuzz-TARGET ARTIFACT
# A crash found becomes a regression test in tests/test-fuzz-crashes.c and its
# input a seed in tests/fuzz/corpus/TARGET/.
set -uo pipefail

cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-2}
ALL_TARGETS=(import-txt import-jsonl import-brat import-conll import-webanno schema tagger-external search)
TARGETS=("${@:-${ALL_TARGETS[@]}}")

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  CC=clang meson setup "$BUILD_DIR" -Dfuzzing=true || exit 1
fi
ninja -C "$BUILD_DIR" -j "${FUZZ_JOBS}" "${TARGETS[@]/#/tests/fuzz/fuzz-}" || exit 1

ARTIFACTS="$BUILD_DIR/fuzz-artifacts"
WORK="$BUILD_DIR/fuzz-work"
rm -rf "$ARTIFACTS" "$WORK"
mkdir -p "$ARTIFACTS" "$WORK"

# UBSan reports must stop the run like ASan's do; LSan is on (a leak is a bug).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_SLICE=always-malloc
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/fuzz/lsan-fuzz.supp:print_suppressions=0}

run_one () {
  local target=$1
  local corpus="$WORK/$target"
  mkdir -p "$corpus"
  cp tests/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null
  local asan_options=$ASAN_OPTIONS
  # The json-glib leak in lsan-fuzz.supp is only recognised with full malloc
  # stacks (json-glib has no frame pointers); they cost about 10x the speed, so
  # only the targets that parse JSON pay it.
  case $target in
    import-jsonl|tagger-external) asan_options="$asan_options:fast_unwind_on_malloc=0" ;;
  esac
  ASAN_OPTIONS=$asan_options "$BUILD_DIR/tests/fuzz/fuzz-$target" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
    -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$ARTIFACTS/$target-" "$corpus" > "$WORK/$target.log" 2>&1
  local status=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$WORK/$target.log" | grep -o '[0-9]*$')
  if [ $status -eq 0 ]; then
    echo "fuzz-$target: ok, ${runs:-?} runs in ${FUZZ_SECONDS} s"
  else
    echo "fuzz-$target: FAILED (exit $status), log: $WORK/$target.log"
    grep -m1 -E 'ERROR: |runtime error|Test unit written' "$WORK/$target.log" | sed 's/^/    /'
  fi
  return $status
}

failed=0
running=0
pids=()
for target in "${TARGETS[@]}"; do
  run_one "$target" &
  pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$FUZZ_JOBS" ]; then
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=$((failed + 1))
  running=$((running - 1))
done

if ls "$ARTIFACTS"/* >/dev/null 2>&1; then
  echo "fuzzers wrote these inputs (crash, leak, timeout or out-of-memory):"
  ls -1 "$ARTIFACTS"/* | sed 's/^/    /'
fi
echo "fuzzers: $(( ${#TARGETS[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
