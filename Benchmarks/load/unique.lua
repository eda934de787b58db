-- A different request every time (thread number, a random run tag and a counter in the
-- prompt): every answer through the gateway is a cache miss.
dofile(os.getenv("LOAD_DIR") .. "/report.lua")
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
function request()
  counter = counter + 1
  local body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"load ' .. tag .. '-' .. counter .. '"}]}'
  return wrk.format("POST", "/v1/chat/completions", {["Content-Type"] = "application/json"}, body)
end
