-- wrk script: GET /Users?filter=userName eq "<random bench user>", what Entra ID and Okta send before every
-- create or update. USERS (how many users the database holds) and TOKEN come from the environment; EXTRA is
-- appended to the query string (e.g. "&excludedAttributes=groups").
local users = tonumber(os.getenv("USERS") or "1000")
local token = os.getenv("TOKEN")
local extra = os.getenv("EXTRA") or ""

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

request = function()
  local name = string.format("user%07d%%40bench.example", math.random(0, users - 1))
  local path = "/scim/v2/Users?filter=userName%20eq%20%22" .. name .. "%22" .. extra
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

local failed = 0
response = function(status, headers, body)
  if status ~= 200 or not body:find('"totalResults":1', 1, true) then
    failed = failed + 1
    if failed <= 3 then
      io.stderr:write("unexpected answer " .. status .. ": " .. body:sub(1, 200) .. "\n")
    end
  end
end
