/**
 * serialport's mock binding with its types: the package's `exports` map hides
 * its .d.ts from TypeScript's bundler resolution, so the types are taken from
 * the file directly.
 */
import type { MockBindingInterface } from "../../node_modules/@serialport/binding-mock/dist/index";
import type { BindingInterface } from "../../host/serial/serialport-link";
// @ts-expect-error the package's exports map does not expose its types
import { MockBinding as untyped } from "@serialport/binding-mock";

export const MockBinding: MockBindingInterface = untyped;

/**
 * The mock binding with one port at `path` whose modem-line `set` calls are
 * recorded into `sets` (each as serialport passes it: both lines and the rest).
 */
export function spyingMockBinding(path: string, sets: unknown[]): BindingInterface {
  MockBinding.reset();
  MockBinding.createPort(path, { echo: true, record: true });
  const binding = MockBinding as unknown as { list(): Promise<unknown[]>; open(o: unknown): Promise<{ set(s: unknown): Promise<void> }> };
  return {
    list: () => binding.list(),
    async open(o: unknown) {
      const port = await binding.open(o);
      const set = port.set.bind(port);
      port.set = async (s: unknown) => {
        sets.push(s);
        return set(s);
      };
      return port;
    },
  } as unknown as BindingInterface;
}
