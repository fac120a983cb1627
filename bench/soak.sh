#!/usr/bin/env bash
# The long reliability runs, for before a release rather than for every
# change (scripts/test runs the short versions):
#   crash  the crash test with 100 SIGKILLs of a writer, and 1,000
#          in a writer's first milliseconds                     build/ (Release)
#   fuzz   every fuzz target for 10,000,000 inputs              build-fuzz/
#   tsan   the stress test under ThreadSanitizer for 10 minutes  build-tsan/
#
#   bench/soak.sh [--crashes N] [--fuzz-runs N] [--tsan-seconds N] [--only crash,fuzz,tsan]
#                 [--fuzz-targets NAME,...] [--jobs N]
#
# Fuzz targets run one per core (or --jobs N at a time); --fuzz-targets picks some and their order
# (put the slowest first so the others fill the remaining cores).
# Logs, fuzz crash artifacts and the grown fuzz corpora go to build-soak/
# (or $QUIRE_SOAK_DIR); the summary at the end is what docs/reliability.md
# reports. Exits non-zero if any part failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
crashes=100
fuzz_runs=10000000
tsan_seconds=600
only=crash,fuzz,tsan
fuzz_targets=
while [ $# -gt 0 ]; do
  case $1 in
    --crashes) crashes=${2:?}; shift 2 ;;
    --fuzz-runs) fuzz_runs=${2:?}; shift 2 ;;
    --tsan-seconds) tsan_seconds=${2:?}; shift 2 ;;
    --only) only=${2:?}; shift 2 ;;
    --fuzz-targets) fuzz_targets=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "soak: unknown argument $1" >&2; exit 2 ;;
  esac
done
wants() { [[ ,$only, == *",$1,"* ]]; }

out=${QUIRE_SOAK_DIR:-$root/build-soak}
mkdir -p "$out"
# No allocation stacks: with them ASan's stack depot grows with every new
# call path (megabytes per thousand inputs of the query parser) and a
# 10M-input run would pass libFuzzer's 2 GB limit. Detection is unchanged,
# and a saved crashing input replays with full stacks.
export ASAN_OPTIONS=detect_leaks=1:malloc_context_size=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/tests/tsan.supp"
"$root/scripts/install-deps"

summary=()
status=0
note() { summary+=("$*"); echo "soak: $*"; }

if wants crash; then
  build=${QUIRE_BUILD_DIR:-$root/build}
  "$root/scripts/build" --target quire_crash_test >/dev/null
  echo "== crash: $crashes SIGKILLs (log: $out/crash.log)"
  start=$(date +%s)
  if "$build/tests/crash/quire_crash_test" --crashes "$crashes" | tee "$out/crash.log"; then :; else status=1; fi
  note "crash: $(grep -o 'crashes survived: .*' "$out/crash.log" || echo 'did not finish'), $(( $(date +%s) - start )) s"
  # Ten times as many kills of a writer that lives about 10 ms: index
  # creation and first commits.
  early=$((crashes * 10))
  echo "== crash: $early SIGKILLs in a writer's first milliseconds (log: $out/crash-early.log)"
  start=$(date +%s)
  if "$build/tests/crash/quire_crash_test" --papers 3 --batch 1 --crashes "$early" \
       >"$out/crash-early.log"; then :; else status=1; fi
  note "crash early: $(grep -o 'crashes survived: .*' "$out/crash-early.log" || echo 'did not finish'), $(( $(date +%s) - start )) s"
fi

if wants fuzz; then
  build=$root/build-fuzz
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQUIRE_BUILD_FUZZERS=ON >/dev/null
  cmake --build "$build" -j"$jobs" --target quire_fuzzers >/dev/null
  if [ -n "$fuzz_targets" ]; then
    targets=$(echo "$fuzz_targets" | tr ',' '\n' | sed "s|^|$build/tests/fuzz/fuzz_|")
  else
    targets=$(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
  fi
  [ -n "$targets" ] || note "fuzz: no targets in tests/fuzz"
  # One target per core at a time; each keeps its own growing corpus.
  run_target() {
    local binary=$1 name
    name=$(basename "$binary"); name=${name#fuzz_}
    local corpus=$out/fuzz-corpus/$name seeds=$root/tests/fuzz/corpus/$name
    local dict=$root/tests/fuzz/$name.dict flags=()
    mkdir -p "$corpus" "$out/fuzz-artifacts"
    [ -f "$dict" ] && flags+=("-dict=$dict")
    [ -d "$seeds" ] && set -- "$seeds" || set --
    "$binary" -runs="$fuzz_runs" -max_len=65536 -timeout=60 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$out/fuzz-artifacts/$name-" \
      ${flags[@]+"${flags[@]}"} "$corpus" "$@" >"$out/fuzz-$name.log" 2>&1
  }
  pids=()
  names=()
  for binary in $targets; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 5; done
    name=$(basename "$binary"); name=${name#fuzz_}
    echo "== fuzz: $name for $fuzz_runs inputs (log: $out/fuzz-$name.log)"
    run_target "$binary" &
    pids+=($!)
    names+=("$name")
  done
  for i in "${!pids[@]}"; do
    name=${names[$i]}
    log=$out/fuzz-$name.log
    failed=0
    wait "${pids[$i]}" || failed=1
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    if [ $failed = 0 ]; then
      note "fuzz $name: ${runs:-?} runs in ${seconds:-?} s, no failure"
    else
      status=1
      note "fuzz $name: FAILED after ${runs:-?} runs; see $log and $out/fuzz-artifacts/"
    fi
  done
fi

if wants tsan; then
  build=$root/build-tsan
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIRE_SANITIZE=thread >/dev/null
  cmake --build "$build" -j"$jobs" --target quire_stress_tests >/dev/null
  echo "== tsan: the stress test for $tsan_seconds s (log: $out/tsan.log)"
  if QUIRE_STRESS_SECONDS=$tsan_seconds "$build/tests/stress/quire_stress_tests" \
       --gtest_filter='Stress.*' >"$out/tsan.log" 2>&1; then
    note "tsan: clean; $(grep -o 'stress: .*' "$out/tsan.log")"
  else
    status=1
    note "tsan: FAILED; see $out/tsan.log"
  fi
fi

echo
echo "== soak summary"
printf '   %s\n' "${summary[@]}"
exit $status
