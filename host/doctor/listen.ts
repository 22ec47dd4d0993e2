/**
 * Capture the bytes a board sends for a while at 115200 baud (for the baud
 * check). Opening the port toggles DTR/RTS, which resets most ESP boards, so
 * the capture usually includes the boot output.
 */
import { SerialPort } from "serialport";
import { openErrorToCli } from "../serial/port-errors";

/** Bytes received on `path` during `ms` milliseconds. Throws a typed CliError when the port cannot be opened. */
export async function listen(path: string, ms: number, baudRate = 115200): Promise<Uint8Array> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(openErrorToCli(path, err)) : resolve())));
  const chunks: Buffer[] = [];
  port.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => setTimeout(resolve, ms));
  await new Promise<void>((resolve) => port.close(() => resolve()));
  return new Uint8Array(Buffer.concat(chunks));
}
