-- wrk script: the main pages in turn, signed in (the Cookie header given with -H). A redirect (to sign-in) or any
-- answer but 200 is counted as an error, so a lost session cannot pass for speed.
-- Usage: wrk -t4 -c24 -d60s -s pages.lua -H "Cookie: …" http://127.0.0.1:5160
local paths = {
  "/", "/plans/chongqing", "/plans/national", "/plans/chongqing/tasks/9", "/targets",
  "/review", "/reporting/status", "/search?q=%E6%95%99%E5%85%B1%E4%BD%93",
}
local next_path = 0
local threads = {}
-- A global, so that done() can read each thread's count with thread:get.
failures = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format("requests %d, not 200 %d, socket errors %d\n", summary.requests, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
