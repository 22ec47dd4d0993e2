import { parse } from "acorn";
import { analyze } from "eslint-scope";
import { buildEspruinoBundle } from "./host/bundler/espruino-build";
const code = buildEspruinoBundle().code;
const ast: any = parse(code, { ecmaVersion: 2022, sourceType: "script", ranges: true });
const m = analyze(ast, { ecmaVersion: 2022, sourceType: "script" });
const g = m.globalScope!;
// top-level function declarations
const fns = new Map<string, any>();
for (const s of ast.body) if (s.type === "FunctionDeclaration") fns.set(s.id.name, s);
// for each reference to a top-level function: where (enclosing top-level function or top-level), call or value
const enclosing = (node: any): string | null => { for (const [n, f] of fns) if (node.start >= f.start && node.end <= f.end) return n; return null; };
const parentMap = new Map<any, any>();
(function walk(n: any, p: any) { if (!n || typeof n.type !== "string") return; parentMap.set(n, p); for (const k of Object.keys(n)) { const v = n[k]; if (Array.isArray(v)) v.forEach((c) => walk(c, n)); else if (v && typeof v.type === "string") walk(v, n); } })(ast, null);
const callers = new Map<string, Set<string>>(); const valueUse = new Set<string>();
for (const s of m.scopes) for (const r of s.references) {
  const v = r.resolved; if (!v || v.scope !== g || !fns.has(v.name)) continue;
  const id = r.identifier as any; if (fns.get(v.name).id === id) continue;
  const p = parentMap.get(id);
  const isCall = p && p.type === "CallExpression" && p.callee === id;
  const where = enclosing(id) ?? "<top>";
  if (!isCall) valueUse.add(v.name);
  if (!callers.has(v.name)) callers.set(v.name, new Set()); callers.get(v.name)!.add(where);
}
// live: value-used, and everything called from live functions
const live = new Set<string>(valueUse);
let changed = true;
while (changed) { changed = false; for (const [f, cs] of callers) if (!live.has(f)) for (const c of cs) if (c !== "<top>" && live.has(c)) { live.add(f); changed = true; } }
const bootOnly = [...fns.keys()].filter((f) => !live.has(f));
console.log("functions", fns.size, "live", live.size, "boot-only", bootOnly.length);
for (const f of bootOnly) { const d = fns.get(f); console.log(f, d.params.length, code.slice(d.start, Math.min(d.end, d.start + 90))); }
