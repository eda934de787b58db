"""Medians of the wrk rounds and the two target ratios, as a Markdown table."""
import json
import statistics
import sys

runs = {}
for line in sys.stdin:
    name, _, payload = line.strip().partition(" ")
    runs.setdefault(name, []).append(json.loads(payload))


def median(name, field):
    return statistics.median(run[field] for run in runs[name])


def run_rate(run):
    return run["requests"] / (run["duration_us"] / 1e6)


def rate(name):
    return statistics.median(run_rate(run) for run in runs[name])


print("| run | requests/s | p50 | p99 | errors |")
print("|---|---:|---:|---:|---:|")
for name in sorted(runs):
    errors = sum(run["socket_errors"] + run["non_2xx"] for run in runs[name])
    print(f"| {name} | {rate(name):,.0f} | {median(name, 'p50_us') / 1000:.2f} ms | {median(name, 'p99_us') / 1000:.2f} ms | {errors} |")
print()
print(f"hit throughput / ceiling: {rate('a-hits') / rate('d-ceiling'):.0%} (target >= 60%)")
if "a-stream-hits" in runs:
    print(f"stream hit throughput / ceiling: {rate('a-stream-hits') / rate('d-ceiling'):.0%}")
# Each round runs the ceiling and the hits within a minute of each other: the ratios of the
# rounds show how much the machine moved under the median.
per_round = [run_rate(hits) / run_rate(ceiling) for hits, ceiling in zip(runs["a-hits"], runs["d-ceiling"])]
print("hit throughput / ceiling, each round: " + ", ".join(f"{ratio:.0%}" for ratio in per_round))
added = (median("b-misses", "p99_us") - median("c-fake-direct", "p99_us")) / 1000
print(f"miss p99 - fake-direct p99: {added:+.2f} ms (target < 1 ms)")
if "b-misses-c1" in runs:
    added_c1 = (median("b-misses-c1", "p50_us") - median("c-fake-direct-c1", "p50_us")) / 1000
    added_c1_p99 = (median("b-misses-c1", "p99_us") - median("c-fake-direct-c1", "p99_us")) / 1000
    print(f"one connection: a miss adds {added_c1:+.2f} ms at p50, {added_c1_p99:+.2f} ms at p99 over the fake directly")
if "b-misses-paced" in runs:
    paced = rate("b-misses-paced")
    for field in ("p50_us", "p99_us"):
        added_paced = (median("b-misses-paced", field) - median("c-fake-direct-paced", field)) / 1000
        print(f"paced, 32 connections (~{paced:,.0f} requests/s): a miss adds {added_paced:+.2f} ms at {field[:3]} over the fake directly")
print(f"rounds: {len(runs['a-hits'])}; medians per run")
