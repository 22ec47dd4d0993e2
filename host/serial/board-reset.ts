/**
 * Reset an ESP32 or ESP8266 into what its flash holds, through the usual
 * USB-serial auto-reset circuit: RTS pulls EN low while DTR (IO0) stays high,
 * as esptool's hard reset does. A no-op on a pseudo-terminal, which has no
 * modem lines.
 */
import type { SerialLink } from "./link";

/** How long EN is held low: esptool's hard reset holds RTS for 100 ms. */
const RESET_PULSE_MS = 100;

export async function resetThroughRts(link: SerialLink): Promise<void> {
  await link.setSignals({ dtr: false, rts: true });
  await new Promise((resolve) => setTimeout(resolve, RESET_PULSE_MS));
  await link.setSignals({ dtr: false, rts: false });
}
