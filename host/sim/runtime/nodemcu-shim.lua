-- A small NodeMCU API for a stock Lua 5.1/5.3 VM, wired to the simulated bench
-- in the Node test process over two FIFOs (see nodemcu-bridge.ts for the protocol).
--
--   lua5.1 nodemcu-shim.lua <to-lua fifo> <from-lua fifo> <esp32|esp8266> <heap bytes> [<lfs folder>]
--   (working directory: the folder holding init.lua and fobsync.lua; with an
--   lfs folder, node.LFS.get(name) returns the chunk of <lfs folder>/<name>.lua,
--   standing for a module in a Lua Flash Store image; <heap bytes>: what node.heap()
--   reports free before anything of fobsync runs, less what Lua allocates since)
--
-- Node -> Lua, one message a line, each answered by Lua's output lines and a final ".":
--   B <ms>            boot: run init.lua, as NodeMCU does at power-up
--   X <ms> <lua>      a line typed at the REPL (the host sends fs("...") this way)
--   L <ms> <line>     a line at NodeMCU's interactive REPL (the virtual REPL board): "=expr",
--                     continuation, errors printed as NodeMCU prints them
--   T <ms> <id>       timer/task <id> is due
--   G <ms> <pin> <0|1>  the raw level of input <pin> changed (fires its gpio.trig callback)
--   H <ms>            heap: full garbage collection, then reply "K <collectgarbage('count')>"
--   Q                 quit
-- Lua -> Node, inside an answer:
--   P <text>          a printed line          A <id> <ms>   arm timer <id> (0 = task post)
--   U <id>            timer cancelled         F <text>      an error escaped a callback (a PANIC on a board)
--   K <number>        heap reply                M             the L line is incomplete: more input wanted
-- Lua -> Node requests, answered by "=<value>" (Node may send nested messages first):
--   W <pin> <0|1>     gpio.write             C <pin> <out|in> <od 0|1> <up|down|none>  pin configuration
--   R <pin>           gpio.read -> =0|1      V <gpio>      adc read -> =<raw>
--   N restart         node.restart()

local toLuaPath, fromLuaPath, flavour, heapBytes, lfsDir = arg[1], arg[2], arg[3], tonumber(arg[4]), arg[5]
-- open order matters: Node holds the to-lua FIFO read-write already, and blocks opening from-lua
local outf = assert(io.open(fromLuaPath, "w"))
local inf = assert(io.open(toLuaPath, "r"))
outf:setvbuf("full")
local esp32 = flavour == "esp32"
if not esp32 and flavour ~= "esp8266" then error("shim: flavour must be esp32 or esp8266") end

local NOW = 0            -- virtual ms, from Node
local loadText = loadstring or load
local timers = {}        -- id -> { fn = callback }
local nextTimer = 1
local trigs = {}         -- pin -> callback
local modes = {}         -- pin -> "out" | "in" | "int"
local dispatch

local function send(line) outf:write(line, "\n") end

local function request(line)
  send(line)
  outf:flush()
  while true do
    local l = inf:read("*l")
    if l == nil then os.exit(3) end
    if l:sub(1, 1) == "=" then return l:sub(2) end
    dispatch(l)
  end
end

local function shimPrint(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
  local text = table.concat(parts, "\t") .. "\n"
  for line in text:gmatch("([^\n]*)\n") do send("P " .. line) end
end
print = shimPrint

local function checkPin(pin)
  if type(pin) ~= "number" or pin ~= math.floor(pin) then error("gpio: pin must be an integer", 3) end
  if esp32 and (pin < 0 or pin > 39) then error("gpio: GPIO" .. pin .. " does not exist", 3) end
  if not esp32 and (pin < 0 or pin > 12) then error("gpio: pin index 0..12 expected, got " .. pin, 3) end
end

local function configure(pin, dir, od, pull)
  checkPin(pin)
  if esp32 and dir == "out" and pin >= 34 then error("gpio.config: GPIO" .. pin .. " is input only", 3) end
  if esp32 and pull ~= "none" and pin >= 34 then error("gpio.config: GPIO" .. pin .. " has no pull resistors", 3) end
  modes[pin] = dir
  request("C " .. pin .. " " .. dir .. " " .. od .. " " .. pull)
end

-- gpio -------------------------------------------------------------------
gpio = { HIGH = 1, LOW = 0 }
function gpio.write(pin, level)
  checkPin(pin)
  if level ~= 0 and level ~= 1 then error("gpio.write: level must be 0 or 1", 2) end
  request("W " .. pin .. " " .. level)
end
function gpio.read(pin)
  checkPin(pin)
  return tonumber(request("R " .. pin))
end
if esp32 then
  gpio.IN, gpio.OUT, gpio.IN_OUT = 1, 2, 3
  gpio.FLOATING, gpio.PULL_UP, gpio.PULL_DOWN, gpio.PULL_UP_DOWN = 0, 1, 2, 3
  gpio.INTR_DISABLE, gpio.INTR_UP, gpio.INTR_DOWN, gpio.INTR_UP_DOWN = 0, 1, 2, 3
  local pulls = { [0] = "none", [1] = "up", [2] = "down" }
  function gpio.config(...)
    for _, cfg in ipairs({ ... }) do
      local list = type(cfg.gpio) == "table" and cfg.gpio or { cfg.gpio }
      local dir = cfg.dir == gpio.OUT and "out" or cfg.dir == gpio.IN and "in" or error("gpio.config: dir must be gpio.IN or gpio.OUT", 2)
      local pull = pulls[cfg.pull or 0] or error("gpio.config: bad pull", 2)
      for _, pin in ipairs(list) do configure(pin, dir, cfg.opendrain == 1 and 1 or 0, pull) end
    end
  end
  function gpio.trig(pin, kind, fn)
    checkPin(pin)
    if modes[pin] ~= "in" then error("gpio.trig: GPIO" .. pin .. " is not an input", 2) end
    if kind == nil or kind == gpio.INTR_DISABLE then trigs[pin] = nil return end
    if kind ~= gpio.INTR_UP_DOWN or type(fn) ~= "function" then error("gpio.trig: shim supports gpio.INTR_UP_DOWN with a function", 2) end
    trigs[pin] = fn
  end
else
  gpio.OUTPUT, gpio.INPUT, gpio.INT, gpio.OPENDRAIN = 1, 0, 2, 3
  gpio.PULLUP, gpio.FLOAT = 1, 0
  function gpio.mode(pin, mode, pull)
    local dir = (mode == gpio.OUTPUT or mode == gpio.OPENDRAIN) and "out" or mode == gpio.INT and "int" or mode == gpio.INPUT and "in" or error("gpio.mode: bad mode", 2)
    if dir == "int" and pin == 0 then error("gpio.mode: D0 has no interrupts", 2) end
    configure(pin, dir, mode == gpio.OPENDRAIN and 1 or 0, pull == gpio.PULLUP and "up" or "none")
  end
  function gpio.trig(pin, kind, fn)
    checkPin(pin)
    if modes[pin] ~= "int" then error("gpio.trig: pin " .. pin .. " is not in gpio.INT mode", 2) end
    if kind == nil or kind == "none" then trigs[pin] = nil return end
    if kind ~= "both" or type(fn) ~= "function" then error("gpio.trig: shim supports \"both\" with a function", 2) end
    trigs[pin] = fn
  end
end

-- tmr / node ---------------------------------------------------------------
local function schedule(fn, ms)
  local id = nextTimer
  nextTimer = id + 1
  timers[id] = { fn = fn }
  send("A " .. id .. " " .. ms)
  return id
end

local Timer = {}
Timer.__index = Timer
function Timer:alarm(ms, mode, fn)
  if type(ms) ~= "number" or ms ~= math.floor(ms) or ms <= 0 or ms > 6870947 then error("tmr:alarm: interval must be 1..6870947 ms, got " .. tostring(ms), 2) end
  if mode ~= tmr.ALARM_SINGLE then error("tmr:alarm: the shim supports tmr.ALARM_SINGLE only", 2) end
  if type(fn) ~= "function" then error("tmr:alarm: callback must be a function", 2) end
  if self.id then self:unregister() end
  local me = self
  self.id = schedule(function() me.id = nil fn(me) end, ms)
  return true
end
function Timer:unregister()
  if self.id and timers[self.id] then
    timers[self.id] = nil
    send("U " .. self.id)
  end
  self.id = nil
end
Timer.stop = Timer.unregister

tmr = { ALARM_SINGLE = 0, ALARM_SEMI = 1, ALARM_AUTO = 2 }
function tmr.create() return setmetatable({}, Timer) end

node = { task = {} }
function node.task.post(a, b)
  local fn = type(a) == "function" and a or b
  if type(fn) ~= "function" then error("node.task.post: function expected", 2) end
  schedule(fn, 0)
end
local heapBase = collectgarbage("count")
-- free heap, as a board reports it: what it had, less what Lua took since the shim started
function node.heap() return math.max(0, math.floor(heapBytes - (collectgarbage("count") - heapBase) * 1024)) end
if lfsDir then
  node.LFS = {}
  function node.LFS.get(name)
    if type(name) ~= "string" then error("node.LFS.get: module name expected", 2) end
    return loadfile(lfsDir .. "/" .. name .. ".lua")
  end
end
function node.restart() request("N restart") end
if esp32 then
  function node.uptime() return NOW * 1000 end
else
  function tmr.now() return (NOW * 1000) % 2147483648 end
end

-- adc (ESP32: ADC1 channels 0..7 = GPIO 36,37,38,39,32,33,34,35; ESP8266: A0) ----
local adcGpio = { [0] = 36, 37, 38, 39, 32, 33, 34, 35 }
local adcReady = {}
adc = {}
if esp32 then
  adc.ADC1, adc.ATTEN_11db = 1, 3
  function adc.setup(unit, ch, atten)
    if unit ~= adc.ADC1 or adcGpio[ch] == nil or atten ~= adc.ATTEN_11db then error("adc.setup: shim supports adc.ADC1 channels 0..7 at ATTEN_11db", 2) end
    adcReady[ch] = true
  end
  function adc.read(unit, ch)
    if unit ~= adc.ADC1 or not adcReady[ch] then error("adc.read: channel not set up", 2) end
    return tonumber(request("V " .. adcGpio[ch]))
  end
else
  function adc.read(ch)
    if ch ~= 0 then error("adc.read: the ESP8266 has channel 0 only", 2) end
    return tonumber(request("V A0"))
  end
end

-- file (SPIFFS: flat names of at most 31 bytes; the working directory is the flash) --
file = {}
local FS_TOTAL = 3 * 1024 * 1024
local function fsName(name)
  if type(name) ~= "string" then error("file: name must be a string", 3) end
  if #name == 0 or #name > 31 or name:find("[^%w%._%-]") then return nil end
  return name
end
function file.exists(name)
  name = fsName(name)
  local f = name and io.open(name, "rb")
  if f then f:close() return true end
  return false
end

local File = {}
File.__index = File
function File:read(n)
  if not self.h then error("file: file is closed", 2) end
  if type(n) == "string" then
    local out = {}
    while true do
      local c = self.h:read(1)
      if c == nil then break end
      out[#out + 1] = c
      if c == n or #out >= 1024 then break end
    end
    return #out > 0 and table.concat(out) or nil
  end
  return self.h:read(math.min(n or 1024, 1024))
end
function File:readline() return self:read("\n") end
function File:write(s)
  if not self.h then error("file: file is closed", 2) end
  if self.mode == "r" then return nil end
  return self.h:write(tostring(s)) and true or nil
end
function File:writeline(s) return self:write(tostring(s) .. "\n") end
function File:seek(whence, offset) return self.h:seek(whence or "cur", offset or 0) end
function File:flush() self.h:flush() return true end
function File:close()
  if self.h then self.h:close() end
  self.h = nil
end

local current -- the legacy API's one open file
function file.open(name, mode)
  mode = mode or "r"
  if not mode:match("^[rwa]%+?$") then error("file.open: bad mode " .. tostring(mode), 2) end
  name = fsName(name)
  if not name then return nil end
  local h = io.open(name, (mode:gsub("^(.)", "%1b")))
  if not h then return nil end
  current = setmetatable({ h = h, mode = mode }, File)
  return current
end
function file.close(f)
  local target = f or current
  if target then target:close() end
end
function file.write(s) return current and current:write(s) or nil end
function file.writeline(s) return current and current:writeline(s) or nil end
function file.read(n) return current and current:read(n) or nil end
function file.readline() return current and current:readline() or nil end
function file.getcontents(name)
  name = fsName(name)
  if not name then return nil end
  local h = io.open(name, "rb")
  if not h then return nil end
  local s = h:read("*a")
  h:close()
  return s
end
function file.remove(name)
  name = fsName(name)
  if name then os.remove(name) end
end
function file.rename(old, new)
  old, new = fsName(old), fsName(new)
  if not old or not new or not file.exists(old) or file.exists(new) then return false end
  return os.rename(old, new) and true or false
end
local function listing()
  local names = {}
  local p = io.popen("ls -1A")
  for n in p:lines() do names[#names + 1] = n end
  p:close()
  return names
end
function file.list(pattern)
  local out = {}
  for _, n in ipairs(listing()) do
    if fsName(n) and (pattern == nil or n:match(pattern)) then
      local h = io.open(n, "rb")
      out[n] = h:seek("end")
      h:close()
    end
  end
  return out
end
function file.stat(name)
  if not file.exists(name) then return nil end
  local h = io.open(name, "rb")
  local size = h:seek("end")
  h:close()
  return { name = name, size = size, is_dir = false, is_rdonly = false, is_hidden = false, is_sys = false, is_arch = false }
end
function file.fsinfo()
  local used = 0
  for _, size in pairs(file.list()) do used = used + size end
  return FS_TOTAL - used, used, FS_TOTAL
end

-- node.compile: NAME.lua -> NAME.lc (string.dump of the loaded chunk) ---------
local stripLevel = 0
function node.stripdebug(level)
  if level ~= nil then
    if level ~= 1 and level ~= 2 and level ~= 3 then error("node.stripdebug: level must be 1..3", 2) end
    stripLevel = level
  end
  return stripLevel
end
function node.compile(name)
  if type(name) ~= "string" or not name:match("%.lua$") or not file.exists(name) then error("node.compile: cannot open " .. tostring(name), 2) end
  local fn, err = loadfile(name)
  if not fn then error(err, 2) end
  local out = assert(io.open((name:gsub("%.lua$", ".lc")), "wb"))
  out:write(string.dump(fn))
  out:close()
end

-- the loop -------------------------------------------------------------------
local function protected(fn, ...)
  local ok, err = pcall(fn, ...)
  if not ok then send("F " .. tostring(err):gsub("\n", " ")) end
end

local function repl(src)
  local chunk, err = loadText(src, "=stdin")
  if not chunk then shimPrint(err) return end
  local ok, e = pcall(chunk)
  if not ok then shimPrint("Lua error: " .. tostring(e)) end
end

-- NodeMCU's interactive line (lua.c of NodeMCU): "=expr" prints the values; a
-- chunk that ends early ("<eof>") waits for more lines (answered "M": the host
-- shows the ">> " prompt); errors print as "stdin:1: message".
local unpackValues = unpack or table.unpack
local function pack(...) return { n = select("#", ...), ... } end
local pendingInput = nil
local function interactive(line)
  local src = pendingInput and (pendingInput .. "\n" .. line) or line
  local code = src:sub(1, 1) == "=" and ("return " .. src:sub(2)) or src
  local chunk, err = loadText(code, "=stdin")
  if not chunk then
    if err:find("<eof>", 1, true) then
      pendingInput = src
      send("M")
      return
    end
    pendingInput = nil
    shimPrint(err)
    return
  end
  pendingInput = nil
  local results = pack(pcall(chunk))
  if not results[1] then
    shimPrint(tostring(results[2]))
  elseif results.n > 1 then
    shimPrint(unpackValues(results, 2, results.n))
  end
end

function dispatch(line)
  local kind = line:sub(1, 1)
  if kind == "Q" then os.exit(0) end
  local ms, rest = line:match("^. (%d+) ?(.*)$")
  if not ms then error("shim: bad message " .. line) end
  NOW = tonumber(ms)
  if kind == "B" then
    protected(dofile, "init.lua")
  elseif kind == "X" then
    repl(rest)
  elseif kind == "L" then
    interactive(rest)
  elseif kind == "T" then
    local id = tonumber(rest)
    local t = timers[id]
    if t then
      timers[id] = nil
      protected(t.fn)
    end
  elseif kind == "G" then
    local pin, level = rest:match("^(%d+) ([01])$")
    pin, level = tonumber(pin), tonumber(level)
    local fn = trigs[pin]
    if fn then
      if esp32 then protected(fn, pin, level) else protected(fn, level, (NOW * 1000) % 2147483648, 1) end
    end
  elseif kind == "H" then
    collectgarbage("collect")
    collectgarbage("collect")
    send("K " .. collectgarbage("count"))
  else
    error("shim: unknown message " .. line)
  end
  send(".")
  outf:flush()
end

while true do
  local l = inf:read("*l")
  if l == nil then os.exit(0) end
  dispatch(l)
end
