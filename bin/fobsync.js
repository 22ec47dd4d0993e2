#!/usr/bin/env node
// fobsync launcher: runs the bundled CLI built by `npm run build` (build:cli).
import { existsSync } from "node:fs";

// A signal while the CLI is still loading ends it at once with the documented exit 7
// (nothing has started yet). The CLI adds its own handlers, then removes this one:
// in that order a signal that arrived meanwhile is not lost.
const whileLoading = () => process.exit(7);
globalThis.fobsyncWhileLoading = whileLoading;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, whileLoading);

const bundle = new URL("../dist/cli/fobsync.mjs", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write("fobsync: the CLI is not built yet: run `npm run build` (or `npm run build:cli`) in the fobsync folder first\n");
  process.exitCode = 2;
}
