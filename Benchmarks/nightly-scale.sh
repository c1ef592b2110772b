#!/usr/bin/env bash
# End-to-end benchmark of `talentmatch nightly` at national scale, on a throwaway embedded
# PostgreSQL: generate the market into the database, then time the nightly run from snapshot
# to committed offers (phase seconds from the run's own summary, peak memory from time -v).
#
#   Benchmarks/nightly-scale.sh [CANDIDATES] [VACANCIES] [CHOICES] [OFFICES]   (default 1000000 100000 30 1)
#
# OFFICES 1 is one office (SYN) owning every post; more spreads the same posts and people over
# that many nested offices, each with its own policy, caps and floors (a market's night).
#
# Needs a release build: swift build -c release --product talentmatch [--scratch-path …]
# and BIN pointing at it if it is not .build/release/talentmatch.
set -euo pipefail
cd "$(dirname "$0")/.."
candidates=${1:-1000000}
vacancies=${2:-100000}
choices=${3:-30}
offices=${4:-1}
bin=${BIN:-.build/release/talentmatch}
home=$(mktemp -d /tmp/tm-bench-XXXXXX)
chmod 755 "$home"   # the postgres account must be able to enter it
export TALENTMATCH_HOME=$home TALENTMATCH_SCHEMA_DIR=$PWD/Schema
unset DATABASE_URL
trap '"$bin" db stop >/dev/null 2>&1 || true; rm -rf "$home"' EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "market: $candidates candidates, $vacancies vacancies, $choices choices, $offices office(s)"
"$bin" migrate >/dev/null
/usr/bin/time -f "generate: %e s wall, %M KB peak" "$bin" generate --candidates "$candidates" --posts "$vacancies" \
    --choices "$choices" --seed 42 --offices "$offices" 2>&1 | grep -v '^talentmatch: ranking entries' | tail -3
[ "$offices" = 1 ] && "$bin" policy create --office SYN >/dev/null
"$bin" offers expire >/dev/null
/usr/bin/time -f "nightly: %e s wall, %M KB peak" "$bin" nightly 2>&1 | grep -v '^  '"  "
