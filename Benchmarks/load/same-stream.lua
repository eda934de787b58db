-- The same streamed request every time: after the first, every answer is a stream hit.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"the load benchmark asks the same thing"}]}'
