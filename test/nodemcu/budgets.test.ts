import { afterAll, describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { NODEMCU_HEAP_BUDGET_KB, NODEMCU_SIZE_BUDGET } from "../../host/build/nodemcu-build";
import { bootLuaBoard, type LuaBoardRig } from "./harness";

/**
 * The issue's budgets, measured on the real build in Debian's lua5.1:
 * all Lua files together at most 24 KB; the heap the firmware takes at boot
 * (collectgarbage("count") after boot minus before init.lua, after full
 * collections) at most 40 KB, so it fits an ESP8266 NodeMCU. Figures are
 * printed whether or not they fit.
 */
const rigs: LuaBoardRig[] = [];
afterAll(() => rigs.forEach((r) => r.board.close()));

describe("NodeMCU budgets", () => {
  it(`total Lua size is at most ${NODEMCU_SIZE_BUDGET} bytes`, () => {
    const rig = bootLuaBoard(ESP32_RELAY8);
    rigs.push(rig);
    const b = rig.board.build;
    console.log(`nodemcu size: ${Object.entries(b.bytes).map(([f, n]) => `${f} ${n}`).join(", ")}; total ${b.totalBytes} of ${NODEMCU_SIZE_BUDGET} bytes`);
    expect(b.totalBytes).toBeLessThanOrEqual(NODEMCU_SIZE_BUDGET);
  });

  it(`Lua heap taken by the firmware after boot is at most ${NODEMCU_HEAP_BUDGET_KB} KB (lua5.1)`, () => {
    const rig = bootLuaBoard(ESP32_RELAY8, { vm: "lua5.1" });
    rigs.push(rig);
    const firmwareKb = rig.board.heapAfterBootKb - rig.board.heapBeforeBootKb;
    const codeKb = rig.board.codeHeapKb();
    console.log(
      `nodemcu heap (lua5.1, 64-bit host): before init.lua ${rig.board.heapBeforeBootKb.toFixed(1)} KB, after boot ${rig.board.heapAfterBootKb.toFixed(1)} KB; ` +
        `firmware ${firmwareKb.toFixed(1)} KB, of which compiled code ${codeKb.toFixed(1)} KB (in flash with LFS), data ${(firmwareKb - codeKb).toFixed(1)} KB; budget ${NODEMCU_HEAP_BUDGET_KB} KB`,
    );
    expect(firmwareKb).toBeLessThanOrEqual(NODEMCU_HEAP_BUDGET_KB);
  });
});
