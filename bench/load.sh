#!/usr/bin/env bash
# The service under load (issue #15), in one command: the packaged jar in the demo profile on a fresh embedded
# PostgreSQL, loopback only, against PostgreSQL's own pgbench on that same server. Not part of ./mvnw verify.
#
#   bench/load.sh                        build, then everything below (about 8 minutes, more if the outbox lags)
#   BENCH_SKIP_BUILD=1 bench/load.sh     reuse target/quarkus-app/quarkus-run.jar
#   BENCH_PROFILE=1 bench/load.sh        also record JFR during the last (16-client) run and draw its flame graph
#
# Steps: raise the EUR daily budget (so refunds are decided automatically), warm up, post unique cancelled-order
# claims of 42.00 EUR with wrk at 1, 4 and 16 clients (only 201 counts as a claim), wait for the outbox; pgbench
# inserting one ~1 KB jsonb row per transaction at 1, 4 and 16 clients; then the drain check: 60 s at 16 clients,
# the time until every outbox action is DONE, and commits and inserted rows per claim over that run.
# Prints markdown tables ready for docs/benchmarks.md, and writes them with the logs to BENCH_OUT.
#
# Settings (environment):
#   BENCH_CLIENTS="1 4 16"  BENCH_DURATION=30  BENCH_WARMUP=20 (seconds, at 4 clients)
#   BENCH_PGBENCH=1  BENCH_DRAIN=1  BENCH_DRAIN_SECONDS=60  BENCH_DRAIN_CLIENTS=16  BENCH_DRAIN_LIMIT=30
#   BENCH_DRAIN_MAX_WAIT=900 (give up waiting for the outbox after this many seconds)
#   BENCH_JAVA_OPTS="-Xmx1g"  BENCH_OUT=target/bench/<time>  BENCH_WRK_THREADS=2  BENCH_WRK_TIMEOUT=10s  BENCH_SKIP_BUILD=0
#   BENCH_MAVEN_OPTS (added to the build, e.g. -o to build offline)
#   BENCH_MAX_DUE_ACTIONS=0 (intake's backpressure bound, claimpilot.intake.max-due-actions; 0: off)
# Exit status 0 whenever the benchmark ran, targets met or not: the FAIL/PASS lines say which.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

CLIENTS=${BENCH_CLIENTS:-1 4 16}
DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-20}
DRAIN_SECONDS=${BENCH_DRAIN_SECONDS:-60}
DRAIN_CLIENTS=${BENCH_DRAIN_CLIENTS:-16}
DRAIN_LIMIT=${BENCH_DRAIN_LIMIT:-30}
DRAIN_MAX_WAIT=${BENCH_DRAIN_MAX_WAIT:-900}
PROFILE=${BENCH_PROFILE:-0}
OUT=${BENCH_OUT:-target/bench/$(date -u +%Y%m%dT%H%M%SZ)}
LAST_CLIENTS=$(tr ' ' '\n' <<<"$CLIENTS" | grep . | tail -1)

tools=(wrk:wrk curl:curl python3:python3)
[ "${BENCH_PGBENCH:-1}" = 1 ] && tools+=(pgbench:postgresql-client)
tools+=(psql:postgresql-client)
[ "$PROFILE" = 1 ] && tools+=(jcmd:openjdk-17-jdk-headless jfr:openjdk-17-jdk-headless)
ensure_tools "${tools[@]}"
build_jar

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpilot-bench.XXXXXX")
SERVICE_LOG=$OUT/service.log
cleanup() {
    local status=$?
    # Each step may fail here (set -e is on): the rest must still run.
    if [ -n "${sampler:-}" ]; then kill "$sampler" 2>/dev/null || true; fi
    if [ -n "${SERVICE_PID_app:-}" ]; then stop_service "$SERVICE_PID_app" || true; fi
    stop_postmaster "$WORK/pg" || true
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SUMMARY=$OUT/summary.md
: >"$SUMMARY"
report() { echo "$*" | tee -a "$SUMMARY"; }

report "# bench/load.sh, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
report ""
report "Machine: $(nproc) cores, $(free -m | awk '/^Mem:/ { print $2 }') MiB; $(java -version 2>&1 | head -1); JVM options: ${BENCH_JAVA_OPTS:--Xmx1g}"
report "$(note_load 'the start')"

# Backpressure off by default (BENCH_MAX_DUE_ACTIONS): this measures how fast claims are taken and how long their
# backlog then takes to drain, which refusing claims past the bound would hide.
jvm_extra=(-Dclaimpilot.embedded-postgres.data-dir="$WORK/pg" -Dclaimpilot.session-key-file="$WORK/session.key"
    -Dclaimpilot.intake.max-due-actions="${BENCH_MAX_DUE_ACTIONS:-0}")
[ "$PROFILE" = 1 ] && jvm_extra+=(-XX:FlightRecorderOptions:stackdepth=256)
log "starting the service on a fresh data folder ($WORK/pg)"
start_service app "$SERVICE_LOG" "" -- "${jvm_extra[@]}"
wait_ready "$SERVICE_PID_app" "$MANAGEMENT_PORT_app" "$SERVICE_LOG"
URL=http://127.0.0.1:$SERVICE_PORT_app
PG_PORT=$(sed -n 's/.*Started the embedded PostgreSQL on port \([0-9]*\).*/\1/p' "$SERVICE_LOG" | head -1)
[ -n "$PG_PORT" ] || { echo "No 'Started the embedded PostgreSQL on port' line in $SERVICE_LOG" >&2; exit 1; }
PG_PID=$(head -1 "$WORK/pg/postmaster.pid")
log "service on $URL, its PostgreSQL on port $PG_PORT (pid $PG_PID)"
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${SQL_DATABASE:-postgres}" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

raise_budget "$SERVICE_PORT_app"
RUN=$(date -u +%s)

log "warming up: ${WARMUP} s at 4 clients"
run_wrk 4 "$WARMUP" "w$RUN" "$URL" "$OUT/wrk-warmup.txt" >/dev/null

# outbox_counts: "<not yet settled> <done> <failed or superseded>" over the whole outbox.
outbox_counts() {
    sql "select count(*) filter (where status in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION')) || ' '
                || count(*) filter (where status = 'DONE') || ' '
                || count(*) filter (where status not in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION', 'DONE'))
         from outbox"
}
# wait_for_outbox MAX_SECONDS: polls every 0.5 s until no action is left to run; prints "<seconds> <counts> <polls>":
# each poll is one committed transaction in the service's database.
wait_for_outbox() {
    local start counts now POLLS=0
    start=$(date +%s.%N)
    while :; do
        counts=$(outbox_counts); POLLS=$((POLLS + 1))
        now=$(date +%s.%N)
        if [ "${counts%% *}" = 0 ] || awk -v s="$start" -v n="$now" -v m="$1" 'BEGIN { exit !(n - s > m) }'; then
            awk -v s="$start" -v n="$now" -v c="$counts" -v p="$POLLS" 'BEGIN { printf "%.1f %s %d\n", n - s, c, p }'
            return
        fi
        sleep 0.5
    done
}

# sample_activity FILE: every 0.5 s, what each of the service's busy PostgreSQL sessions is doing, one line each:
# "state | wait event (or running) | query". Connects to template1, so its own transactions are not the service's.
sample_activity() {
    while :; do
        echo "#sample" >>"$1"
        SQL_DATABASE=template1 sql "select state || ' | ' || coalesce(wait_event_type || ':' || wait_event, 'running') || ' | '
                || left(regexp_replace(query, '\s+', ' ', 'g'), 70)
            from pg_stat_activity where datname = 'postgres' and backend_type = 'client backend' and state <> 'idle'
              and pid <> pg_backend_pid()" >>"$1" 2>/dev/null || true
        sleep 0.5
    done
}

declare -A SERVICE_RESULT SERVICE_CPU PG_CPU LOAD_AFTER PGBENCH_RESULT BACKLOG_WAIT
for clients in $CLIENTS; do
    # Each row starts from an empty outbox: the dispatcher catching up on the previous row's claims would otherwise
    # take CPU from this one. The wait is reported; with an outbox that keeps pace it is about 0 s.
    read -r "BACKLOG_WAIT[$clients]" _ <<<"$(wait_for_outbox "$DRAIN_MAX_WAIT")"
    report "$(note_load "the service at $clients clients") (outbox emptied in ${BACKLOG_WAIT[$clients]} s)"
    if [ "$PROFILE" = 1 ] && [ "$clients" = "$LAST_CLIENTS" ]; then
        jcmd "$SERVICE_PID_app" JFR.start name=bench settings=profile filename="$OUT/service-$clients-clients.jfr" >/dev/null
    fi
    cpu_service_before=$(cpu_seconds "$SERVICE_PID_app"); cpu_pg_before=$(cpu_seconds "$PG_PID")
    log "service: $clients clients for $DURATION s"
    sampler=
    if [ "$clients" = "$LAST_CLIENTS" ]; then
        sample_activity "$OUT/activity-$clients-clients.txt" & sampler=$!
    fi
    SERVICE_RESULT[$clients]=$(run_wrk "$clients" "$DURATION" "c$clients-$RUN" "$URL" "$OUT/wrk-$clients-clients.txt")
    if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=; fi
    SERVICE_CPU[$clients]=$(awk -v a="$cpu_service_before" -v b="$(cpu_seconds "$SERVICE_PID_app")" 'BEGIN { printf "%.1f", b - a }')
    PG_CPU[$clients]=$(awk -v a="$cpu_pg_before" -v b="$(cpu_seconds "$PG_PID")" 'BEGIN { printf "%.1f", b - a }')
    LOAD_AFTER[$clients]=$(load_average)
    if [ "$PROFILE" = 1 ] && [ "$clients" = "$LAST_CLIENTS" ]; then
        jcmd "$SERVICE_PID_app" JFR.stop name=bench >/dev/null
    fi
    log "${SERVICE_RESULT[$clients]}"
done

if [ "${BENCH_PGBENCH:-1}" = 1 ] || [ "${BENCH_DRAIN:-1}" = 1 ]; then
    log "waiting for the outbox to catch up (at most $DRAIN_MAX_WAIT s)"
    read -r backlog_seconds backlog_left _ <<<"$(wait_for_outbox "$DRAIN_MAX_WAIT")"
fi

if [ "${BENCH_PGBENCH:-1}" = 1 ]; then
    sql "create database bench_pgbench" >/dev/null
    SQL_DATABASE=bench_pgbench sql "create table bench_jsonb (id bigserial primary key, doc jsonb not null)"
    # One ~1 KB jsonb document per transaction, shaped like a claim; :n makes each one different.
    cat >"$WORK/insert-jsonb.sql" <<'SQL'
\set n random(1, 2000000000)
insert into bench_jsonb (doc) values ('{"externalId": "pgbench-:n", "orderId": "order-:n", "reason": "ORDER_CANCELLED_BEFORE_SHIPMENT", "customer": {"id": "customer-:n", "email": "customer-:n@example.com", "locale": "en", "name": "A customer of the benchmark"}, "amount": {"amount": "42.00", "currency": "EUR"}, "items": [{"sku": "BENCH-MUG", "quantity": 1, "unitPrice": {"amount": "42.00", "currency": "EUR"}, "taxRate": "20.0"}], "taxIncluded": true, "order": {"fulfillment": "UNFULFILLED", "totalPaid": {"amount": "42.00", "currency": "EUR"}, "paymentReference": "pi_:n", "placedAt": "2026-11-20T10:00:00Z", "shippedAt": null, "trackingStatus": "UNKNOWN"}, "evidence": [], "decision": {"action": "REFUND", "amount": {"amount": "42.00", "currency": "EUR"}, "rulesFired": ["Cancelled before shipment, up to the cap: refund"], "reasons": ["Cancelled before shipment, within the 150.00 EUR automatic refund cap"], "messageKey": "refund-issued", "padding": "................................................................................................................................................"}}');
SQL
    for clients in $CLIENTS; do
        report "$(note_load "pgbench at $clients clients")"
        threads=$(( clients < 2 ? clients : 2 ))
        rm -f "$WORK"/pgbench-log*
        log "pgbench: $clients clients for $DURATION s"
        (cd "$WORK" && pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -f insert-jsonb.sql -c "$clients" -j "$threads" \
            -T "$DURATION" -l --log-prefix=pgbench-log bench_pgbench) >"$OUT/pgbench-$clients-clients.txt" 2>&1 \
            || { cat "$OUT/pgbench-$clients-clients.txt" >&2; exit 1; }
        tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-$clients-clients.txt" | head -1)
        # Per-transaction log: the third column is the latency in microseconds.
        percentiles=$(cat "$WORK"/pgbench-log* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 }
            END { p50 = v[int(NR * 0.50) > 0 ? int(NR * 0.50) : 1]; p99 = v[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1];
                  printf "%.2f %.2f", p50 / 1000, p99 / 1000 }')
        PGBENCH_RESULT[$clients]="$tps $percentiles"
        log "pgbench $clients clients: tps=$tps p50/p99 ms=$percentiles"
    done
fi

if [ "${BENCH_DRAIN:-1}" = 1 ]; then
    log "waiting for the outbox again before the drain check"
    wait_for_outbox "$DRAIN_MAX_WAIT" >/dev/null
    report "$(note_load "the drain check")"
    stats_query="select xact_commit || ' ' || tup_inserted || ' ' || (select count(*) from claim)
                 from pg_stat_database where datname = 'postgres'"
    tables_query="select relname || ' ' || n_tup_ins || ' ' || n_tup_upd from pg_stat_user_tables "
    read -r commits_before inserted_before claims_before <<<"$(sql "$stats_query")"
    sql "$tables_query" | LC_ALL=C sort >"$WORK/tables-before.txt"
    log "drain check: $DRAIN_CLIENTS clients for $DRAIN_SECONDS s"
    DRAIN_RESULT=$(run_wrk "$DRAIN_CLIENTS" "$DRAIN_SECONDS" "d$RUN" "$URL" "$OUT/wrk-drain.txt")
    log "$DRAIN_RESULT"
    read -r drain_seconds drain_left drain_done drain_other drain_polls <<<"$(wait_for_outbox "$DRAIN_MAX_WAIT")"
    sleep 2   # the statistics collector receives a backend's counts up to half a second after its commit
    read -r commits_after inserted_after claims_after <<<"$(sql "$stats_query")"
    sql "$tables_query" | LC_ALL=C sort >"$WORK/tables-after.txt"
    drain_created=$(field created "$DRAIN_RESULT")
    # Our own polls, the first statistics read (it commits after reading) and the first per-table read are
    # transactions too: not the service's.
    own=$((drain_polls + 2))
fi

# ---------------------------------------------------------------------------------------------------- the report
report ""
report "### The service: claims posted with wrk (\`bench/claims.lua\`), ${DURATION} s per row"
report ""
report "| Clients | Claims/s (201) | p50 | p90 | p99 | max | 201s | other answers | CPU s: service JVM | CPU s: PostgreSQL | load after | outbox emptied before, s |"
report "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |"
for clients in $CLIENTS; do
    r=${SERVICE_RESULT[$clients]}
    other="$(field non201 "$r")"
    [ "$other" != 0 ] && other="$other ($(field statuses "$r" | sed 's/,$//'))"
    [ "$(field socket_errors "$r")" != 0 ] && other="$other, socket errors $(field socket_errors "$r")"
    report "| $clients | $(field claims_per_s "$r") | $(field p50_ms "$r") ms | $(field p90_ms "$r") ms | $(field p99_ms "$r") ms | $(field max_ms "$r") ms | $(field created "$r") | $other | ${SERVICE_CPU[$clients]} | ${PG_CPU[$clients]} | ${LOAD_AFTER[$clients]} | ${BACKLOG_WAIT[$clients]} |"
done
if [ -n "${backlog_seconds:-}" ]; then
    report ""
    report "After these runs the outbox needed ${backlog_seconds} s to catch up (${backlog_left} actions still to run when the wait ended)."
fi
activity=$OUT/activity-$LAST_CLIENTS-clients.txt
if [ -s "$activity" ]; then
    samples=$(grep -c '^#sample' "$activity")
    report ""
    report "### What the service's PostgreSQL sessions were doing at $LAST_CLIENTS clients ($samples samples of \`pg_stat_activity\`, every 0.5 s)"
    report ""
    report "| State | Wait event | Sessions on average | Most frequent statement |"
    report "| --- | --- | ---: | --- |"
    grep -v '^#sample' "$activity" | awk -F ' [|] ' -v n="$samples" '
        { key = $1 " | " $2; count[key]++; seen[key, $3]++; if (seen[key, $3] > best[key]) { best[key] = seen[key, $3]; query[key] = $3 } }
        END { for (k in count) { split(k, part, " [|] "); printf "%d\t| %s | %s | %.1f | `%s` |\n", count[k], part[1], part[2], count[k] / n, query[k] } }' \
        | sort -rn | head -8 | cut -f2- | while IFS= read -r row; do report "$row"; done
fi

if [ "${BENCH_PGBENCH:-1}" = 1 ]; then
    report ""
    report "### pgbench on the same PostgreSQL: one ~1 KB jsonb row inserted per transaction, ${DURATION} s per row"
    report ""
    report "| Clients | Transactions/s | p50 | p99 | Service claims/s | Service / pgbench |"
    report "| ---: | ---: | ---: | ---: | ---: | ---: |"
    for clients in $CLIENTS; do
        read -r tps p50 p99 <<<"${PGBENCH_RESULT[$clients]}"
        claims=$(field claims_per_s "${SERVICE_RESULT[$clients]}")
        ratio=$(awk -v c="$claims" -v t="$tps" 'BEGIN { printf "%.2f %%", (t > 0) ? 100 * c / t : 0 }')
        report "| $clients | $(printf '%.0f' "$tps") | $p50 ms | $p99 ms | $claims | $ratio |"
    done
fi

if [ "${BENCH_DRAIN:-1}" = 1 ]; then
    commits=$((commits_after - commits_before - own))
    inserted=$((inserted_after - inserted_before))
    per_claim() { awk -v a="$1" -v c="$drain_created" 'BEGIN { printf "%.1f", (c > 0) ? a / c : 0 }'; }
    per_stored() { awk -v a="$1" -v c="$((claims_after - claims_before))" 'BEGIN { printf "%.1f", (c > 0) ? a / c : 0 }'; }
    report ""
    report "### Drain check: ${DRAIN_SECONDS} s at ${DRAIN_CLIENTS} clients, then until the outbox is empty"
    report ""
    report "| Claims (201) | Claims stored | Claims/s | p50 | p99 | Drain after the load stopped | Actions DONE (whole outbox) | Not DONE | Commits | Commits per claim | Rows inserted | Rows per claim |"
    report "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    report "| $drain_created | $((claims_after - claims_before)) | $(field claims_per_s "$DRAIN_RESULT") | $(field p50_ms "$DRAIN_RESULT") ms | $(field p99_ms "$DRAIN_RESULT") ms | ${drain_seconds} s | $drain_done | $((drain_left + drain_other)) | $commits | $(per_claim "$commits") ($(per_stored "$commits") per stored claim) | $inserted | $(per_claim "$inserted") ($(per_stored "$inserted")) |"
    report ""
    report ""
    report "Rows inserted and updated per claim, by table, over the same window (\`pg_stat_user_tables\`):"
    report ""
    report "| Table | Inserted per claim | Updated per claim |"
    report "| --- | ---: | ---: |"
    LC_ALL=C join "$WORK/tables-before.txt" "$WORK/tables-after.txt" | awk -v c="$drain_created" '
        { ins = $4 - $2; upd = $5 - $3; if (ins + upd > 0 && c > 0) printf "%d\t| %s | %.2f | %.2f |\n", ins + upd, $1, ins / c, upd / c }' \
        | sort -rn | cut -f2- | while IFS= read -r row; do report "$row"; done
    report ""
    report "Per claim means per \`201\`. \"Claims stored\" also counts the requests still in flight when wrk stopped (up to one per client), which the service finished but wrk no longer counted."
    report "Commits and rows are the deltas of \`pg_stat_database\` (\`xact_commit\`, \`tup_inserted\`) of the service's database from the start of the run to the empty outbox, the dispatcher's work included, less this script's own $own queries."
fi

# ---------------------------------------------------------------------------------------------------- the targets
report ""
report "### Targets (issue #15)"
verdict() { if awk "BEGIN { exit !($1) }"; then report "PASS: $2"; else report "FAIL: $2"; fi; }
if [ -n "${SERVICE_RESULT[16]:-}" ]; then
    verdict "$(field claims_per_s "${SERVICE_RESULT[16]}") >= 1000" "at least 1,000 claims/s at 16 clients (measured $(field claims_per_s "${SERVICE_RESULT[16]}"))"
    verdict "$(field p99_ms "${SERVICE_RESULT[16]}") <= 50" "p99 at most 50 ms at 16 clients (measured $(field p99_ms "${SERVICE_RESULT[16]}") ms)"
fi
if [ "${BENCH_DRAIN:-1}" = 1 ]; then
    verdict "$drain_left == 0 && $drain_other == 0 && $drain_seconds <= $DRAIN_LIMIT" \
        "every outbox action DONE within $DRAIN_LIMIT s of the load stopping (took ${drain_seconds} s; $drain_left still to run, $drain_other failed or superseded)"
    verdict "$(per_claim "$commits") <= 4" "at most 4 commits per claim (measured $(per_claim "$commits"))"
fi

if [ "$PROFILE" = 1 ]; then
    report ""
    report "### Profile: JFR during the ${LAST_CLIENTS}-client run"
    report ""
    python3 bench/flamegraph.py "$OUT/service-$LAST_CLIENTS-clients.jfr" --out "$OUT/flamegraph-$LAST_CLIENTS-clients" \
        --title "ClaimPilot, ${LAST_CLIENTS} clients posting claims ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))" | tee -a "$SUMMARY"
fi

report ""
report "Command: \`$(env | grep -E '^BENCH_' | sort | tr '\n' ' ')bench/load.sh\`; logs and results in $OUT"
