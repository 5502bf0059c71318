#!/usr/bin/env bash
# Times `workbook build` against the floor (cmd/floor: the bare cost of
# goldmark, chroma, minify and writing) and, when installed, `hugo --minify`
# on the same generated book, alternating runs, and prints medians of wall
# time, CPU time (user+sys) and peak RSS, and the ratios workbook/floor and
# workbook/Hugo measured in this one run. Every build is cold: it writes a
# new output folder. Then, for the record, a rebuild over the previous
# output with one chapter changed (a build never reuses anything).
#
# Hugo is $HUGO, else the newest of ~/go/bin/hugo (go install
# github.com/gohugoio/hugo@v0.152.2) and the hugo on $PATH.
#
#   scripts/bench.sh                  # N = 1,000 and 10,000, 5 runs each
#   scripts/bench.sh -n 1000 -r 3     # one size, 3 runs
#   scripts/bench.sh --smoke          # 20 chapters, 1 run: checks the script works
#   scripts/bench.sh --drop-caches    # as root: empty the page cache before each run
#
# Every run writes into a folder of its own, all deleted once a size is
# done: nothing is deleted between runs. On a file system mounted with online discard (this VM's
# ext4), deleting a 10,000-page site just before a run slowed that run by
# up to a second of system time, and the old order of this script deleted
# workbook's output just before its run and the floor's long before.
#
# --drop-caches writes /proc/sys/vm/drop_caches before every run, then
# reads the inputs (the books, the output of a rebuild, the programs)
# back in, so each run starts from the same page cache.
#
# Needs /usr/bin/time (GNU time). Work files go to -w DIR (default: a
# temporary directory, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000"
runs=5
work=""
drop=false
while [ $# -gt 0 ]; do
  case "$1" in
    -n) sizes="$2"; shift 2 ;;
    -r) runs="$2"; shift 2 ;;
    -w) work="$2"; shift 2 ;;
    --smoke) sizes="20"; runs=1; shift ;;
    --drop-caches) drop=true; shift ;;
    *) echo "usage: scripts/bench.sh [-n \"1000 10000\"] [-r RUNS] [-w DIR] [--smoke] [--drop-caches]" >&2; exit 2 ;;
  esac
done
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/bin"
go build -o "$work/bin/workbook" ./cmd/workbook
go build -o "$work/bin/floor" ./cmd/floor
go build -o "$work/bin/corpus" ./cmd/corpus
hugo=${HUGO:-}
if [ -z "$hugo" ] && [ -x "$HOME/go/bin/hugo" ]; then hugo="$HOME/go/bin/hugo"; fi
[ -n "$hugo" ] || hugo=$(command -v hugo || true)

# measure NAME CMD...: runs CMD under GNU time, appends "wall cpu rss_kb" to
# $work/NAME.times.
measure() {
  local name=$1; shift
  sync # removed and written files reach the disk before the clock starts, not during the next run
  if $drop; then
    echo 3 >/proc/sys/vm/drop_caches
    find "$work/bin" "$work"/book-* "$work"/hugo-* $preload -type f -exec cat {} + >/dev/null 2>&1 || true
    [ -n "$hugo" ] && cat "$hugo" >/dev/null
  fi
  /usr/bin/time -f "%e %U %S %M" -o "$work/last.time" "$@" >/dev/null 2>"$work/last.err" || {
    echo "$name failed:" >&2; cat "$work/last.err" >&2; exit 1; }
  awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$work/last.time" >>"$work/$name.times"
}

# median NAME COLUMN: the median of one column of NAME's runs.
median() {
  sort -n -k"$2" "$work/$1.times" | awk -v c="$2" '{ v[NR] = $c } END { m = int((NR + 1) / 2); if (NR % 2) print v[m]; else print (v[m] + v[m + 1]) / 2 }'
}

row() { # row LABEL NAME
  printf "%-30s %8.3f s %8.3f s %8.1f MiB   (%d runs)\n" "$1" "$(median "$2" 1)" "$(median "$2" 2)" \
    "$(echo "$(median "$2" 3) / 1024" | bc -l)" "$(wc -l <"$work/$2.times")"
}

ratio() { echo "scale=3; $1 / $2" | bc -l; }

hugo_version="not installed"
[ -n "$hugo" ] && hugo_version=$("$hugo" version | cut -d' ' -f2)
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), hugo $hugo_version"
for n in $sizes; do
  book="$work/book-$n" hsite="$work/hugo-$n" out="$work/out"
  rm -rf "$book" "$hsite" "$out" "$work"/*.times
  mkdir -p "$out"
  "$work/bin/corpus" -n "$n" -out "$book"
  "$work/bin/corpus" -n "$n" -out "$hsite" -hugo
  preload=""
  for i in $(seq "$runs"); do
    measure workbook "$work/bin/workbook" build -q --src "$book" --out "$out/cold-$i"
    measure floor "$work/bin/floor" -src "$book" -out "$out/floor-$i"
    if [ -n "$hugo" ]; then
      rm -rf "$hsite/resources"
      measure hugo "$hugo" --quiet --minify -s "$hsite" -d "$out/hugo-$i"
    fi
  done
  # A rebuild over the output of the last cold build, one chapter changed.
  chapter=$(ls "$book/content" | grep -v '^_' | sed -n 2p)
  preload="$out/cold-$runs"
  for i in $(seq "$runs"); do
    printf '\nOne more line, edit %s.\n' "$i" >>"$book/content/$chapter"
    measure warm1 "$work/bin/workbook" build -q --src "$book" --out "$out/cold-$runs"
  done
  rm -rf "$out"

  echo
  printf "%-30s %10s %10s %12s\n" "N = $n chapters" wall CPU "peak RSS"
  row "workbook build (cold)" workbook
  row "floor" floor
  [ -n "$hugo" ] && row "hugo --minify" hugo
  row "workbook, one chapter changed" warm1
  w=$(median workbook 1) f=$(median floor 1)
  echo "workbook/floor:  wall $(ratio "$w" "$f")  CPU $(ratio "$(median workbook 2)" "$(median floor 2)")  RSS $(ratio "$(median workbook 3)" "$(median floor 3)")"
  if [ -n "$hugo" ]; then
    h=$(median hugo 1)
    echo "workbook/hugo:   wall $(ratio "$w" "$h")  CPU $(ratio "$(median workbook 2)" "$(median hugo 2)")  RSS $(ratio "$(median workbook 3)" "$(median hugo 3)")"
  fi
done
