-- Shared by the wrk scripts: a per-thread tag for unique prompts, and one machine-readable
-- result line per run.
local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  math.randomseed(os.time() + thread_number)
  tag = string.format("t%d-%d", thread_number, math.random(1, 1000000000))
  counter = 0
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"socket_errors":%d,"non_2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), errors, summary.errors.status))
end

-- PACE_MS: each connection waits about this long between its requests (uniformly 0 to twice
-- it, so the connections do not fall into step and fire together), which fixes the offered load
-- below what the machine can serve: latency then measures the work per request, not a queue.
-- wrk measures each request from its send; the wait is not counted.
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  function delay()
    return math.random(0, 2 * pace)
  end
end
