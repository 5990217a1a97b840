-- wrk script: the claims of bench/claims.lua, sent at a steady pace (bench/soak.sh) instead of as fast as the
-- connections allow. Arguments after "--": <run id> <api key> <claims per second per wrk thread>.
-- A thread that falls behind by more than a second does not burst to catch up: it counts again from the present, so a
-- slow spell of the service shows as a lower rate and higher latencies, never as a flood afterwards.
dofile("bench/claims.lua")

local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]
local timeval = ffi.new("bench_timeval")

local function now_ms()
   ffi.C.gettimeofday(timeval, nil)
   return tonumber(timeval.tv_sec) * 1000 + tonumber(timeval.tv_usec) / 1000
end

local claims_init = init

function init(args)
   claims_init(args)
   local rate = tonumber(args[3])
   if rate == nil or rate <= 0 then
      error("bench/claims-paced.lua needs a rate (claims per second per thread) as its third argument")
   end
   interval_ms = 1000 / rate
   next_slot = now_ms()
end

function delay()
   local now = now_ms()
   if next_slot < now - 1000 then
      next_slot = now
   end
   local wait = math.max(0, next_slot - now)
   next_slot = next_slot + interval_ms
   return wait
end
