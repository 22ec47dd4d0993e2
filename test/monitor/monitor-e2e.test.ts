/**
 * The monitor against the virtual board on a real pseudo-terminal: typed
 * commands, a cable pulled and plugged back (reconnect, reboot epoch with its
 * reason), and a raw recording that replays to the same events.
 */
import { PassThrough } from "node:stream";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { espruinoBundle } from "../../host/flash/bundle-source";
import { MonitorPipeline } from "../../host/monitor/monitor-pipeline";
import { runMonitor } from "../../host/monitor/monitor-session";
import type { MonitorRecord } from "../../host/monitor/records";
import { readRecording, RecordingWriter } from "../../host/monitor/recording";
import { startModelBoard, type ModelBoard } from "../../host/sim/boards/model-board";

let board: ModelBoard | null = null;
afterEach(async () => {
  await board?.stop();
  board = null;
});

describe("monitor over a pseudo-terminal", () => {
  it("sends typed commands, survives an unplug, and starts a new epoch on the re-plug's boot banner", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-monitor-"));
    const hostLink = join(dir, "board");
    board = await startModelBoard({ baud: 0, speed: 20, hostLink, bundle: espruinoBundle().bytes.toString("latin1") });
    const recs: MonitorRecord[] = [];
    const stop = new AbortController();
    const typed = new PassThrough();
    const recorder = new RecordingWriter(join(dir, "rec.ndjson"));
    const seen = (pred: (r: MonitorRecord) => boolean) => expect.poll(() => recs.some(pred), { timeout: 10_000 }).toBe(true);
    const running = runMonitor({ path: hostLink, baudRate: 115200, reconnect: true, sink: (r) => recs.push(r), recorder, signal: stop.signal, input: typed, retryMs: 50 });

    typed.write("status\n");
    await seen((r) => r.type === "event" && r.event === "status");
    const b = board;
    await b.unplug();
    await seen((r) => r.type === "disconnected");
    await b.replug();
    await seen((r) => r.type === "reconnected");
    await seen((r) => r.type === "reboot" && r.epoch === 2);
    stop.abort();
    await running;
    recorder.close();

    const reboot = recs.find((r) => r.type === "reboot" && r.epoch === 2);
    expect(reboot).toMatchObject({ reason: "the port went away and came back (power cycle or replug)" });
    expect(recs.find((r) => r.type === "sent")).toMatchObject({ text: "status" });
    expect(recs.filter((r) => r.type === "lost")).toEqual([]);

    // The recording replays to the same events.
    const replayed: MonitorRecord[] = [];
    const p = new MonitorPipeline((r) => replayed.push(r));
    for (const e of readRecording(join(dir, "rec.ndjson")).entries) {
      if (e.dir === "rx") p.rx(e.bytes, e.t);
      else if (e.dir === "disconnected") p.disconnected(e.t, hostLink);
      else if (e.dir === "reconnected") p.reconnected(e.t, hostLink);
    }
    p.end();
    const events = (list: MonitorRecord[]) => list.filter((r) => r.type === "event" || r.type === "reboot").map((r) => JSON.stringify(r));
    expect(events(replayed)).toEqual(events(recs));
    expect(readFileSync(join(dir, "rec.ndjson"), "utf8").split("\n")[0]).toMatch(/^\{"t":\d+,"dir":"(rx|tx)","hex":"[0-9a-f]+"\}$/);
  });
});
