/**
 * Where an Espruino program's JsVars go, from the interpreter's own
 * `E.dumpVariables()` listing (one line per JsVar block: `ref,size,flags,
 * description,links...`): each block counted by what it is. Used by the
 * benchmark to print the firmware's breakdown (docs/espruino.md section 6).
 */

/** JsVars by kind. */
export interface JsVarBreakdown {
  /** Function values (JavaScript, `=>` and native). */
  functions: number;
  /** Each function's code: its `\xFFcod` name and the flash string it points to. */
  code: number;
  /** Each function's link to the scope it was made in (`\xFFsco`), and copied scope chains. */
  scopes: number;
  /** Function parameter names. */
  parameters: number;
  /** Names of variables and object fields (a name of 9 characters or more takes 2). */
  names: number;
  /** Objects, arrays, strings and numbers: the data. */
  data: number;
  total: number;
}

/** Interpreter `JsVarFlags` type numbers of the Linux build (src/jsvar.h). */
const FUNCTION_TYPES = new Set([7, 8, 9]);
const FLASH_STRING = 61;

/** Count the blocks of an `E.dumpVariables()` listing by kind. */
export function breakdownOf(dump: string): JsVarBreakdown {
  const b: JsVarBreakdown = { functions: 0, code: 0, scopes: 0, parameters: 0, names: 0, data: 0, total: 0 };
  for (const line of dump.split(/\r?\n/)) {
    const m = /^(\d+),(\d+),(\d+),(.*)$/.exec(line);
    if (!m) continue;
    const size = Number(m[2]);
    const type = Number(m[3]) & 63;
    const desc = m[4];
    b.total += size;
    if (FUNCTION_TYPES.has(type) && !desc.startsWith('"')) b.functions += size;
    else if (desc.startsWith('"\\xFFcod"') || type === FLASH_STRING) b.code += size;
    else if (desc.startsWith('"\\xFFsco"')) b.scopes += size;
    else if (/^"\\xFF[A-Za-z_$][A-Za-z0-9_$]{0,2}"/.test(desc)) b.parameters += size;
    else if (desc.startsWith('"')) b.names += size;
    else b.data += size;
  }
  return b;
}
