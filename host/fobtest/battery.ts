/**
 * The fob cell verdict from its voltage read with a button held (BMW LED key
 * thresholds): 3.2-2.6 V ok; 2.6-2.2 V weak, only unlock still transmits;
 * below 2.2 V flat, nothing transmits. And what the reading is worth.
 *
 * An ESP32's ADC, as Espruino reads it (`analogRead` is raw / 4096 at 11 dB,
 * targets/esp32/jshardware.c, no per-chip correction), is uncalibrated: its
 * reference varies from chip to chip (1000 to 1200 mV around the 1100 mV
 * median, ESP-IDF's ADC notes), so a reading may be 9.1 % off, and at 11 dB
 * it is good to about 60 mV at the pin within 150-2450 mV (ESP32 datasheet).
 * A one-time calibration against a voltage the user measured (a multimeter,
 * about 1 %) takes the gain error out; the pin's 60 mV stay. Both are
 * multiplied by the cell's divider. These are the documents' figures, not
 * measured here: no real ESP32 was on the bench.
 *
 * A verdict is given only when the whole error band agrees; otherwise it is
 * "unsure", with the verdicts at both ends of the band.
 */
import { numberField, type DeviceEvent } from "../protocol/event-line";

export type BatteryVerdict = "ok" | "weak" | "flat";

export const BATTERY_OK_MV = 2600;
export const BATTERY_WEAK_MV = 2200;

/** How far a reading may be off: a share of the reading, plus millivolts at the ADC pin. */
export interface AdcError {
  percent: number;
  pinMv: number;
}

/** An uncalibrated ESP32 ADC at 11 dB. */
export const UNCALIBRATED_ERROR: AdcError = { percent: 9.1, pinMv: 60 };
/** The same after `test-fob --calibrate`: the meter's 1 %, the pin's 60 mV. */
export const CALIBRATED_ERROR: AdcError = { percent: 1, pinMv: 60 };

/** The divider's scale (thousandths: 2000 = x2) when an older firmware does not say it: the shipped profiles' 100k/100k divider. */
export const DEFAULT_SCALE = 2000;

export interface BatteryReading {
  /** The cell's voltage as read, mV. */
  mv: number;
  /** How far it may be off, either way, mV. */
  errMv: number;
  calibrated: boolean;
  /** The verdict the whole band agrees on, or "unsure". */
  verdict: BatteryVerdict | "unsure";
  /** The verdicts at the low and the high end of the band. */
  low: BatteryVerdict;
  high: BatteryVerdict;
}

export function batteryVerdict(mv: number): BatteryVerdict {
  return mv >= BATTERY_OK_MV ? "ok" : mv >= BATTERY_WEAK_MV ? "weak" : "flat";
}

/**
 * Judge a cell reading: `mv` as the board reported it, `scale` its divider
 * (thousandths), `gain` the board's calibration (thousandths, 0: none).
 */
export function readBattery(mv: number, scale = DEFAULT_SCALE, gain = 0): BatteryReading {
  const calibrated = gain > 0;
  const e = calibrated ? CALIBRATED_ERROR : UNCALIBRATED_ERROR;
  const errMv = Math.round((mv * e.percent) / 100 + (e.pinMv * scale) / 1000);
  const low = batteryVerdict(mv - errMv);
  const high = batteryVerdict(mv + errMv);
  return { mv, errMv, calibrated, verdict: low === high ? low : "unsure", low, high };
}

/** "2.40 V ± 0.36 V (uncalibrated ADC)" */
export function readingText(r: BatteryReading): string {
  return `${(r.mv / 1000).toFixed(2)} V ± ${(r.errMv / 1000).toFixed(2)} V (${r.calibrated ? "calibrated" : "uncalibrated ADC"})`;
}

/** The reading a `battery` line reports; an older firmware's line (no scale, no gain) is taken as the default divider, uncalibrated. */
export function batteryReadingOf(ev: DeviceEvent): BatteryReading {
  const field = (key: string, otherwise: number) => (ev.fields[key] === undefined ? otherwise : numberField(ev, key));
  return readBattery(numberField(ev, "mv"), field("scale", DEFAULT_SCALE), field("gain", 0));
}
