-- wrk script: each wrk thread is one reporter saving the draft of one report again and again, as the form does.
-- Usage: wrk -t8 -c8 -d20s -s save-report.lua http://127.0.0.1:5091 -- writers.tsv
-- writers.tsv: one line per thread: Cookie header (sign-in and antiforgery cookies)<TAB>form token<TAB>form path<TAB>revision
-- Each successful save answers 302 and raises the report's revision by one; the next request posts the new one,
-- so every request is a real write (a stale revision would be a 409 conflict, counted as a non-2xx/3xx error).
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if n == index then
      local fields = {}
      for field in line:gmatch("[^\t]+") do table.insert(fields, field) end
      cookie, token, path, revision = fields[1], fields[2], fields[3], tonumber(fields[4])
    end
  end
  saves, conflicts = 0, 0
end

function request()
  if revision == nil then
    -- wrk also calls request() once outside the threads, before init; any request will do there.
    return wrk.format("GET", "/healthz")
  end
  local progress = "第" .. revision .. "次保存：新建城乡学校共同体42个，覆盖农村学校1260所，完成第二批区县市级复核。"
  local body = "__RequestVerificationToken=" .. urlencode(token)
    .. "&Revision=" .. revision
    .. "&Status=OnTrack&Percent=60"
    .. "&Progress=" .. urlencode(progress)
    .. "&NextSteps=" .. urlencode("开展第二轮督导评估。")
    .. "&intent=save"
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function response(status, headers, body)
  -- A save answers 302 back to the form; a redirect to the sign-in page is a failure, not a save.
  if status == 302 and headers["Location"] ~= nil and not string.find(headers["Location"], "login", 1, true) then
    revision = revision + 1
    saves = saves + 1
  else
    conflicts = conflicts + 1
  end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("writer %d: %d saves, %d refused\n", thread:get("index"), thread:get("saves"), thread:get("conflicts")))
  end
  io.write(string.format("requests %d, non-2xx/3xx %d, socket errors %d\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
