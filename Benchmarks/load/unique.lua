-- A different request every time (thread number, a random run tag and a counter in the
-- prompt): every answer through the gateway is a cache miss.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
function request()
  counter = counter + 1
  local body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"load ' .. tag .. '-' .. counter .. '"}]}'
  return wrk.format("POST", "/v1/chat/completions", {["Content-Type"] = "application/json"}, body)
end
