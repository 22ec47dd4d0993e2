import { openSerialLink } from "../serial/serialport-link";
import { SerialSession } from "./serial-session";

/** Open the board on `path` at `baudRate` as a session. Throws typed errors (port not found, busy, permission). */
export async function openSerialSession(path: string, baudRate: number, target?: string): Promise<SerialSession> {
  const link = await openSerialLink({ path, baudRate });
  const what = target ? `${target} board` : "board";
  return SerialSession.over(link, `${what} on ${path} at ${baudRate} baud`);
}
