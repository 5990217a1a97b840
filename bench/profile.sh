#!/usr/bin/env bash
# A JFR profile of the service under load, without the rest of bench/load.sh: starts the packaged jar on a fresh
# embedded PostgreSQL, warms up, records JFR (settings=profile, stacks up to 256 frames) while 16 clients post claims
# for 30 s, then turns the jdk.ExecutionSample events into a flame graph (SVG), collapsed stacks and the top frames
# by self time (bench/flamegraph.py). Takes about 2 minutes after the build.
#
#   bench/profile.sh                                  BENCH_SKIP_BUILD=1 reuses the jar
#   BENCH_CLIENTS=4 BENCH_DURATION=60 bench/profile.sh
#
# The full benchmark records the same profile during its 16-client run with BENCH_PROFILE=1 bench/load.sh.
# To keep a flame graph in the repository: cp target/bench/profile-*/flamegraph-16-clients.svg docs/benchmarks/<name>.svg
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_CLIENTS=${BENCH_CLIENTS:-16} BENCH_PGBENCH=0 BENCH_DRAIN=0 BENCH_PROFILE=1
export BENCH_OUT=${BENCH_OUT:-target/bench/profile-$(date -u +%Y%m%dT%H%M%SZ)}
exec bench/load.sh
