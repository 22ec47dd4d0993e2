/**
 * Record every byte a link carries, both ways, in `monitor --record`'s format
 * (host/monitor/recording.ts): the log the page offers for download, which
 * `fobsync replay` plays and `fobsync plot` draws.
 */
import { Buffer } from "buffer";
import type { SerialLink } from "../../serial/link";

export class RecordingTap {
  private lines: string[] = [];

  /** Wrap `link`: its received chunks and everything written through the returned link are recorded. */
  wrap(link: SerialLink): SerialLink {
    link.onData((chunk) => this.add("rx", chunk));
    link.onClose((reason) => {
      if (reason === "disconnected") this.lines.push(`{"t":${Date.now()},"dir":"disconnected"}`);
    });
    const tap = this;
    return Object.assign(Object.create(link) as SerialLink, {
      async write(data: Uint8Array | string) {
        tap.add("tx", typeof data === "string" ? Buffer.from(data, "latin1") : data);
        return link.write(data);
      },
    });
  }

  private add(dir: "rx" | "tx", bytes: Uint8Array): void {
    this.lines.push(`{"t":${Date.now()},"dir":"${dir}","hex":"${Buffer.from(bytes).toString("hex")}"}`);
  }

  /** The recording so far, one entry per line. */
  text(): string {
    return this.lines.map((l) => l + "\n").join("");
  }
}
