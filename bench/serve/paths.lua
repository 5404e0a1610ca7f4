-- wrk script for bench/serve/load.sh: each request takes the next path of
-- the file named by the environment variable AKHBAR_PATHS (one per line),
-- each thread starting at a random place in the list.
local paths = {}
local next_index = 1

function init(args)
  for line in io.lines(os.getenv("AKHBAR_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("AKHBAR_PATHS names an empty file") end
  -- Threads start at different places (wrk gives each its own Lua state).
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  next_index = math.random(#paths)
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end
