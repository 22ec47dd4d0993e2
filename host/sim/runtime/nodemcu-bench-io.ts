import type { OutputPin } from "../../../hal/contracts";
import type { BoardBackendContext } from "../backend";

/** ESP32 ADC1 (11 dB): 12 bits over 3300 mV; ESP8266 A0: 1024 over 1000 mV (matches nodeMcuAnalog in hal/nodemcu/nodemcu-pins.ts). */
function millivoltsToRaw(mv: number, esp32: boolean): number {
  const full = esp32 ? 3300 : 1000;
  const max = esp32 ? 4095 : 1024;
  return Math.max(0, Math.min(max, Math.ceil((mv * max) / full)));
}

/** The NodeMCU shim's pin requests answered from the bench (see nodemcu-shim.lua). */
export interface NodeMcuBenchIo {
  /** Answer a shim request: W (gpio.write), C (pin configuration), R (gpio.read), V (ADC), N (node.restart). */
  request(kind: string, args: string[]): string;
  /** A new Lua state (restart): no pin is configured or watched any more; the bench keeps each output's level until the new state drives it. */
  forgetPins(): void;
}

export interface NodeMcuBenchIoHooks {
  /** A configured input's raw level changed (deliver it to the Lua gpio.trig). */
  onEdge(pin: number, high: boolean): void;
  /** The firmware called node.restart(). */
  onRestart(): void;
}

/**
 * The bench side of the NodeMCU shim's GPIO and ADC: outputs become bench
 * output pins (a level written before the pin is an output is latched, as
 * NodeMCU's gpio.write before gpio.config does), inputs report raw edges
 * (NodeMCU debounces in the firmware), ADC reads convert the bench's
 * millivolts to the chip's raw counts.
 */
export function nodeMcuBenchIo(ctx: BoardBackendContext, esp32: boolean, hooks: NodeMcuBenchIoHooks): NodeMcuBenchIo {
  const outputs = new Map<number, OutputPin>();
  const latched = new Map<number, boolean>();
  /** Input pins Lua configured, with the raw level Lua last saw. */
  const inputs = new Map<number, { level: boolean; pullUp: boolean }>();

  const rawInput = (pin: number): boolean => {
    const level = ctx.pins.inputLevel(pin);
    return level !== undefined ? level : inputs.get(pin)?.pullUp === true;
  };

  ctx.pins.onInputChange((pin, high) => {
    const input = inputs.get(pin);
    if (input === undefined || input.level === high) return;
    input.level = high;
    hooks.onEdge(pin, high);
  });

  return {
    forgetPins: () => {
      inputs.clear();
      outputs.clear();
      latched.clear();
    },
    request(kind, args) {
      const pin = Number(args[0]);
      switch (kind) {
        case "W": {
          const high = args[1] === "1";
          const out = outputs.get(pin);
          if (out) out.write(high);
          else latched.set(pin, high);
          return "";
        }
        case "C":
          if (args[1] === "out") {
            inputs.delete(pin);
            outputs.set(pin, ctx.pins.output(pin, args[2] === "1" ? "open-drain" : "push-pull", latched.get(pin) ?? false));
          } else {
            outputs.delete(pin);
            inputs.set(pin, { level: false, pullUp: args[3] === "up" });
            inputs.get(pin)!.level = rawInput(pin);
          }
          return "";
        case "R":
          return (outputs.has(pin) ? ctx.pins.outputLevel(pin) === true : rawInput(pin)) ? "1" : "0";
        case "V": {
          const analogPin = args[0] === "A0" ? ctx.board.pins.find((p) => p.scale !== undefined)?.pin : pin;
          if (analogPin === undefined) throw new Error("NodeMCU shim: adc.read(0) but the board has no analog role");
          return String(millivoltsToRaw(ctx.pins.analog(analogPin).readMillivolts(), esp32));
        }
        case "N":
          hooks.onRestart();
          return "";
        default:
          throw new Error(`NodeMCU shim: unknown request ${kind}`);
      }
    },
  };
}
