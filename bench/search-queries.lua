-- wrk script: the search JSON API over the ranking test table (tests/TerminologyServer.Engine.Tests/Search/RankingTests.cs),
-- rotating the queries.  wrk -t2 -c16 -d10s --latency -s bench/search-queries.lua http://127.0.0.1:5131 [-- <path prefix>]
-- The optional argument replaces the path prefix, e.g. "/?q=" for the HTML search page. done() prints p50/p90/p95/p99.
local prefix = "/api/search?limit=20&q="
local queries = {
  "72275",
  "E11.9",
  "e119",
  "s72.001a",
  "J9035",
  "0016070",
  "26",
  "7227",
  "6232",
  "S72.00",
  "A002",
  "I1",
  "epidurography",
  "contrast%20spinal%20neck",
  "low%20back%20sacrum%20contrast",
  "type%202%20diabetes%20mellitus%20without%20complications",
  "fracture%20of%20femur",
  "essential%20hypertension",
  "asthma",
  "cholera",
  "pneumonia%20unspecified%20organism",
  "migraine",
  "sepsis%20unspecified%20organism",
  "covid",
  "cane%20adjustable",
  "bevacizumab",
  "ambulance%20outside%20state",
  "bypass%20cerebral%20ventricle%20nasopharynx%20autologous%20open",
  "epidurog",
  "diab%20mell%20typ%202",
  "epidurograpy",
  "pnuemonia%20unspecified%20organism",
  "hypertention%20essential",
  "asthmma",
  "diabetis%20mellitus%20type%202",
  "cereb%20vent%20nasophar%20autol",
  "outside%20state%20ambulance%20serv",
  "sciatica%20epidural%20contrast"
}
local i = 0

init = function(args)
  if #args >= 1 then prefix = args[1] end
end

request = function()
  i = i % #queries + 1
  return wrk.format("GET", prefix .. queries[i])
end

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("non-200: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end

done = function(summary, latency, requests)
  io.write(string.format("queries %d latency_ms p50 %.2f p90 %.2f p95 %.2f p99 %.2f max %.2f\n", #queries,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
