-- wrk load for casql's /query/service (and the HTTP ceilings, which get the same requests).
-- WORKLOAD: w1 point read, w2 point update, w3 hot-key update (10 keys, cas_retries),
-- w4 secondary-index lookup; DOCS: the number of documents (keys k0..k{DOCS-1}).
local workload = os.getenv("WORKLOAD") or "w1"
local docs = tonumber(os.getenv("DOCS") or "1000")
local headers = { ["Content-Type"] = "application/json" }

local statements = {
  w1 = '{"statement":"SELECT * FROM bench USE KEYS $1","args":["k%d"]}',
  w2 = '{"statement":"UPDATE bench USE KEYS $1 SET LastLogin = $2","args":["k%d","%s"]}',
  w3 = '{"statement":"UPDATE bench USE KEYS $1 SET LastLogin = $2","args":["k%d","%s"],'
    .. '"cas_retries":1000}',
  w4 = '{"statement":"SELECT * FROM bench WHERE visits = $1","args":[%d]}',
}
local body = statements[workload]

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(id)
end

local function now()
  return string.format("2026-11-22T08:%02d:%02d.%06dZ", math.random(0, 59), math.random(0, 59),
    math.random(0, 999999))
end

function request()
  local b
  if workload == "w3" then
    b = string.format(body, math.random(0, 9), now())
  elseif workload == "w4" then
    b = string.format(body, math.random(0, math.max(1, math.floor(docs / 10)) - 1))
  else
    b = string.format(body, math.random(0, docs - 1), now())
  end
  return wrk.format("POST", "/query/service", headers, b)
end
