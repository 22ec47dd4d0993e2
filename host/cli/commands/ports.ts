/**
 * `fobsync ports`: list serial ports with USB ids, a guess of the adapter and
 * /dev/serial/by-id names. On Linux without udevadm it scans sysfs itself.
 */
import type { CommandModule, CommandContext } from "../command-module";
import { addOptions } from "../command-module";
import { EXIT } from "../../common/errors";
import { listPortsHere } from "../../ports/this-machine";
import type { PortInfo } from "../../ports/port-info";

interface PortsOptions {
  all?: boolean;
}

export const portsCommand: CommandModule<PortsOptions> = {
  name: "ports",
  summary: "list serial ports with USB ids, adapter guess and /dev/serial/by-id names",
  configure(cmd) {
    addOptions(cmd, [{ flags: "--all", description: "include built-in UART placeholders (ttyS* of the 8250 driver)" }]);
    cmd.addHelpText("after", "\nOn Linux without udevadm the list comes from /sys/class/tty and /dev/serial/by-id (the output says so).");
  },
  async run(opts, ctx) {
    const result = await listPortsHere(ctx.env, opts.all === true);
    const { out } = ctx;
    if (result.fallbackReason) {
      out.emit({ type: "notice", method: result.method, text: result.fallbackReason }, `note: ${result.fallbackReason}`, "dim");
    }
    if (result.ports.length === 0) {
      out.emit({ type: "ports", count: 0 }, "No serial ports found. Plug the board in with a DATA cable (charge-only cables have no data lines), then run `fobsync doctor`.", "warn");
      return EXIT.ok;
    }
    renderPorts(result.ports, ctx);
    out.emit({ type: "ports", count: result.ports.length }, null);
    return EXIT.ok;
  },
};

function renderPorts(ports: PortInfo[], { out }: CommandContext): void {
  out.table(
    "port",
    [
      { key: "path", header: "PORT", tone: () => "info" },
      { key: "usb", header: "USB ID" },
      { key: "guess", header: "PROBABLY" },
      { key: "byId", header: "BY-ID" },
    ],
    ports.map((p) => (out.json ? { ...p } : { ...p, usb: p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : "" })),
  );
}
