-- wrk script: type-ahead ValueSet/$expand (filter + count=20), rotating the filter text.
--   wrk ... -s bench/expand-typeahead.lua http://host:port -- <value set url> <filter> [<filter> ...]
-- Filters may use '+' or '%20' for spaces. done() prints latency percentiles, p95 included, in one line:
--   latency_ms p50 <x> p90 <x> p95 <x> p99 <x> max <x>
local url = "http://hl7.org/fhir/ValueSet/cpt-all"
local filters = { "contrast", "contrast+spinal", "epid", "low+back", "mri", "inj" }
local i = 0

init = function(args)
  if #args >= 1 then url = args[1] end
  if #args >= 2 then
    filters = {}
    for k = 2, #args do filters[#filters + 1] = args[k] end
  end
end

request = function()
  i = i % #filters + 1
  return wrk.format("GET", "/fhir/ValueSet/$expand?url=" .. url .. "&filter=" .. filters[i] .. "&count=20")
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
