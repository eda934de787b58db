-- The soak mix: per request, by a fixed cycle, a hit (one of 50 repeated prompts), a miss
-- (a new prompt), or a stream (a repeated or new prompt with "stream": true).
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
function request()
  counter = counter + 1
  local kind = counter % 4
  local prompt, stream
  if kind == 0 or kind == 1 then prompt, stream = "repeated " .. (counter % 50), "false"
  elseif kind == 2 then prompt, stream = "new " .. tag .. "-" .. counter, "false"
  else prompt, stream = (counter % 8 == 3) and ("repeated stream " .. (counter % 20)) or ("new stream " .. tag .. "-" .. counter), "true" end
  local model = (counter % 3 == 0) and "claude-haiku-4-5" or "gpt-4o-mini"
  local path = (model == "gpt-4o-mini" or counter % 2 == 0) and "/v1/chat/completions" or "/v1/messages"
  local body
  if path == "/v1/messages" then
    body = '{"model":"' .. model .. '","max_tokens":64,"stream":' .. stream .. ',"messages":[{"role":"user","content":"' .. prompt .. '"}]}'
  else
    body = '{"model":"' .. model .. '","stream":' .. stream .. ',"messages":[{"role":"user","content":"' .. prompt .. '"}]}'
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
