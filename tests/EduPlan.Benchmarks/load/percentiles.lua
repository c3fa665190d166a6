-- wrk script for a page: prints p50/p90/p95/p99 (wrk's own --latency has no p95) and the count of non-2xx/3xx answers.
function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx/3xx %d\n", summary.requests, summary.errors.status))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
