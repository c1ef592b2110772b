#!/usr/bin/env bash
# Load on the HTTP server as a crowd gives it (issue 13): a release `talentmatch serve` on the
# demo data in a throwaway PostgreSQL cluster, a candidate signed in, then `wrk` on each path
# and a table of requests/s, the ratio to /health's rate, p50 and p99, and non-2xx/3xx answers.
# Then a mixed load (every path at once, plus ranking saves) and the row count of every table
# before and after it. Everything it starts is stopped on exit.
#
#   Benchmarks/gateway-load.sh .build/release/talentmatch            # one binary
#   Benchmarks/gateway-load.sh OLD_BINARY NEW_BINARY                  # back to back, alternately
#   Benchmarks/gateway-load.sh OLD_BINARY@OLD_CHECKOUT/Schema NEW_BINARY  # each with its own migrations
#   DURATION=10s CONNECTIONS=32 THREADS=2 ROUNDS=2 Benchmarks/gateway-load.sh BIN...
#   SQL_LOG=1 ...   logs every statement with its duration (log_min_duration_statement=0) to
#                   the cluster's log, printed as a summary at the end (slows the server down)
#
# Needs wrk (Debian: apt-get install wrk), curl and PostgreSQL 15's server programs.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-1}"
[ "$#" -ge 1 ] || { echo "usage: $0 TALENTMATCH_BINARY [ANOTHER_BINARY ...]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "gateway-load: wrk is missing (apt-get install wrk)" >&2; exit 1; }

BINDIR="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -1)")"
WORK="$(mktemp -d /tmp/talentmatch-load-XXXXXX)"
RUNAS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; RUNAS=(runuser -u postgres --); fi
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=""
}
cleanup() {
    stop_server
    "${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

psql_() { psql -h "$WORK" -U postgres -d talentmatch -At "$@"; }

start_cluster() {
    local options="-c listen_addresses='' -c unix_socket_directories=$WORK -c fsync=off -c synchronous_commit=off"
    [ -n "${SQL_LOG:-}" ] && options="$options -c log_min_duration_statement=0 -c log_line_prefix='%m '"
    "${RUNAS[@]}" "$BINDIR/initdb" -D "$WORK/data" -A trust -U postgres -E UTF8 >/dev/null
    "${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w -o "$options" start >/dev/null
    "${RUNAS[@]}" "$BINDIR/createdb" -h "$WORK" -U postgres talentmatch
}

# Serves the demo data with one binary; sets BASE, COOKIE, TOKEN, POST, CSRF.
start_server() {
    local bin="$1" schema="$2"
    export DATABASE_URL="postgres://postgres@/talentmatch?host=$WORK" TALENTMATCH_SCHEMA_DIR="$schema"
    export TALENTMATCH_HOME="$WORK/home" TALENTMATCH_INSECURE_COOKIES=1
    "$bin" demo --no-serve > "$WORK/demo.txt" 2>&1
    TOKEN="$(sed -n 's/^ *centre token: *//p' "$WORK/demo.txt" | tail -1)"
    PORT=$((20000 + RANDOM % 30000))
    "$bin" serve --host 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
    SERVER_PID=$!
    BASE="http://127.0.0.1:$PORT"
    for _ in $(seq 1 300); do curl -fsS "$BASE/ready" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -fsS "$BASE/ready" >/dev/null
    # Sign the demo candidate in the way a browser does: the form, its token, the POST.
    local jar="$WORK/cookies.txt"
    rm -f "$jar"
    local token
    token="$(curl -fsS -c "$jar" -b "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
    curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
        --data-urlencode "contact=demo1@example.cn" --data-urlencode "password=bazhong-demo-2026" "$BASE/login"
    COOKIE="tm_session=$(awk '$6 == "tm_session" { print $7 }' "$jar" | tail -1)"
    CSRF="$(curl -fsS -b "$COOKIE" "$BASE/ranking" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
    POST="$(psql_ -c "SELECT min(id) FROM vacancies WHERE status = 'open'")"
    local status
    status="$(curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE" "$BASE/offer")"
    [ "$status" = 200 ] || { echo "gateway-load: the demo candidate is not signed in (/offer answered $status)" >&2; exit 1; }
}

# One path under wrk; prints "req/s p50 p99 errors".
measure() {
    local path="$1"; shift
    local out
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$BASE$path" 2>&1)"
    local rate p50 p99 non2xx errors
    rate="$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
    non2xx="$(awk '/Non-2xx or 3xx/ { print $NF }' <<<"$out")"
    errors="$(awk '/Socket errors/ { s = 0; for (i = 4; i <= NF; i += 2) s += $i; print s }' <<<"$out")"
    echo "${rate:-0} ${p50:--} ${p99:--} $(( ${non2xx:-0} + ${errors:-0} ))"
}

# Exact row counts of every table (count(*), not the statistics' estimate).
table_rows() {
    local table
    for table in $(psql_ -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
        echo "$table $(psql_ -c "SELECT count(*) FROM \"$table\"")"
    done
}

# Every path of one binary, then the mixed load; prints markdown.
run_binary() {
    local bin="${1%@*}" label="$2" schema="$PWD/Schema"
    [[ "$1" == *@* ]] && schema="${1#*@}"
    start_cluster_once
    start_server "$bin" "$schema"
    local paths=("/health" "/static/site.css" "/" "/posts" "/posts/$POST" "/api/v1/vacancies" "/offer" "/ranking")
    echo
    echo "### $label: \`$bin\` (migrations: \`$schema\`)"
    echo
    echo "| path | requests/s | of /health | p50 | p99 | errors |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    local health=""
    for path in "${paths[@]}"; do
        local extra=()
        case "$path" in
            /api/*) extra=(-H "Authorization: Bearer $TOKEN") ;;
            /offer|/ranking) extra=(-H "Cookie: $COOKIE") ;;
        esac
        read -r rate p50 p99 errors < <(measure "$path" "${extra[@]}")
        [ "$path" = "/health" ] && health="$rate"
        local share
        share="$(awk -v r="$rate" -v h="$health" 'BEGIN { printf "%.1f%%", (h > 0 ? 100 * r / h : 0) }')"
        echo "| \`${path/\/posts\/$POST//posts/ID}\` | $rate | $share | $p50 | $p99 | $errors |"
    done
    mixed "$label"
    stop_server
    "${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null
    rm -rf "$WORK/data" "$WORK/home"
    CLUSTER_STARTED=""
}

CLUSTER_STARTED=""
start_cluster_once() {
    [ -n "$CLUSTER_STARTED" ] && return
    start_cluster
    CLUSTER_STARTED=1
}

# All paths at once from one wrk (a Lua script picks a path per request); every tenth request
# is a ranking save, moving the signed-in candidate's second post up and then down again, so
# each one stores a new ranking version. Then the row count of every table that changed.
mixed() {
    local before after second
    before="$(table_rows)"
    second="$(psql_ -c "SELECT e.vacancy_id FROM current_rankings k JOIN ranking_entries e ON e.ranking_id = k.id
                        JOIN candidates c ON c.id = k.candidate_id WHERE c.contact = 'demo1@example.cn' AND e.rank = 2")"
    cat > "$WORK/mixed.lua" <<LUA
-- Visitors without a cookie (as a crowd arrives), the signed-in candidate, a centre's token.
local paths = {"/", "/posts", "/posts/$POST", "/offer", "/ranking", "/api/v1/vacancies", "/health"}
local visitor = {["/"] = true, ["/posts"] = true, ["/posts/$POST"] = true, ["/health"] = true}
local n = 0
local saves = 0
request = function()
    n = n + 1
    if n % 10 == 0 then
        saves = saves + 1
        local direction = (saves % 2 == 1) and "up" or "down"
        return wrk.format("POST", "/ranking/move", {["Cookie"] = "$COOKIE", ["Content-Type"] = "application/x-www-form-urlencoded"},
                          "_csrf=$CSRF&vacancy=$second&direction=" .. direction)
    end
    local path = paths[(n % #paths) + 1]
    local headers = {["Cookie"] = "$COOKIE"}
    if visitor[path] then headers = {} end
    if path:sub(1, 5) == "/api/" then headers = {["Authorization"] = "Bearer $TOKEN"} end
    return wrk.format("GET", path, headers)
end
LUA
    local out
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/mixed.lua" "$BASE" 2>&1)"
    after="$(table_rows)"
    echo
    echo "Mixed load (all paths, visitors without a cookie, every tenth request a ranking save of post $second):" \
        "$(awk '/^Requests\/sec/ { print $2 }' <<<"$out") requests/s, p99 $(awk '$1 == "99%" { print $2 }' <<<"$out")," \
        "non-2xx/3xx $(awk '/Non-2xx or 3xx/ { print $NF }' <<<"$out" | grep . || echo 0)$(awk '/Socket errors/ { print ", " $0 }' <<<"$out")"
    echo
    echo "Rows that changed under it (table: before → after, counted):"
    echo
    join <(sort <<<"$before") <(sort <<<"$after") | awk '$2 != $3 { printf "- %s: %s → %s\n", $1, $2, $3; changed = 1 } END { if (!changed) print "- none" }'
}

for round in $(seq 1 "$ROUNDS"); do
    for bin in "$@"; do
        run_binary "$bin" "round $round"
    done
done
if [ -n "${SQL_LOG:-}" ]; then
    echo
    echo "Slowest statements (log_min_duration_statement=0):"
    grep -o 'duration: [0-9.]* ms  [a-z]*[^:]*: .*' "$WORK/postgres.log" 2>/dev/null | sort -t' ' -k2 -rn | head -20 || true
fi
