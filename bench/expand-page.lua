-- wrk script: one page of a whole value set, ValueSet/$expand?url=<vs>&count=<n>&offset=<k>, rotating the
-- offset over the first pages. done() prints latency percentiles like bench/expand-typeahead.lua:
--   latency_ms p50 <x> p90 <x> p95 <x> p99 <x> max <x>
--   wrk ... -s bench/expand-page.lua http://host:port -- <value set url> <count> <pages>
local url = "http://terminology.hl7.org/ValueSet/cpt-base"
local count = 100
local pages = 1
local i = 0

init = function(args)
  if #args >= 1 then url = args[1] end
  if #args >= 2 then count = tonumber(args[2]) end
  if #args >= 3 then pages = tonumber(args[3]) end
end

request = function()
  i = i % pages + 1
  return wrk.format("GET", "/fhir/ValueSet/$expand?url=" .. url .. "&count=" .. count .. "&offset=" .. ((i - 1) * count))
end

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("non-200: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end

done = function(summary, latency, requests)
  io.write(string.format("latency_ms p50 %.2f p90 %.2f p95 %.2f p99 %.2f max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
