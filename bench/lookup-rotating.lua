-- wrk script: CodeSystem/$lookup of one system, rotating over the given codes (GET, JSON).
--   wrk ... -s bench/lookup-rotating.lua http://host:port -- <system> <code> [<code> ...]
-- done() prints latency percentiles like bench/expand-typeahead.lua: latency_ms p50 <x> p90 <x> p95 <x> p99 <x> max <x>
local system = "http://snomed.info/sct"
local codes = { "404684003" }
local i = 0

init = function(args)
  if #args >= 1 then system = args[1] end
  if #args >= 2 then
    codes = {}
    for k = 2, #args do codes[#codes + 1] = args[k] end
  end
end

request = function()
  i = i % #codes + 1
  return wrk.format("GET", "/fhir/CodeSystem/$lookup?system=" .. system .. "&code=" .. codes[i])
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
