#!/usr/bin/env bash
# Indexing and search of the whole shared corpus by quire beside the engines
# of ../shared/peers, in one run (the figures are only comparable within a run).
#
#   bench/core.sh [CORPUS] [QUERIES] [REPEATS]
#
# Defaults: ../shared/corpora/papers.jsonl.zst, ../shared/peers/queries/papers-200.tsv, 3.
# BENCH_ENGINES (default "xapian quire", add lucene or fts5), BENCH_BASELINE
# (default xapian), BENCH_WORK (default /tmp/quire-bench). Prints the table of
# bench/compare.py; raw driver outputs stay in $BENCH_WORK/out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
peers=${QUIRE_PEERS_DIR:-$root/../shared/peers}
corpus=${1:-$root/../shared/corpora/papers.jsonl.zst}
queries=${2:-$peers/queries/papers-200.tsv}
repeats=${3:-3}
engines=${BENCH_ENGINES:-xapian quire}
baseline=${BENCH_BASELINE:-xapian}
work=${BENCH_WORK:-/tmp/quire-bench}
[ -d "$peers" ] || { echo "core.sh: $peers not found (the shared peers benchmark)"; exit 1; }
[ -f "$corpus" ] || { echo "core.sh: no corpus $corpus"; exit 1; }
export PEERS_WORK=$work/peers
out=$work/out
mkdir -p "$out" "$work/index" "$PEERS_WORK"

driver() {
  case $1 in
    quire) echo "$here/peer" ;;
    *) echo "$peers/$1/peer" ;;
  esac
}

# Every engine reads the same plain file, so no one's time includes decompression.
plain=$work/corpus.jsonl
case $corpus in
  *.zst) zstd -dcq -- "$corpus" >"$plain" ;;
  *.gz) gzip -dc -- "$corpus" >"$plain" ;;
  *) cp -- "$corpus" "$plain" ;;
esac
trap 'rm -f -- "$plain"' EXIT

for e in $engines; do "$(driver "$e")" build >&2; done
for e in $engines; do
  idx=$work/index/$e
  rm -rf "$idx" "$idx.build"
  echo "[$e] index" >&2
  /usr/bin/time -f "%M" -o "$out/$e.mem.txt" "$(driver "$e")" index "$plain" "$idx" >"$out/$e.index.txt"
  echo "[$e] $(cat "$out/$e.index.txt") peak_kib=$(cat "$out/$e.mem.txt")" >&2
  echo "[$e] search x$repeats" >&2
  "$(driver "$e")" search "$idx" "$queries" "$repeats" >"$out/$e.search.tsv"
done
# shellcheck disable=SC2086
/usr/bin/python3 "$here/compare.py" "$out" "$baseline" $engines
