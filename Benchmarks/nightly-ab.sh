#!/usr/bin/env bash
# Two builds' first nights on one national market, back to back: A B A B …, the market reset
# to its first night before each run (Benchmarks/nightly-reset.sql), so both read the same
# database and must give the same snapshot hash and offers.
#
#   Benchmarks/nightly-ab.sh BIN_A BIN_B [RUNS] [CANDIDATES] [VACANCIES] [CHOICES]
#
# Defaults: 3 runs each, 1000000 × 100000 × 30. Generates the market once with BIN_A into a
# throwaway home (about 11 minutes at 1M), then prints one line per run: which build, wall
# seconds, peak KB, the phase seconds from the run's own summary, the hash and the offers.
# Set AB_HOME to a prepared home (a market already generated there) to skip the generation.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_a=$(realpath "$1"); bin_b=$(realpath "$2")
runs=${3:-3}; candidates=${4:-1000000}; vacancies=${5:-100000}; choices=${6:-30}
export TALENTMATCH_SCHEMA_DIR=$PWD/Schema
unset DATABASE_URL
if [ -n "${AB_HOME:-}" ]; then
    export TALENTMATCH_HOME=$AB_HOME
else
    home=$(mktemp -d /tmp/tm-ab-XXXXXX); chmod 755 "$home"
    export TALENTMATCH_HOME=$home
    trap '"$bin_a" db stop >/dev/null 2>&1 || true; rm -rf "$home"' EXIT
    "$bin_a" migrate >/dev/null
    "$bin_a" generate --candidates "$candidates" --posts "$vacancies" --choices "$choices" --seed 42 2>/dev/null | tail -1
    "$bin_a" policy create --office SYN >/dev/null
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
url=$("$bin_a" db url)
for run in $(seq 1 "$runs"); do
    for side in A B; do
        bin=$bin_a; [ "$side" = B ] && bin=$bin_b
        psql -q "$url" -f Benchmarks/nightly-reset.sql >/dev/null
        out=$(/usr/bin/time -f "TIME %e %M" "$bin" nightly --office SYN --date 2026-11-21 2>&1)
        wall=$(echo "$out" | awk '/^TIME/ {print $2}'); peak=$(echo "$out" | awk '/^TIME/ {print $3}')
        offers=$(echo "$out" | sed -n 's/.*: \([0-9]*\) offers released.*/\1/p')
        hash=$(echo "$out" | sed -n 's/.*snapshot \([0-9a-f]*\)….*/\1/p')
        phases=$(psql -At "$url" -c \
            "SELECT string_agg(key || ' ' || round(value::numeric, 2), ', ' ORDER BY key) FROM match_runs, jsonb_each_text(summary -> 'phaseSeconds') WHERE status = 'committed'")
        echo "$side run $run: ${wall} s wall, ${peak} KB peak, ${offers} offers, snapshot ${hash} | ${phases} | load $(cut -d' ' -f1 /proc/loadavg)"
    done
done
