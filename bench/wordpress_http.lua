-- wrk script of bench/wordpress-http.sh.
--   wrk -tT ... -s bench/wordpress_http.lua URL -- METHOD PATH BODY USERS-FILE T
-- GET: the same PATH every time. POST: BODY with "{n}" replaced by a number
-- unique to the request, as a different user each time (HTTP Basic with an
-- application password: the lines of USERS-FILE, dealt out among the
-- threads), so no two requests are the same person's. done() prints one line:
--   requests N  rps R  p50 MS  p99 MS  non2xx K  users-left U
local threads, made = {}, 0

function setup(thread)
    thread:set("tid", made)
    made = made + 1
    table.insert(threads, thread)
end

function init(args)
    method, path, bodyfmt, file = args[1], args[2], args[3], args[4]
    local nthreads = tonumber(args[5] or 1)
    bad, n, users = 0, 0, {}
    if method ~= "GET" then
        local i = 0
        for line in io.lines(file) do
            if line ~= "" and i % nthreads == tid then table.insert(users, line) end
            i = i + 1
        end
    end
    left = (method ~= "GET") and #users or nil
end

function request()
    n = n + 1
    if method == "GET" then
        return wrk.format("GET", path)
    end
    local user = users[n] or users[#users]
    left = #users - n
    local body = string.gsub(bodyfmt, "{n}", tid .. "x" .. n)
    return wrk.format("POST", path, {
        ["Authorization"] = "Basic " .. user,
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }, body)
end

function response(status, headers, body)
    if status < 200 or status > 299 then bad = bad + 1 end
end

function done(summary, latency, requests)
    local non2xx, users_left = 0, nil
    for _, t in ipairs(threads) do
        non2xx = non2xx + (t:get("bad") or 0)
        local l = t:get("left")
        if l and (users_left == nil or l < users_left) then users_left = l end
    end
    local secs = summary.duration / 1e6
    io.write(string.format("requests %d  rps %.1f  p50 %.2f  p99 %.2f  non2xx %d  users-left %s\n",
        summary.requests, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        non2xx, users_left == nil and "-" or tostring(users_left)))
end
