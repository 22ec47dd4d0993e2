/**
 * Two ways to get a host link plus "the board's end of the cable", so the
 * same contract runs against serialport's mock binding and against a real
 * pseudo-terminal opened with the real bindings.
 */
import { MockBinding } from "./mock-binding";
import type { SerialLink } from "../../host/serial/link";
import { openSerialLink, type BindingInterface } from "../../host/serial/serialport-link";
import { openPtyPair } from "../../host/sim/pty-pair";

export interface LinkHarness {
  name: string;
  path: string;
  /** Open the host end (as fobsync does). */
  open(): Promise<SerialLink>;
  /** The board sends bytes to the host. */
  boardSends(data: string | Buffer): Promise<void>;
  /** Everything the board received so far. */
  boardReceived(): Promise<Buffer>;
  /** Resolves once the board has received at least `n` bytes. */
  boardReceives(n: number): Promise<Buffer>;
  /** Pull the cable: the port disappears. */
  unplug(): Promise<void>;
  /** Release everything. */
  dispose(): Promise<void>;
}

/** serialport's mock binding: the board's end is the mock port itself. */
export function mockHarness(path = "/dev/ttyFAKE0"): LinkHarness {
  MockBinding.reset();
  MockBinding.createPort(path, { echo: false, record: true });
  let host: SerialLink | null = null;
  const bindingPort = () => (host as unknown as { port: { port: { recording: Buffer; emitData(d: Buffer | string): void } } }).port.port;
  return {
    name: "mock binding",
    path,
    async open() {
      host = await openSerialLink({ path, baudRate: 115200, binding: MockBinding as unknown as BindingInterface });
      return host;
    },
    async boardSends(data) {
      bindingPort().emitData(data);
    },
    async boardReceived() {
      return Buffer.from(bindingPort().recording);
    },
    async boardReceives(n) {
      for (let i = 0; i < 1000 && bindingPort().recording.length < n; i++) await new Promise((r) => setImmediate(r));
      return Buffer.from(bindingPort().recording);
    },
    async unplug() {
      // The stream's own disconnect path, as when a read fails on a vanished device.
      (host as unknown as { port: { _disconnected(e: Error): void } }).port._disconnected(new Error("device unplugged"));
    },
    async dispose() {
      if (host?.isOpen) await host.close();
      MockBinding.reset();
    },
  };
}

/** A real pseudo-terminal pair (socat); the board's end opened with the real bindings. */
export async function ptyHarness(): Promise<LinkHarness> {
  const pair = await openPtyPair();
  const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
  const got: Buffer[] = [];
  const waiters: Array<() => void> = [];
  board.onData((d) => {
    got.push(d);
    waiters.splice(0).forEach((w) => w());
  });
  const hosts: SerialLink[] = [];
  return {
    name: "pseudo-terminal",
    path: pair.hostPath,
    async open() {
      const l = await openSerialLink({ path: pair.hostPath, baudRate: 115200 });
      hosts.push(l);
      return l;
    },
    async boardSends(data) {
      await board.write(data);
    },
    async boardReceived() {
      return Buffer.concat(got);
    },
    async boardReceives(n) {
      while (Buffer.concat(got).length < n) await new Promise<void>((r) => waiters.push(r));
      return Buffer.concat(got);
    },
    async unplug() {
      await pair.close();
    },
    async dispose() {
      for (const h of hosts) if (h.isOpen) await h.close();
      if (board.isOpen) await board.close();
      await pair.close();
    },
  };
}
