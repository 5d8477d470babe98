-- wrk script: ValueSet/$validate-code of CPT codes against http://hl7.org/fhir/ValueSet/cpt-all (GET, JSON),
-- rotating a member, a member with its display, a member with a wrong display, and a code not in CPT.
-- All are 200 (result true or false); anything else is reported.
--   wrk ... -s bench/validate-codes.lua http://host:port [-- <value set url> <system> <query suffix> ...]
-- (suffixes already URL-encoded, e.g. "&code=E11.9&display=Wrong%20display") for another value set.
local vs = "http://hl7.org/fhir/ValueSet/cpt-all"
local system = "http://www.ama-assn.org/go/cpt"
local queries = {
  "&code=72240",
  "&code=26&display=Doctor%27s%20part%20only%20%28reading%20and%20report%29%2C%20without%20the%20equipment%20and%20staff%20part",
  "&code=62321&display=Wrong%20display",
  "&code=99999",
}
local i = 0

init = function(args)
  if #args >= 3 then
    vs, system, queries = args[1], args[2], {}
    for k = 3, #args do queries[#queries + 1] = args[k] end
  end
end

request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/fhir/ValueSet/$validate-code?url=" .. vs .. "&system=" .. system .. queries[i])
end

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("non-200: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end
