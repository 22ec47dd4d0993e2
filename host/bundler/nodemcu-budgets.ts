/**
 * The NodeMCU firmware's budgets, in a module of their own: the flasher (in
 * the CLI and in the browser page) checks a board against them without
 * loading the Lua build.
 */

/**
 * A sanity limit on all Lua files together, not a budget: flash holds them
 * (the Lua Flash Store keeps code and constants there). The budget is the Lua
 * heap, KB (collectgarbage("count")), after boot and at a 4-key session's
 * peak on a 32-bit Lua: it decides whether the firmware fits a board.
 */
export const NODEMCU_SIZE_LIMIT = 128 * 1024;
/** The heap budget of the Lua Flash Store path (code in flash), an ESP8266's: it keeps about 40 KB free for Lua. */
export const NODEMCU_HEAP_BUDGET_KB = 40;
/**
 * The heap budget of the RAM path (`fobsync.lc`), an ESP32's: ours, not the
 * chip's (its NodeMCU keeps far more free); `fobsync flash --target nodemcu`
 * checks the board's own `node.heap()` before it writes.
 */
export const NODEMCU_ESP32_HEAP_BUDGET_KB = 100;
