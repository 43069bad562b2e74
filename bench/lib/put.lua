-- Every request a new path (= KV key) "/<run>-<thread>-<n>"; <run> comes after "--".
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  run = args[1] or "run"
  n = 0
end
function request()
  n = n + 1
  return wrk.format("GET", "/" .. run .. "-" .. tid .. "-" .. n)
end
