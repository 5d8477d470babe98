-- wrk script: rotates $lookup over a few CPT codes of the shipped fragment (GET, JSON).
local system = "http://www.ama-assn.org/go/cpt"
local codes = { "72275", "62321", "26", "72240", "64483" }
local i = 0

request = function()
  i = i % #codes + 1
  return wrk.format("GET", "/fhir/CodeSystem/$lookup?system=" .. system .. "&code=" .. codes[i])
end

-- A non-200 answer means we are measuring an error path: make it visible.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("non-200: " .. status .. "\n") end
  end
end
