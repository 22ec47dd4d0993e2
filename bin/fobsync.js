#!/usr/bin/env node
// fobsync launcher: runs the bundled CLI built by `npm run build` (build:cli).
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cli/fobsync.mjs", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write("fobsync: the CLI is not built yet: run `npm run build` (or `npm run build:cli`) in the fobsync folder first\n");
  process.exitCode = 2;
}
