import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../host/bundler/build-info";

/** Every .ts file under `dir`, relative to the repository. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(REPO_ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(REPO_ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** The repository-relative modules `file` imports (relative specifiers only, without extension). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) => normalize(join(dirname(file), m[1])));
}

describe("layering", () => {
  it("no library under host/ imports the CLI layer (host/cli)", () => {
    const offenders = sources("host")
      .filter((f) => !f.startsWith("host/cli/"))
      .flatMap((f) => importsOf(f).filter((m) => m.startsWith("host/cli/")).map((m) => `${f} -> ${m}`));
    expect(offenders).toEqual([]);
  });

  it("the firmware and the HAL import nothing from host/, and their modules import each other in no cycle (typescript-to-lua's bundle cannot load one)", () => {
    const device = [...sources("firmware"), ...sources("hal")];
    expect(device.flatMap((f) => importsOf(f).filter((m) => m.startsWith("host/")).map((m) => `${f} -> ${m}`))).toEqual([]);
    const graph = new Map(device.map((f) => [f.replace(/\.ts$/, ""), importsOf(f)]));
    const cycles: string[] = [];
    const walk = (node: string, path: string[]) => {
      if (path.includes(node)) return void cycles.push([...path.slice(path.indexOf(node)), node].join(" -> "));
      for (const next of graph.get(node) ?? []) walk(next, [...path, node]);
    };
    for (const node of graph.keys()) walk(node, []);
    expect(cycles).toEqual([]);
  });
});
