/**
 * The NodeMCU firmware's Lua heap after boot and at a 4-key session's peak,
 * on the BUILT Lua in a real Lua VM on the simulated bench (a ZKE car, keys 1
 * and 2 on relays, 3 and 4 guided by hand), sampled every 100 ms of virtual
 * time. Two paths, as docs/nodemcu.md gives them:
 * - LFS (the ESP8266's): code and constants stay in flash, so the figure is
 *   the heap less the loaded chunk (kept referenced: `holdChunk`);
 * - RAM (`fobsync.lc`, the ESP32's): the heap less what it was before boot.
 */
import { createBench } from "../../host/sim/bench";
import { nodeMcuBackend, type NodeMcuBoard } from "../../host/sim/runtime/nodemcu-backend";
import type { BoardBackendFactory } from "../../host/sim/backend";

export interface NodeMcuHeap {
  path: "lfs" | "ram";
  afterBootKb: number;
  peakKb: number;
  samples: number;
  /** The session.end fields (the session must have ended ok). */
  end: { [field: string]: string | number };
}

const SAMPLE_MS = 100;

export function nodeMcuSessionHeap(path: "lfs" | "ram", vm: "lua5.1" | "lua5.3" = "lua5.1"): NodeMcuHeap {
  let board: NodeMcuBoard | null = null;
  let base = 0;
  let afterBootKb = 0;
  let peakKb = 0;
  let samples = 0;
  const backend: BoardBackendFactory = (ctx) => {
    const b = nodeMcuBackend({ vm, compiled: true, heapProbe: true, holdChunk: path === "lfs" })(ctx) as NodeMcuBoard;
    const h = b.bootHeap!;
    base = path === "lfs" ? h.beforeKb + h.codeKb : h.beforeKb;
    afterBootKb = b.heapAfterBootKb - base;
    peakKb = afterBootKb;
    board = b;
    const sample = () => {
      if (board === null) return;
      peakKb = Math.max(peakKb, board.heapKb() - base);
      samples++;
      ctx.clock.at(ctx.clock.now() + SAMPLE_MS, sample);
    };
    ctx.clock.at(ctx.clock.now() + SAMPLE_MS, sample);
    return b;
  };
  const ids = ["key1", "key2", "key3", "key4"];
  const bench = createBench({ backend, car: { kind: "zke", knownKeys: ["old"] }, fobs: ids.map((id, i) => (i < 2 ? { id, slot: i + 1 } : { id })) });
  try {
    bench.runFor(500);
    bench.send("pair bmw-zke keys=4 confirm=4");
    const end = bench.runUntilEvent("session.end", 600_000);
    if (!end) throw new Error("the 4-key session did not end on the NodeMCU board");
    return { path, afterBootKb, peakKb, samples, end: end.fields };
  } finally {
    board = null;
    bench.close();
  }
}
