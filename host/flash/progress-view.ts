/**
 * Flash progress for people (a bar on stderr with bytes and rate, only on a
 * terminal) and for scripts (`--json`: a `progress` record per phase and every
 * 10 % of the upload).
 */
import { SingleBar } from "cli-progress";
import type { Output } from "../common/output";
import type { FlashProgress } from "./espruino-flasher";

export class ProgressView {
  private bar: SingleBar | null = null;
  private readonly start = performance.now();
  private lastTenth = -1;
  private phase = "";

  constructor(
    private readonly out: Output,
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean },
    /** Which REPL and check the phase lines name. */
    private readonly target: "espruino" | "nodemcu" = "espruino",
  ) {}

  /** Bytes per second since the start. */
  rate(sent: number): number {
    const s = (performance.now() - this.start) / 1000;
    return s > 0 ? Math.round(sent / s) : 0;
  }

  update(p: FlashProgress): void {
    const rate = this.rate(p.sent);
    if (this.out.json) {
      const tenth = Math.floor((p.sent * 10) / p.total);
      if (p.phase !== this.phase || tenth !== this.lastTenth) this.out.emit({ type: "progress", phase: p.phase, sent: p.sent, total: p.total, rate }, null);
      this.phase = p.phase;
      this.lastTenth = tenth;
      return;
    }
    if (p.phase !== this.phase && p.phase !== "upload") {
      this.stopBar();
      this.out.say(phaseText(p, this.target), "dim");
    }
    this.phase = p.phase;
    if (p.phase !== "upload" || !this.stderr.isTTY) return;
    if (!this.bar) {
      this.bar = new SingleBar(
        { stream: this.stderr, format: "upload [{bar}] {percentage}% {value}/{total} bytes {rate} B/s", hideCursor: true, clearOnComplete: false },
      );
      this.bar.start(p.total, 0, { rate: 0 });
    }
    this.bar.update(p.sent, { rate });
  }

  stopBar(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

function phaseText(p: FlashProgress, target: "espruino" | "nodemcu"): string {
  const nodemcu = target === "nodemcu";
  if (p.phase === "connect") return nodemcu ? "connecting to the NodeMCU Lua REPL..." : "connecting to the Espruino REPL...";
  if (p.phase === "verify") return nodemcu ? `uploaded ${p.total} bytes; verifying the length and Adler-32 the board computes of each file...` : `uploaded ${p.total} bytes; verifying the CRC of what the board stored...`;
  if (p.phase === "compile") return "compiling on the board (node.stripdebug(3), node.compile)...";
  return "rebooting the board into the new firmware...";
}
