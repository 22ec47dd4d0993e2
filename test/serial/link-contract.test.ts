/**
 * The contract of the serial link, run twice: against serialport's mock
 * binding and against a real pseudo-terminal with the real bindings.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../host/common/errors";
import { openSerialLink } from "../../host/serial/serialport-link";
import { type LinkHarness, mockHarness, ptyHarness } from "./link-harness";

const harnesses: Array<[string, () => Promise<LinkHarness>]> = [
  ["mock binding", async () => mockHarness()],
  ["pseudo-terminal", ptyHarness],
];

describe.each(harnesses)("serial link contract over %s", (_name, make) => {
  let h: LinkHarness | null = null;
  afterEach(async () => {
    await h?.dispose();
    h = null;
  });

  it("delivers bytes both ways unchanged, including every byte value", async () => {
    h = await make();
    const link = await h.open();
    const got: Buffer[] = [];
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const received = new Promise<void>((resolve) =>
      link.onData((d) => {
        got.push(d);
        if (Buffer.concat(got).length >= all.length) resolve();
      }),
    );
    await h.boardSends(all);
    await received;
    expect(Buffer.concat(got)).toEqual(all);
    await link.write("fs(\"status\")\n");
    expect((await h.boardReceives(13)).toString()).toBe('fs("status")\n');
  });

  it("a second open of the same port is refused as busy (exit 4)", async () => {
    h = await make();
    await h.open();
    const err = await openSerialLink({ path: h.path, baudRate: 115200, binding: h.name === "mock binding" ? (await import("./mock-binding")).MockBinding as never : undefined }).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("port-busy");
    expect((err as CliError).exit).toBe(EXIT.portBusy);
  });

  it("reports an unplugged port as disconnected, and writes then fail with exit 3", async () => {
    h = await make();
    const link = await h.open();
    const closed = new Promise<string>((resolve) => link.onClose((reason) => resolve(reason)));
    await h.unplug();
    expect(await closed).toBe("disconnected");
    expect(link.isOpen).toBe(false);
    const err = await link.write("x").catch((e) => e);
    expect((err as CliError).exit).toBe(EXIT.portNotFound);
  });

  it("close() is reported as closed, not as a disconnect, and is safe twice", async () => {
    h = await make();
    const link = await h.open();
    const reasons: string[] = [];
    link.onClose((r) => reasons.push(r));
    await link.close();
    await link.close();
    expect(reasons).toEqual(["closed"]);
  });
});

describe("opening a port that is not there", () => {
  it("mock binding: not found, exit 3", async () => {
    const h = mockHarness("/dev/ttyFAKE1");
    const { MockBinding } = await import("./mock-binding");
    const err = await openSerialLink({ path: "/dev/ttyNOPE", baudRate: 115200, binding: MockBinding as never }).catch((e) => e);
    expect((err as CliError).code).toBe("port-not-found");
    expect((err as CliError).exit).toBe(EXIT.portNotFound);
    await h.dispose();
  });

  it("real bindings: not found, exit 3, with the path in the message", async () => {
    const err = await openSerialLink({ path: "/dev/ttyFOBSYNC-NOPE", baudRate: 115200 }).catch((e) => e);
    expect((err as CliError).exit).toBe(EXIT.portNotFound);
    expect((err as CliError).message).toBe("serial port /dev/ttyFOBSYNC-NOPE not found");
  });
});

describe("a locked port on the real bindings", () => {
  it("a lock held by a handle that is closing (no other process shows the port open) is tried again: the port opens once the handle lets go", async () => {
    const h = await ptyHarness();
    try {
      const first = await h.open();
      setTimeout(() => void first.close(), 200);
      const second = await openSerialLink({ path: h.path, baudRate: 115200 });
      expect(second.isOpen).toBe(true);
      expect(first.isOpen).toBe(false);
      await second.close();
    } finally {
      await h.dispose();
    }
  });
});

describe("DTR/RTS on open", () => {
  it("releases both lines as the port opens, so an ESP32 is neither reset nor put in its bootloader", async () => {
    const { MockBinding, spyingMockBinding } = await import("./mock-binding");
    const sets: unknown[] = [];
    const spying = spyingMockBinding("/dev/ttyFAKE2", sets);
    const link = await openSerialLink({ path: "/dev/ttyFAKE2", baudRate: 115200, binding: spying as never });
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ dtr: false, rts: false });
    await link.close();
    MockBinding.reset();
  });
});
