#!/usr/bin/env bash
# The staff console at national scale (issue 15: every console page under 100 ms at p99 for an
# office with 100,000 vacancies and a 1,000,000-candidate night). On a throwaway embedded
# PostgreSQL: generate the market into the database (one office, SYN, owning every post), run
# and commit its night, invite an office admin and complete the link over HTTP (password, TOTP
# enrolment, recovery codes) as a browser would, then a release `talentmatch serve` with its
# production cookie settings and `wrk` on each console page with that admin's session cookie.
# Prints a markdown table: path, requests/s, p50, p99, non-2xx (plus socket errors).
#
#   Benchmarks/console-load.sh [CANDIDATES] [VACANCIES] [CHOICES]     (default 1000000 100000 30)
#   BIN=...            the binary (default .build/release/talentmatch)
#   DURATION=10s CONNECTIONS=8 THREADS=2     wrk's settings
#   KEEP=1             keep the generated cluster and print its folder (generation takes ~15 min)
#   REUSE=DIR          measure again on a folder kept by KEEP=1 (no generation, no night)
#   TALENTMATCH_NOTIFY=false   the server leaves the outbox alone (else it delivers the night's
#                      release messages, ~300,000 at 1M, while it is measured)
#   SQL_LOG=1          log every statement with its duration (log_min_duration_statement=0) and
#                      print each page's slowest statements after the table (slows the server)
#
# Needs a release build (swift build -c release --product talentmatch), wrk (Debian: apt-get
# install wrk), curl, python3 and psql. Installs nothing. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
candidates=${1:-1000000}
vacancies=${2:-100000}
choices=${3:-30}
bin=${BIN:-.build/release/talentmatch}
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
missing=""
for tool in wrk curl python3 psql; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
[ -x "$bin" ] || missing="$missing $bin"
[ -z "$missing" ] || { echo "console-load: missing:$missing (wrk: apt-get install wrk; the binary: swift build -c release --product talentmatch)" >&2; exit 1; }

if [ -n "${REUSE:-}" ]; then home=$REUSE; else home=$(mktemp -d /tmp/tm-console-XXXXXX); fi
chmod 755 "$home"   # the postgres account must be able to enter it
export TALENTMATCH_HOME=$home TALENTMATCH_SCHEMA_DIR=$PWD/Schema
unset DATABASE_URL TALENTMATCH_INSECURE_COOKIES
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    "$bin" db stop >/dev/null 2>&1 || true
    if [ -n "${KEEP:-}${REUSE:-}" ]; then echo "console-load: the cluster is kept in $home (REUSE=$home to measure again)" >&2
    else rm -rf "$home"; fi
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GB"
if [ -z "${REUSE:-}" ]; then
    echo "market: $candidates candidates, $vacancies vacancies, $choices choices, one office (SYN)"
    "$bin" migrate >/dev/null 2>&1
    /usr/bin/time -f "generate: %e s wall, %M KB peak" "$bin" generate --candidates "$candidates" --posts "$vacancies" \
        --choices "$choices" --seed 42 --offices 1 2>&1 | grep -v '^talentmatch: ranking entries' | tail -3
    "$bin" policy create --office SYN >/dev/null
    "$bin" offers expire >/dev/null
    /usr/bin/time -f "nightly: %e s wall, %M KB peak" "$bin" nightly 2>&1 | grep -v '^    ' | tail -8
else
    "$bin" db start >/dev/null
fi
psql_() { psql "$("$bin" db url)" -At "$@"; }
if [ -n "${SQL_LOG:-}" ]; then
    psql_ -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
fi

PORT=$((20000 + RANDOM % 30000))
BASE="http://127.0.0.1:$PORT"
# A new admin each time (a reused cluster keeps the old ones): the login must be unique.
login="bench-admin-$(date +%s)"
password="console-load-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
"$bin" staff invite --office SYN --role office_admin --name "Bench admin" --login "$login" --base-url "$BASE" > "$home/invite.txt" 2>&1
link="$(grep -o 'http[^ ]*/console/invitation/[^ ]*' "$home/invite.txt" | head -1)"
[ -n "$link" ] || { echo "console-load: no invitation link from staff invite:" >&2; cat "$home/invite.txt" >&2; exit 1; }

# serve reads candidates' ID numbers, so it needs a key file; a throwaway one for the throwaway cluster.
[ -f "$home/id-number-keys" ] || "$bin" keys generate --output "$home/id-number-keys" >/dev/null
export TALENTMATCH_ID_NUMBER_KEYS_FILE="$home/id-number-keys"
"$bin" serve --host 127.0.0.1 --port "$PORT" > "$home/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -fsS "$BASE/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$BASE/ready" >/dev/null
COOKIE="$(python3 Benchmarks/console-enrol.py "$link" "$password")"

RUN="$(psql_ -c "SELECT max(id) FROM match_runs WHERE status = 'committed'")"
# The console shows an office the posts in its own area (VacancyScope: region prefix), and the
# generator's one office (SYN, Sichuan) owns centres in every province: so the post's page is
# measured on one of SYN's posts in Sichuan, the first the office's list shows.
in_area="FROM vacancies v JOIN offices o ON o.code = 'SYN' JOIN regions r ON r.code = o.region_code WHERE v.region_code LIKE r.prefix || '%'"
POST="$(psql_ -c "SELECT min(v.id) $in_area")"
echo "run $RUN, post $POST; office SYN: $(psql_ -c "SELECT count(*) FROM vacancies") vacancies ($(psql_ -c "SELECT count(*) $in_area") in its area)," \
     "$(psql_ -c "SELECT count(*) FROM offers WHERE run_id = $RUN") offers in the run," \
     "$(psql_ -c "SELECT count(*) FROM candidates") candidates"

paths=(/console /console/posts "/console/posts/$POST" /console/policy /console/runs "/console/runs/$RUN"
       "/console/runs/$RUN/map" "/console/runs/$RUN/parity" "/console/runs/$RUN/charts/fill-by-region.csv"
       /console/reviews /console/audit /console/staff)

# Each page must answer 200 to the admin's cookie (a 303 to the sign-in would measure nothing);
# one that does not is named and left out of the table.
measured=()
for path in "${paths[@]}"; do
    read -r status size < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -H "Cookie: $COOKIE" "$BASE$path")
    echo "curl $path: $status, $size bytes"
    if [ "$status" = 200 ]; then measured+=("$path"); else echo "console-load: $path answered $status, not 200: not measured" >&2; fi
done

# One path under wrk; prints "req/s p50 p99 non-2xx+errors".
measure() {
    local out rate p50 p99 non2xx errors
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" "$BASE$1" 2>&1)"
    rate="$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    non2xx="$(awk '/Non-2xx or 3xx/ { print $NF }' <<<"$out")"
    errors="$(awk '/Socket errors/ { s = 0; for (i = 4; i <= NF; i += 2) s += $i; print s }' <<<"$out")"
    echo "${rate:-0} ${p50:--} ${p99:--} $(( ${non2xx:-0} + ${errors:-0} ))"
}

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, one path at a time:"
echo
echo "| path | requests/s | p50 | p99 | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: |"
sqllog="$(find "$home" -name server.log | head -1)"
slowest=""
for path in "${measured[@]}"; do
    from=0
    [ -n "$sqllog" ] && from=$(stat -c %s "$sqllog")
    read -r rate p50 p99 bad < <(measure "$path")
    shown="${path//\/$RUN//ID}"
    shown="${shown/\/posts\/$POST//posts/ID}"
    echo "| \`$shown\` | $rate | $p50 | $p99 | $bad |"
    if [ -n "${SQL_LOG:-}" ]; then
        # This page's three slowest distinct statements, by their longest duration under load.
        slowest+=$'\n'"$shown:"$'\n'"$(tail -c +"$((from + 1))" "$sqllog" | grep -o 'duration: [0-9.]* ms  [a-z]* [^:]*: .*' \
            | sort -t' ' -k2 -rn | awk '!seen[substr($0, index($0, " ms ") + 4, 160)]++' | head -3 | cut -c1-400)"
    fi
done

if [ -n "${SQL_LOG:-}" ]; then
    psql_ -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
    echo
    echo "Each page's slowest statements under load (log_min_duration_statement=0):"
    echo "$slowest"
fi
