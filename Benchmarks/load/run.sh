#!/usr/bin/env bash
# Load benchmark of `aigw serve` with wrk, everything on 127.0.0.1 (see Benchmarks/RESULTS.md).
#
#   Benchmarks/load/run.sh          (a) hits (JSON, and streamed), (b) misses, (c) the fake provider
#                                   directly, (d) a bare Hummingbird server returning a hit's bytes;
#                                   ROUNDS rounds (default 3) of DURATION (10s) at CONNECTIONS (32);
#                                   then one connection, and 32 paced ones (PACE_MS, 30, between
#                                   each connection's requests) for misses and the fake
#   Benchmarks/load/run.sh soak     200 connections for SOAK_DURATION (30s) of mixed hits, misses and streams
#                                   in both formats; reports errors and the gateway's peak RSS
#   Benchmarks/load/run.sh host     only the machine: 10 s of fixed arithmetic, reporting the windows in
#                                   which the CPU ran below half speed (host_slowdowns.c). The compare mode
#                                   runs it first: on a machine with such windows, p99s measure the machine
#
# SKIP_BUILD=1 uses the release binaries already built. The gateway logs one line per request
# (its default); AIGW_LOG_LEVEL=warning in the environment measures it without those lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LOAD_DIR="$PWD/Benchmarks/load"
mode=${1:-compare}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PACE_MS=${PACE_MS:-30}
BIN=.build/release

# The machine's own slow windows, measured before any load (see host_slowdowns.c).
host_check() {
    if ! command -v cc >/dev/null; then echo "host: no C compiler, slow windows not measured"; return; fi
    local probe
    probe=$(mktemp)
    cc -O2 -o "$probe" "$LOAD_DIR/host_slowdowns.c" && "$probe" "${HOST_CHECK_SECONDS:-10}"
    rm -f "$probe"
}
if [ "$mode" = host ]; then
    host_check
    exit 0
fi

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release --product aigw
    swift build -c release --product AIGatewayFakeProvider
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 2
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Starts the fake (extra arguments passed on) and sets `port` to its port. Not in a command
# substitution: the process must be remembered in `pids` of this shell.
start_fake() {
    local out="$work/fake-$RANDOM.out"
    "$BIN/AIGatewayFakeProvider" "$@" > "$out" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        if grep -q '^listening ' "$out" 2>/dev/null; then
            port=$(awk '/^listening/ {print $2}' "$out")
            return
        fi
        sleep 0.1
    done
    echo "the fake provider did not start: $(cat "$out")" >&2
    exit 1
}

start_fake --no-record
fake_port=$port
gateway_port=$((20000 + RANDOM % 20000))  # not python: a pyenv shim can stall on its lock
OPENAI_BASE_URL="http://127.0.0.1:$fake_port/v1" ANTHROPIC_BASE_URL="http://127.0.0.1:$fake_port" \
OPENAI_API_KEY=benchmark-placeholder-key ANTHROPIC_API_KEY=benchmark-placeholder-key \
    "$BIN/aigw" serve --port "$gateway_port" --store "$work/store" > "$work/aigw.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$gateway_port/healthz" >/dev/null && break; sleep 0.1; done

gateway="http://127.0.0.1:$gateway_port/v1/chat/completions"
fake="http://127.0.0.1:$fake_port/v1/chat/completions"

run_wrk() { # name url script connections duration [pace-ms]
    local line
    local threads=$((THREADS < $4 ? THREADS : $4))
    line=$(PACE_MS="${6:-}" wrk -t"$threads" -c"$4" -d"$5" -s "$LOAD_DIR/$3" "$2" | grep '^RESULT ')
    echo "${line/RESULT/$1}"
}

if [ "$mode" = soak ]; then
    # RssAnon is the process's own memory (heap, stacks); RssFile is mostly the store's
    # memory map, pages of data.mdb that the kernel can drop and reread at any time.
    (while kill -0 "$gateway_pid" 2>/dev/null; do
        awk '/RssAnon/ {anon=$2} /RssFile/ {file=$2} END {print anon "/" file}' "/proc/$gateway_pid/status" 2>/dev/null
        sleep 1
    done) > "$work/rss" &
    run_wrk soak "$gateway" mixed.lua 200 "${SOAK_DURATION:-30s}" | tee "$work/results"
    hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$gateway_pid/status")
    echo "peak RSS of aigw serve: $((hwm_kb / 1024)) MiB (anonymous + file-backed); upstream requests: $(curl -s "http://127.0.0.1:$fake_port/_fake/stats")"
    echo "store file: $(du -m "$work/store/data.mdb" | cut -f1) MiB"
    echo "RssAnon/RssFile each second (KiB): $(tr '\n' ' ' < "$work/rss")"
    echo "gateway log lines mentioning error: $(grep -c 'error' "$work/aigw.log" || true)"
    exit 0
fi

host_line=$(host_check | tail -1)

# The ceiling serves exactly what a hit returns.
body='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"the load benchmark asks the same thing"}]}'
curl -sf -X POST -H 'content-type: application/json' -d "$body" "$gateway" -o "$work/hit.json"
# The streamed form of the same request shares its entry: a stream hit from the start.
start_fake --ceiling "$work/hit.json"
ceiling_port=$port
ceiling="http://127.0.0.1:$ceiling_port/v1/chat/completions"

: > "$work/results"
for round in $(seq "$ROUNDS"); do
    run_wrk d-ceiling "$ceiling" same.lua "$CONNECTIONS" "$DURATION" >> "$work/results"
    run_wrk c-fake-direct "$fake" unique.lua "$CONNECTIONS" "$DURATION" >> "$work/results"
    run_wrk a-hits "$gateway" same.lua "$CONNECTIONS" "$DURATION" >> "$work/results"
    run_wrk a-stream-hits "$gateway" same-stream.lua "$CONNECTIONS" "$DURATION" >> "$work/results"
    run_wrk b-misses "$gateway" unique.lua "$CONNECTIONS" "$DURATION" >> "$work/results"
    # One connection: the latency the gateway adds to a single request, without queueing.
    run_wrk c-fake-direct-c1 "$fake" unique.lua 1 "$DURATION" >> "$work/results"
    run_wrk b-misses-c1 "$gateway" unique.lua 1 "$DURATION" >> "$work/results"
    run_wrk a-hits-c1 "$gateway" same.lua 1 "$DURATION" >> "$work/results"
    # 32 connections, each pausing PACE_MS between requests (about 1,000 requests/s in all):
    # the latency a miss adds when the machine is not saturated.
    run_wrk c-fake-direct-paced "$fake" unique.lua "$CONNECTIONS" "$DURATION" "$PACE_MS" >> "$work/results"
    run_wrk b-misses-paced "$gateway" unique.lua "$CONNECTIONS" "$DURATION" "$PACE_MS" >> "$work/results"
    echo "round $round done" >&2
done
python3 "$LOAD_DIR/summarize.py" < "$work/results"
echo "$host_line (measured before the rounds)"
