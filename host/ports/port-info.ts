/** One serial port as `fobsync ports` reports it. */
export interface PortInfo {
  /** Device path, e.g. /dev/ttyUSB0. */
  path: string;
  /** Stable names in /dev/serial/by-id pointing at this device. */
  byId: string[];
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  /** Best guess of the adapter chip and boards (from the USB ids). */
  guess?: string;
  /** Where the information came from. */
  source: "serialport" | "sysfs";
}
