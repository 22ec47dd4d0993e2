import type { AnalogPin } from "../contracts";

/** ESP32 ADC1: GPIO number -> channel (GPIO36..39 are channels 0..3, GPIO32..35 channels 4..7). */
const ESP32_ADC1_GPIOS = [36, 37, 38, 39, 32, 33, 34, 35];
/** ESP32 ADC1 with 11 dB attenuation: 12-bit reading over about 0..3300 mV. */
const ESP32_FULL_SCALE_MV = 3300;
const ESP32_MAX_RAW = 4095;
/** ESP8266 A0: 10-bit reading over 0..1000 mV (1024 = 1 V). */
const ESP8266_FULL_SCALE_MV = 1000;
const ESP8266_MAX_RAW = 1024;

/**
 * A NodeMCU analog input in millivolts (`adc` module). Throws a clear error
 * when the firmware lacks the `adc` module or the pin has no ADC channel, so
 * a board that declares a battery role fails at boot, not mid-test.
 */
export class NodeMcuAnalog implements AnalogPin {
  private unit: number;
  private channel: number;
  private fullScaleMv: number;
  private maxRaw: number;

  constructor(pin: number) {
    const a = adc;
    if (a === undefined) error("fobsync: pin " + pin + " is analog but this NodeMCU build has no adc module");
    const unit = a.ADC1;
    const setup = a.setup;
    const atten = a.ATTEN_11db;
    if (unit !== undefined && setup !== undefined && atten !== undefined) {
      const channel = ESP32_ADC1_GPIOS.indexOf(pin);
      if (channel < 0) error("fobsync: GPIO" + pin + " has no ADC1 channel (use GPIO32..39)");
      setup(unit, channel, atten);
      this.unit = unit;
      this.channel = channel;
      this.fullScaleMv = ESP32_FULL_SCALE_MV;
      this.maxRaw = ESP32_MAX_RAW;
    } else {
      this.unit = -1;
      this.channel = 0;
      this.fullScaleMv = ESP8266_FULL_SCALE_MV;
      this.maxRaw = ESP8266_MAX_RAW;
    }
  }

  readMillivolts(): number {
    const a = adc as NodeMcuAdc;
    const raw = this.unit >= 0 ? a.read(this.unit, this.channel) : a.read(0);
    return Math.floor((raw * this.fullScaleMv) / this.maxRaw);
  }
}
