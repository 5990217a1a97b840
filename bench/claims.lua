-- wrk script: every request posts a NEW cancelled-order claim of 42.00 EUR, unique in everything the velocity and
-- blocklist checks count on (externalId, orderId, customer id, e-mail, payment reference), so those checks run on
-- every claim but never trigger, and every claim is refunded automatically (the budget is raised beforehand).
--
-- Arguments after "--": <run id> [api key]. The run id must differ between runs on the same database: claims are
-- deduplicated by externalId, and a repeated one would answer 200 instead of 201.
-- Counts only 201 as a claim; every other status is counted apart. done() prints one line starting with RESULT.

local threads = {}
local next_thread = 1

function setup(thread)
   thread:set("thread_no", next_thread)
   next_thread = next_thread + 1
   table.insert(threads, thread)
end

function init(args)
   run_id = args[1] or tostring(os.time())
   local key = args[2] or "demo-shop-key"
   prefix = run_id .. "-" .. thread_no .. "-"
   sent = 0
   created = 0
   other = {}
   headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
   placed_at = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 86400)
end

function request()
   sent = sent + 1
   local id = prefix .. sent
   local body = '{"externalId":"bx-' .. id .. '","orderId":"bo-' .. id .. '",'
      .. '"reason":"ORDER_CANCELLED_BEFORE_SHIPMENT",'
      .. '"customer":{"id":"bc-' .. id .. '","email":"b-' .. id .. '@example.com","locale":"en"},'
      .. '"amount":{"amount":"42.00","currency":"EUR"},'
      .. '"items":[{"sku":"BENCH-MUG","quantity":1,"unitPrice":{"amount":"42.00","currency":"EUR"}}],'
      .. '"order":{"fulfillment":"UNFULFILLED","totalPaid":{"amount":"42.00","currency":"EUR"},'
      .. '"paymentReference":"pi_b' .. id .. '","placedAt":"' .. placed_at .. '"},'
      .. '"evidence":[]}'
   return wrk.format("POST", "/api/claims", headers, body)
end

function response(status, response_headers, body)
   if status == 201 then
      created = created + 1
   else
      other[status] = (other[status] or 0) + 1
   end
end

function done(summary, latency, requests)
   local total_created = 0
   local statuses = {}
   for _, thread in ipairs(threads) do
      total_created = total_created + thread:get("created")
      for status, count in pairs(thread:get("other")) do
         statuses[status] = (statuses[status] or 0) + count
      end
   end
   local non201 = 0
   local detail = ""
   for status, count in pairs(statuses) do
      non201 = non201 + count
      detail = detail .. status .. ":" .. count .. ","
   end
   if detail == "" then detail = "none" end
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "RESULT seconds=%.1f responses=%d created=%d non201=%d statuses=%s socket_errors=%d timeouts=%d"
      .. " claims_per_s=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
      seconds, summary.requests, total_created, non201, detail, errors, summary.errors.timeout,
      total_created / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
