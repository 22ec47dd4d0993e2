/**
 * The Web Serial adapter esptool-js runs over in the CLI
 * (host/esptool/web-serial-over-link.ts), on serialport's mock binding:
 * fresh streams at every open (esptool-js reopens to change baud), DTR and
 * RTS always set together (serialport fills a missing one with `true`), the
 * USB ids as numbers.
 */
import { afterEach, expect, it } from "vitest";
import { WebSerialOverLink } from "../../host/esptool/web-serial-over-link";
import { MockBinding, spyingMockBinding } from "../serial/mock-binding";

const PATH = "/dev/ttyFAKE7";
afterEach(() => MockBinding.reset());

const spyingBinding = (sets: unknown[]) => spyingMockBinding(PATH, sets);

it("each open gives new readable and writable streams that carry bytes both ways; close takes them away", async () => {
  const port = new WebSerialOverLink(PATH, {}, spyingBinding([]));
  const seen: unknown[] = [];
  for (const baudRate of [115200, 921600]) {
    await port.open({ baudRate });
    expect(port.readable).not.toBeNull();
    expect(seen).not.toContain(port.readable);
    expect(seen).not.toContain(port.writable);
    seen.push(port.readable, port.writable);
    const writer = port.writable!.getWriter();
    await writer.write(Uint8Array.from([0xc0, 0x08, 0xc0]));
    writer.releaseLock();
    // the mock port echoes what it is sent
    const reader = port.readable!.getReader();
    const { value } = await reader.read();
    expect([...value!]).toEqual([0xc0, 0x08, 0xc0]);
    reader.releaseLock();
    await port.close();
    expect(port.readable).toBeNull();
    expect(port.writable).toBeNull();
  }
});

it("DTR and RTS are tracked and always set together: setting one keeps the other as it was (never serialport's default true)", async () => {
  const sets: unknown[] = [];
  const port = new WebSerialOverLink(PATH, {}, spyingBinding(sets));
  await port.open({ baudRate: 115200 });
  await port.setSignals({ dataTerminalReady: false });
  await port.setSignals({ requestToSend: true });
  await port.setSignals({ dataTerminalReady: true });
  await port.setSignals({ requestToSend: false });
  // the first set is the open's (both released), then one per call, both lines each time
  expect(sets.slice(1)).toMatchObject([
    { dtr: false, rts: false },
    { dtr: false, rts: true },
    { dtr: true, rts: true },
    { dtr: true, rts: false },
  ]);
  expect(port.signals()).toEqual({ dtr: true, rts: false });
  await port.close();
});

it("the lines set before an open are the ones the port opens with", async () => {
  const sets: unknown[] = [];
  const port = new WebSerialOverLink(PATH, {}, spyingBinding(sets));
  await port.setSignals({ dataTerminalReady: true, requestToSend: false });
  await port.open({ baudRate: 115200 });
  expect(sets[0]).toMatchObject({ dtr: true, rts: false });
  await port.close();
});

it("getInfo gives the USB ids as numbers, and an open port refuses a second open", async () => {
  const port = new WebSerialOverLink(PATH, { usbVendorId: 0x1a86, usbProductId: 0x7523 }, spyingBinding([]));
  expect(port.getInfo()).toEqual({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
  await port.open({ baudRate: 115200 });
  await expect(port.open({ baudRate: 115200 })).rejects.toThrow(/already open/);
  await port.close();
});
