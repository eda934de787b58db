-- The same request every time: after the first, every answer is a cache hit.
dofile(os.getenv("LOAD_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"the load benchmark asks the same thing"}]}'
