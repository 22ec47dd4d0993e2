/**
 * serialport's mock binding with its types: the package's `exports` map hides
 * its .d.ts from TypeScript's bundler resolution, so the types are taken from
 * the file directly.
 */
import type { MockBindingInterface } from "../../node_modules/@serialport/binding-mock/dist/index";
// @ts-expect-error the package's exports map does not expose its types
import { MockBinding as untyped } from "@serialport/binding-mock";

export const MockBinding: MockBindingInterface = untyped;
