#!/usr/bin/env bash
# The soak of issue #15: the packaged jar on the embedded PostgreSQL, claims posted at a steady rate (half the maximum
# that bench/load.sh measured) for 30 minutes, reported per 5-minute window: claims/s, p50, p99, answers other than
# 201 (5xx counted apart), the heap after a full GC, and the outbox's backlog. Not part of ./mvnw verify.
#
#   SOAK_RATE=80 bench/soak.sh              80 claims/s (required: half of the 16-client maximum of bench/load.sh)
#   SOAK_MINUTES=30 SOAK_WINDOW=300 SOAK_CLIENTS=16 SOAK_WARMUP=60 (seconds, at the same rate)
#   BENCH_JAVA_OPTS, BENCH_MAVEN_OPTS, BENCH_SKIP_BUILD, BENCH_OUT as for bench/load.sh
#
# Verdicts: the heap after GC at the end of each window within 10 % of the first window's; zero 5xx. Exit status 0
# whenever the soak ran; the PASS/FAIL lines say how it went.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

RATE=${SOAK_RATE:?set SOAK_RATE to half the claims/s that bench/load.sh measured at 16 clients}
MINUTES=${SOAK_MINUTES:-30}
WINDOW=${SOAK_WINDOW:-300}
CLIENTS=${SOAK_CLIENTS:-16}
WARMUP=${SOAK_WARMUP:-60}
THREADS=2
OUT=${BENCH_OUT:-target/bench/soak-$(date -u +%Y%m%dT%H%M%SZ)}
WINDOWS=$(( MINUTES * 60 / WINDOW ))

ensure_tools wrk:wrk curl:curl python3:python3 psql:postgresql-client jcmd:openjdk-17-jdk-headless
build_jar
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpilot-soak.XXXXXX")
cleanup() {
    local status=$?
    if [ -n "${SERVICE_PID_app:-}" ]; then stop_service "$SERVICE_PID_app" || true; fi
    stop_postmaster "$WORK/pg" || true
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
SUMMARY=$OUT/summary.md
: >"$SUMMARY"
report() { echo "$*" | tee -a "$SUMMARY"; }

start_service app "$OUT/service.log" "" -- -Dclaimpilot.embedded-postgres.data-dir="$WORK/pg" \
    -Dclaimpilot.session-key-file="$WORK/session.key"
wait_ready "$SERVICE_PID_app" "$MANAGEMENT_PORT_app" "$OUT/service.log"
URL=http://127.0.0.1:$SERVICE_PORT_app
PG_PORT=$(sed -n 's/.*Started the embedded PostgreSQL on port \([0-9]*\).*/\1/p' "$OUT/service.log" | head -1)
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
raise_budget "$SERVICE_PORT_app"

# paced_wrk SECONDS RUN_ID OUTPUT: RATE claims/s in all, shared by the wrk threads.
paced_wrk() {
    wrk -t "$THREADS" -c "$CLIENTS" -d "${1}s" --timeout "${BENCH_WRK_TIMEOUT:-10s}" -s bench/claims-paced.lua "$URL" \
        -- "$2" "${BENCH_SHOP_KEY:-demo-shop-key}" "$(awk -v r="$RATE" -v t="$THREADS" 'BEGIN { print r / t }')" \
        >"$3" 2>&1 || { cat "$3" >&2; exit 1; }
    grep '^RESULT ' "$3" || { echo "wrk printed no RESULT line:" >&2; cat "$3" >&2; exit 1; }
}
# heap_after_gc: MiB of heap in use right after a full collection.
heap_after_gc() {
    jcmd "$SERVICE_PID_app" GC.run >/dev/null
    jcmd "$SERVICE_PID_app" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 | awk '{ printf "%.1f", $1 / 1024 }'
}
server_errors() {   # 5xx in a RESULT line's statuses field ("503:2,409:1," or "none")
    tr ',' '\n' <<<"$(field statuses "$1")" | awk -F: '$1 >= 500 && $1 < 600 { n += $2 } END { print n + 0 }'
}

RUN=$(date -u +%s)
report "# bench/soak.sh, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
report ""
report "$RATE claims/s in all from $CLIENTS connections, $MINUTES min in windows of $WINDOW s, after $WARMUP s of warm-up; $(nproc) cores; JVM ${BENCH_JAVA_OPTS:--Xmx1g}"
log "warming up: $WARMUP s at $RATE claims/s"
paced_wrk "$WARMUP" "sw$RUN" "$OUT/wrk-warmup.txt" >/dev/null
report ""
report "| Window | Ends at (UTC) | Claims/s (201) | p50 | p90 | p99 | max | Other answers | 5xx | Heap after GC | Outbox not done | Load average after |"
report "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"
first_heap= ; max_drift=0 ; total_5xx=0 ; total_other=0
for window in $(seq 1 "$WINDOWS"); do
    log "window $window of $WINDOWS: $WINDOW s at $RATE claims/s"
    result=$(paced_wrk "$WINDOW" "s$window-$RUN" "$OUT/wrk-window-$window.txt")
    heap=$(heap_after_gc)
    backlog=$(sql "select count(*) from outbox where status in ('PENDING', 'IN_PROGRESS')")
    errors=$(server_errors "$result")
    total_5xx=$(( total_5xx + errors )); total_other=$(( total_other + $(field non201 "$result") ))
    [ -z "$first_heap" ] && first_heap=$heap
    max_drift=$(awk -v f="$first_heap" -v h="$heap" -v m="$max_drift" 'BEGIN { d = (h - f) / f * 100; if (d < 0) d = -d; print (d > m ? d : m) }')
    report "| $window | $(date -u +%H:%M:%S) | $(field claims_per_s "$result") | $(field p50_ms "$result") ms | $(field p90_ms "$result") ms | $(field p99_ms "$result") ms | $(field max_ms "$result") ms | $(field statuses "$result") | $errors | $heap MiB | $backlog | $(load_average) |"
done
report ""
report "Heap after GC: $first_heap MiB after the first window; the furthest any later window was from it: $(printf '%.1f' "$max_drift") %."
report "$(awk -v d="$max_drift" 'BEGIN { print (d <= 10 ? "PASS" : "FAIL") }'): heap after GC flat, within 10 %"
report "$([ "$total_5xx" = 0 ] && echo PASS || echo FAIL): zero 5xx (measured $total_5xx; answers other than 201 in all: $total_other)"
report ""
report "Command: \`SOAK_RATE=$RATE SOAK_MINUTES=$MINUTES SOAK_WINDOW=$WINDOW SOAK_CLIENTS=$CLIENTS bench/soak.sh\`; logs and results in $OUT"
