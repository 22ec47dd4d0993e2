/**
 * The browser page, `dist/web/`: a static site that can be hosted anywhere.
 *
 *   app.js            host/web/page/main.ts bundled by esbuild for the browser (the same
 *                     flasher, parser, session and pictures as the CLI; Node's Buffer from
 *                     the `buffer` package; EspruinoTools' heatshrink compressor, as the CLI
 *                     uses it: the page's chunks are the CLI's, byte for byte)
 *   chunks/           what the page loads only when it is used: step 1's installer
 *                     (esptool-js) and, once the chip is known, its ROM description and stub
 *   index.html, style.css
 *   firmware/         the shipped Espruino bytes and their build id, flashed by the page
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { REPO_ROOT } from "./build-info";
import { buildEspruinoBundle } from "./espruino-build";

export const WEB_DIST = join(REPO_ROOT, "dist", "web");
const PAGE = join(REPO_ROOT, "host", "web", "page");

/**
 * host/flash/espruino-heatshrink.ts loads the compressor through Node's module
 * loader: the page gets heatshrink-page.ts, which bundles the same file; that
 * file's Node-only branch asks for `fs` and `path`, which get empty modules.
 */
export const pageHeatshrink: Plugin = {
  name: "page-heatshrink",
  setup(b) {
    b.onResolve({ filter: /\/espruino-heatshrink$/ }, () => ({ path: join(PAGE, "heatshrink-page.ts") }));
    b.onResolve({ filter: /^(fs|path)$/ }, (args) => (/heatshrink\.js$/.test(args.importer) ? { path: args.path, namespace: "node-only" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "node-only" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};

export interface WebBuild {
  dir: string;
  build: string;
  /** app.js, what every visit loads. */
  appBytes: number;
  /** app.js and every chunk it may load. */
  allBytes: number;
}

export async function buildWeb(dir = WEB_DIST): Promise<WebBuild> {
  mkdirSync(join(dir, "firmware"), { recursive: true });
  const result = await build({
    entryPoints: [join(PAGE, "main.ts")],
    outdir: dir,
    entryNames: "app",
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    inject: [join(PAGE, "buffer-global.ts")],
    plugins: [pageHeatshrink],
    logLevel: "warning",
    metafile: true,
  });
  for (const f of ["index.html", "style.css"]) copyFileSync(join(PAGE, f), join(dir, f));
  const firmware = buildEspruinoBundle();
  writeFileSync(join(dir, "firmware", "fobsync.js"), Buffer.from(firmware.shipped, "latin1"));
  writeFileSync(join(dir, "firmware", "firmware.json"), JSON.stringify({ build: firmware.build, version: firmware.version, bytes: firmware.bytes }) + "\n");
  const outputs = Object.entries(result.metafile!.outputs);
  const appBytes = outputs.filter(([file]) => file.endsWith("/app.js")).reduce((n, [, o]) => n + o.bytes, 0);
  const allBytes = outputs.filter(([file]) => file.endsWith(".js")).reduce((n, [, o]) => n + o.bytes, 0);
  return { dir, build: firmware.build, appBytes, allBytes };
}
