/**
 * The fob cell verdict from its voltage read with a button held (BMW LED key
 * thresholds): 3.2-2.6 V ok; 2.6-2.2 V weak, only unlock still transmits;
 * below 2.2 V flat, nothing transmits.
 */
export type BatteryVerdict = "ok" | "weak" | "flat";

export const BATTERY_OK_MV = 2600;
export const BATTERY_WEAK_MV = 2200;

export function batteryVerdict(mv: number): BatteryVerdict {
  return mv >= BATTERY_OK_MV ? "ok" : mv >= BATTERY_WEAK_MV ? "weak" : "flat";
}
