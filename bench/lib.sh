# Shared by bench/load.sh, bench/profile.sh and bench/replicas.sh (sourced, not run). Bash, run from the repository.

JAR=target/quarkus-app/quarkus-run.jar

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
# Prints "load average before <step>: a b c" on standard output too, so the report shows how busy the machine was.
note_load() { echo "load average before $1: $(load_average)"; }

# Installs what the benchmark needs from Debian's packages when run as root; otherwise says what to install.
ensure_tools() {
    local missing=() tool package
    for pair in "$@"; do
        tool=${pair%%:*}; package=${pair#*:}
        command -v "$tool" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    # shellcheck disable=SC2207
    missing=($(printf '%s\n' "${missing[@]}" | sort -u))
    if [ "$(id -u)" -eq 0 ]; then
        log "installing ${missing[*]} with apt-get"
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    else
        echo "Missing tools. Install them first, as root: apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

# Builds the packaged jar unless BENCH_SKIP_BUILD=1 (and the jar exists).
build_jar() {
    if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; then
        log "BENCH_SKIP_BUILD=1: using the existing $JAR ($(date -u -r "$JAR" +%FT%TZ))"
        return
    fi
    log "building the jar (./mvnw -B package -DskipTests)"
    ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} package -DskipTests
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_service NAME LOG_FILE [taskset cpus|""] -- extra JVM arguments...
# Starts the packaged jar in the demo profile on loopback ports of its own; sets SERVICE_PID_<NAME>,
# SERVICE_PORT_<NAME>, MANAGEMENT_PORT_<NAME>. QUARKUS_* and CLAIMPILOT_* variables of the caller's shell are not
# passed on (a JDBC URL there would silently replace the embedded database), except those named in BENCH_PASS_ENV.
start_service() {
    local name=$1 log_file=$2 cpus=$3; shift 4
    local port management_port
    port=$(free_port); management_port=$(free_port)
    local pin=()
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    (
        for variable in $(compgen -e | grep -E '^(QUARKUS|CLAIMPILOT)_' || true); do
            case " ${BENCH_PASS_ENV:-} " in *" $variable "*) ;; *) unset "$variable" ;; esac
        done
        # shellcheck disable=SC2086
        exec "${pin[@]}" java ${BENCH_JAVA_OPTS:--Xmx1g} "$@" \
            -Dquarkus.profile=demo \
            -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
            -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
            -Dquarkus.log.console.color=false \
            -jar "$JAR"
    ) >"$log_file" 2>&1 &
    printf -v "SERVICE_PID_$name" '%s' $!
    printf -v "SERVICE_PORT_$name" '%s' "$port"
    printf -v "MANAGEMENT_PORT_$name" '%s' "$management_port"
}

# wait_ready PID MANAGEMENT_PORT LOG_FILE: until /q/health/ready answers 200 (at most 180 s).
wait_ready() {
    local pid=$1 management_port=$2 log_file=$3
    for _ in $(seq 1 720); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "The service exited before it was ready; its log:" >&2; tail -50 "$log_file" >&2; exit 1
        fi
        curl -sf -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" && return 0
        sleep 0.25
    done
    echo "The service was not ready within 180 s; its log:" >&2; tail -50 "$log_file" >&2; exit 1
}

# stop_service PID: SIGTERM (the service stops its embedded PostgreSQL itself), SIGKILL after 60 s.
stop_service() {
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
}

# stop_postmaster DATA_DIR: a PostgreSQL this script started (directly or through a service it started) and that
# outlived it, found by the PID file of its own data folder.
stop_postmaster() {
    local data_dir=$1 pid
    [ -f "$data_dir/postmaster.pid" ] || return 0
    pid=$(head -1 "$data_dir/postmaster.pid")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -qF -- "$data_dir" "/proc/$pid/cmdline" 2>/dev/null; then
        kill -INT "$pid" 2>/dev/null || true   # fast shutdown
        for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

raise_budget() {
    local port=$1 answer
    answer=$(curl -sS -X PUT "http://127.0.0.1:$port/api/automation/budgets/EUR" \
        -H "Authorization: Bearer ${BENCH_ADMIN_KEY:-demo-admin-key}" -H 'Content-Type: application/json' \
        -d "{\"dailyLimit\":\"${BENCH_DAILY_LIMIT:-1000000000.00}\"}" -w ' %{http_code}')
    case "$answer" in *" 200") ;; *) echo "Raising the EUR budget failed: $answer" >&2; exit 1 ;; esac
}

# run_wrk CLIENTS SECONDS RUN_ID URL OUTPUT_FILE: prints the RESULT line of bench/claims.lua. A request without an
# answer after BENCH_WRK_TIMEOUT (10s) counts as a timeout, not as a claim, even if the service stores it later.
run_wrk() {
    local clients=$1 seconds=$2 run_id=$3 url=$4 output=$5
    local threads=$(( clients < ${BENCH_WRK_THREADS:-2} ? clients : ${BENCH_WRK_THREADS:-2} ))
    wrk -t "$threads" -c "$clients" -d "${seconds}s" --timeout "${BENCH_WRK_TIMEOUT:-10s}" -s bench/claims.lua "$url" \
        -- "$run_id" "${BENCH_SHOP_KEY:-demo-shop-key}" >"$output" 2>&1 || { cat "$output" >&2; exit 1; }
    grep '^RESULT ' "$output" || { echo "wrk printed no RESULT line:" >&2; cat "$output" >&2; exit 1; }
}

# field NAME LINE: the value of NAME=value in a RESULT line.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# cpu_seconds PID: user + system CPU seconds used so far by this process, its children that ended, and its live
# children (for a postmaster: every backend, ended or not).
cpu_seconds() {
    local ticks total child
    ticks=$(getconf CLK_TCK)
    total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0)
    for child in $(pgrep -P "$1" 2>/dev/null || true); do
        total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0) ))
    done
    awk -v t="$total" -v hz="$ticks" 'BEGIN { printf "%.1f", t / hz }'
}
