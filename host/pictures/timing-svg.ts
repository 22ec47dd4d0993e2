import type { DeviceEvent } from "../protocol/event-line";
import { renderScene } from "./svg-builder";
import { layoutTiming, type TimingOptions } from "./timing-layout";

/** The timing diagram of one session's events as a standalone SVG document. */
export function renderTimingSvg(events: DeviceEvent[], options: TimingOptions = {}): string {
  return renderScene(layoutTiming(events, options).scene);
}
