/**
 * Monitor figures:
 * 1. throughput: event lines parsed and formatted (human text, and NDJSON)
 *    per second by the monitor pipeline, in one process;
 * 2. latency: from the virtual board writing a line on its side of a real
 *    pseudo-terminal to the monitor pipeline handing out its record.
 */
import { MonitorPipeline } from "../host/monitor/monitor-pipeline";
import { formatHuman } from "../host/monitor/format-human";
import { openSerialLink } from "../host/serial/serialport-link";
import { openPtyPair } from "../host/sim/pty-pair";

function throughput(): void {
  const lines: string[] = [];
  for (let i = 1; i <= 200_000; i++) {
    lines.push(`@${i} ${i * 3} ${i % 50 === 0 ? "W" : "I"} input role=ignition.klr on=${i & 1} at=${i * 3}\r\n`);
  }
  const chunks: Buffer[] = [];
  for (let i = 0; i < lines.length; i += 40) chunks.push(Buffer.from(lines.slice(i, i + 40).join(""), "latin1"));
  for (const mode of ["human", "json"] as const) {
    let n = 0;
    let chars = 0;
    const p = new MonitorPipeline((rec) => {
      n++;
      chars += mode === "human" ? formatHuman(rec).text.length : JSON.stringify(rec).length;
    });
    const t0 = performance.now();
    for (const c of chunks) p.rx(c, Date.now());
    p.end();
    const s = (performance.now() - t0) / 1000;
    console.log(`monitor ${mode}: ${n} lines parsed and formatted in ${(s * 1000).toFixed(0)} ms = ${Math.round(n / s).toLocaleString("en")} lines/s (target >= 200,000); ${chars} chars`);
  }
}

async function latency(): Promise<void> {
  const pair = await openPtyPair();
  const board = await openSerialLink({ path: pair.boardPath, baudRate: 115200 });
  const host = await openSerialLink({ path: pair.hostPath, baudRate: 115200 });
  const samples: number[] = [];
  let sentAt = 0;
  let done: () => void = () => {};
  const p = new MonitorPipeline((rec) => {
    if (rec.type === "event") {
      samples.push(performance.now() - sentAt);
      done();
    }
  });
  host.onData((c) => p.rx(c, Date.now()));
  for (let i = 1; i <= 200; i++) {
    const got = new Promise<void>((r) => (done = r));
    sentAt = performance.now();
    await board.write(`@${i} ${i} I ok cmd=status\r\n`);
    await got;
  }
  samples.sort((a, b) => a - b);
  const q = (f: number) => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))].toFixed(2);
  console.log(`latency board write -> monitor record over a pty (${samples.length} lines): median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  console.log("  (on hardware add the line time: a 40-byte line takes 3.5 ms at 115200 baud, plus the USB adapter's latency timer)");
  await host.close();
  await board.close();
  await pair.close();
}

throughput();
await latency();
process.exit(0);
