/** EspruinoTools' heatshrink (`espruino/libs/heatshrink.js`, a UMD module without types of its own). */
declare module "espruino/libs/heatshrink.js" {
  const heatshrink: {
    compress(input: Uint8Array): Uint8Array;
    decompress(input: Uint8Array): Uint8Array;
  };
  export default heatshrink;
}
