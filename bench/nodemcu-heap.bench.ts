/**
 * The NodeMCU firmware's Lua heap, after boot and at a 4-key session's peak,
 * on both paths (test/nodemcu/heap-session.ts), labelled with the word size
 * of the Lua VM that measured it: NodeMCU's Lua is 32-bit, and a 64-bit Lua's
 * objects are larger. Verdicts: the ESP8266 takes the LFS path within
 * NODEMCU_HEAP_BUDGET_KB; an ESP32 runs the RAM path, and `fobsync flash
 * --target nodemcu` reads the board's own `node.heap()` before it writes.
 */
import { NODEMCU_HEAP_BUDGET_KB, NODEMCU_ESP32_HEAP_BUDGET_KB } from "../host/bundler/nodemcu-build";
import { luaWordBits, luaWordLabel } from "../host/sim/runtime/lua-word-size";
import { nodeMcuSessionHeap } from "../test/nodemcu/heap-session";

const bits = luaWordBits("lua5.1");
if (bits === null) {
  console.log("nodemcu heap: skipped, lua5.1 is not installed (npm run setup installs it)");
} else {
  console.log(`nodemcu heap (${luaWordLabel("lua5.1")}), luac -s bytecode, a 4-key bmw-zke session sampled every 100 ms:`);
  for (const path of ["lfs", "ram"] as const) {
    const h = nodeMcuSessionHeap(path);
    const budget = path === "lfs" ? NODEMCU_HEAP_BUDGET_KB : NODEMCU_ESP32_HEAP_BUDGET_KB;
    const board = path === "lfs" ? "ESP8266 (LFS path)" : "ESP32 (RAM path, fobsync.lc)";
    const fits = h.peakKb <= budget;
    console.log(
      `  ${path.toUpperCase().padEnd(3)} after boot ${h.afterBootKb.toFixed(1)} KB, session peak ${h.peakKb.toFixed(1)} KB (${h.samples} samples; keys confirmed ${h.end.confirmed} of ${h.end.keys}); ` +
        `${board} budget ${budget} KB: ${fits ? "fits" : "DOES NOT FIT"}${bits === 64 ? " (64-bit figures: a board's are smaller)" : ""}`,
    );
  }
}
