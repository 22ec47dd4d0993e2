import { describe, expect, it } from "vitest";
import type { CloseReason, SerialLink } from "../../host/serial/link";
import { FlowWriter } from "../../host/serial/flow-writer";
import { XOFF, XON } from "../../host/serial/line-splitter";

/** A link that records writes and can be unplugged; nothing else. */
function fakeLink() {
  const written: Buffer[] = [];
  const closeHandlers: ((reason: CloseReason) => void)[] = [];
  let open = true;
  const link = {
    path: "/dev/ttyFAKE0",
    baudRate: 115200,
    get isOpen() {
      return open;
    },
    write: async (data: Uint8Array | string) => {
      written.push(Buffer.from(data as Uint8Array));
    },
    onClose: (fn: (reason: CloseReason) => void) => {
      closeHandlers.push(fn);
      return () => {};
    },
  } as unknown as SerialLink;
  const unplug = () => {
    open = false;
    for (const fn of closeHandlers) fn("disconnected");
  };
  return { link, written, unplug };
}

describe("FlowWriter", () => {
  it("waits out XOFF and goes on at XON", async () => {
    const { link, written } = fakeLink();
    const w = new FlowWriter(link);
    w.flow(XOFF);
    const done = w.write("abc", { sliceBytes: 1 });
    await new Promise((r) => setImmediate(r));
    expect(written.length).toBe(0);
    w.flow(XON);
    await done;
    expect(Buffer.concat(written).toString()).toBe("abc");
  });

  it("fails at once with port-disconnected when the port vanishes during an XOFF pause (no hang, no 'not answering')", async () => {
    const { link, unplug } = fakeLink();
    const w = new FlowWriter(link);
    w.flow(XOFF);
    const started = Date.now();
    const done = w.write("abc", { xoffTimeoutMs: 60_000 });
    setImmediate(unplug);
    await expect(done).rejects.toMatchObject({ code: "port-disconnected" });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
