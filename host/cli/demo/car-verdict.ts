/**
 * The simulated car's own verdict after a demo session on the pty board: the
 * ZKE car only settles its key list when its learn mode ends (the simulated
 * user opens a door after the last prompt), so wait for that, passing on the
 * board lines meanwhile, then say which keys the car now accepts.
 */
import type { Bench } from "../../sim/bench";
import { ZkeCar } from "../../sim/car-zke";
import type { Output, OutputRecord } from "../../common/output";
import type { BoardSession, SessionLine } from "../../session/board-session";

export interface CarVerdict extends OutputRecord {
  type: "car";
  knownKeys: string[];
  log: string[];
  /** The car's learn mode ended (false: still open when the wait ran out). */
  settled: boolean;
}

/** Longest virtual wait for the learn mode to end: the car's 30 s start window, with margin. */
const SETTLE_LIMIT_MS = 40_000;
/** Real ms per poll of the serial session. */
const POLL_MS = 50;

/** Has the car left its learn mode after at least one learn session? */
function carSettled(bench: Bench): boolean {
  const car = bench.car;
  return !(car instanceof ZkeCar) || (car.sessions.length > 0 && car.sessionState === "idle");
}

/**
 * Wait (virtual time, at most SETTLE_LIMIT_MS) for the car to settle, reading
 * `session` and passing each line to `onLine`; then emit and return the verdict.
 */
export async function readCarVerdict(bench: Bench, session: BoardSession, onLine: (l: SessionLine) => void, out: Output, signal: AbortSignal): Promise<CarVerdict> {
  const deadline = bench.clock.now() + SETTLE_LIMIT_MS;
  while (!carSettled(bench) && bench.clock.now() < deadline && !signal.aborted) {
    const line = await session.next(POLL_MS, signal);
    if (line) onLine(line);
  }
  for (let line = await session.next(POLL_MS); line; line = await session.next(POLL_MS)) onLine(line);
  const car = bench.car;
  const verdict: CarVerdict = { type: "car", knownKeys: car.knownKeys, log: car.log.map((l) => l.text), settled: carSettled(bench) };
  out.emit(verdict, [
    ...car.log.map((l) => `  car: ${l.text}`),
    `Simulated car now accepts: ${verdict.knownKeys.length ? verdict.knownKeys.join(", ") : "no key"}${verdict.settled ? "" : " (its learn mode was still open)"}`,
  ], "info");
  return verdict;
}
