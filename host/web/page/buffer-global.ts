/** esbuild injects this where the shared code names Node's `Buffer`: the `buffer` package (latin1, hex, base64) in the browser. */
export { Buffer } from "buffer";
