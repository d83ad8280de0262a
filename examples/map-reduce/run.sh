#!/usr/bin/env bash
# A map-reduce with the journeymap CLI: split an event log by customer,
# compute each part's partial result in parallel, merge them, and check the
# report equals, byte for byte, the one of the whole log analysed at once.
#
#   examples/map-reduce/run.sh MAP LOG.csv [PARTS] [analyze options...]
#   examples/map-reduce/run.sh schema/examples/coffee-maker.json \
#       schema/examples/coffee-maker-events.csv 4 --window 30d
#
# JOURNEYMAP names the binary (default: journeymap on the PATH). On a
# cluster, each part would be a file of its own machine and only the small
# .jmp partials travel.
set -euo pipefail

map="$1"
log="$2"
parts="${3:-4}"
shift $(( $# < 3 ? $# : 3 ))
journeymap="${JOURNEYMAP:-journeymap}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Split by customer (the first column): every customer's events land in one
# part, whatever their order in the log. The header goes to every part.
awk -F, -v parts="$parts" -v dir="$work" '
    NR == 1 { for (i = 0; i < parts; i++) print > (dir "/part-" i ".csv"); next }
    {
        h = 0
        for (i = 1; i <= length($1); i++) h = (h * 31 + index("0123456789abcdefghijklmnopqrstuvwxyz-_.@ABCDEFGHIJKLMNOPQRSTUVWXYZ", substr($1, i, 1))) % 1000003
        print > (dir "/part-" (h % parts) ".csv")
    }' "$log"

# Map: one partial per part, in parallel.
ls "$work"/part-*.csv | xargs -P "$(nproc)" -I{} "$journeymap" analyze "$map" {} "$@" --partial -o {}.jmp

# Reduce: merge the partials into the report.
"$journeymap" merge "$map" "$work"/part-*.csv.jmp -f json -o "$work/merged.json"

# The whole log at once, for comparison.
"$journeymap" analyze "$map" "$log" "$@" -f json -o "$work/whole.json"
cmp "$work/merged.json" "$work/whole.json"
echo "map-reduce over $parts parts: the merged report equals the whole log's ($(wc -c < "$work/merged.json") bytes)"
