import { parse } from "acorn";
import { analyseBindings, type Binding, type Scope } from "./espruino-scopes";
import { FIRST, NEXT, RESERVED } from "./espruino-alias";

/**
 * The rename pass (the last pass before the build id is stamped): every local
 * variable gets a new name, the shortest names going to the variables used
 * most, as Closure Compiler and esbuild rename. terser names variables in the
 * order it meets them, so in the firmware's closure (about 90 locals) a
 * variable read 18 times may get a two-character name while one read 3 times
 * got a letter. Here every occurrence of a one-character name saves a byte
 * of the pretokenised file over a two-character one.
 *
 * Greedy colouring, most occurrences first (ties: first occurrence first):
 * each variable takes the first name of `nameSequence` that no variable it
 * CONFLICTS with already took. Two variables conflict when one's name would
 * capture a reference to the other: a reference to A sits inside B's scope,
 * and B's scope lies inside A's (same scope included); or the other way
 * round. Variables of sibling scopes, or an inner one whose scope never reads
 * the outer one, may share a name, as terser's do. Espruino scopes `let` and
 * `const` to their block since 2v14 (`jspeBlockStart` in jsparse.c; builds
 * without it, SAVE_ON_FLASH, cannot run the bundle: no arrow functions, no
 * pretokenised code), except in a `switch` case, whose declarations land in
 * the block around the `switch`: the dialect gate refuses those.
 *
 * Never taken: a free name (a global such as `print`, `E`, `undefined`) read
 * anywhere, nor a word Espruino tokenises (`of`, `if`, `in`...) or JavaScript
 * reserves (`RESERVED`). Variables of
 * the global scope keep their names (the bundle declares none: it is one
 * `(()=>{...})()`). A shorthand property `{n}` becomes `{n:m}`.
 */
export function renameByFrequency(code: string): string {
  const program = parse(code, { ecmaVersion: 2020, sourceType: "script" });
  const { bindings, free } = analyseBindings(program);
  const taken = new Set<string>([...free, ...RESERVED]);
  const local = bindings.filter((b) => b.scope.parent !== null);
  const order = local
    .map((b, i) => ({ b, i }))
    .sort((x, y) => y.b.occurrences.length - x.b.occurrences.length || x.i - y.i)
    .map((x) => x.b);
  const given = new Map<Binding, string>();
  for (const b of order) {
    const clash = new Set<string>();
    for (const [other, name] of given) if (conflict(b, other)) clash.add(name);
    let name = "";
    for (const candidate of nameSequence()) {
      if (!taken.has(candidate) && !clash.has(candidate)) {
        name = candidate;
        break;
      }
    }
    given.set(b, name);
  }
  const edits: [number, number, string][] = [];
  for (const [b, name] of given) {
    for (const o of b.occurrences) edits.push([o.start, o.end, o.shorthand ? b.name + ":" + name : name]);
  }
  edits.sort((x, y) => y[0] - x[0]);
  let out = code;
  for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/** Names in the order they are handed out: the 54 one-character names, then two characters. */
export function* nameSequence(): Generator<string> {
  for (const c of FIRST) yield c;
  for (const c of FIRST) for (const d of NEXT) yield c + d;
  for (const c of FIRST) for (const d of NEXT) for (const e of NEXT) yield c + d + e;
}

/** Is `inner` `outer` or inside it? */
function within(inner: Scope, outer: Scope): boolean {
  for (let s: Scope | null = inner; s; s = s.parent) if (s === outer) return true;
  return false;
}

/** Would one name for `a` and `b` make a reference to one of them resolve to the other? */
function conflict(a: Binding, b: Binding): boolean {
  return captures(a, b) || captures(b, a);
}

/** Does `b`, named like `a`, capture a reference to `a`: `b`'s scope inside `a`'s and around a reference to `a`? */
function captures(a: Binding, b: Binding): boolean {
  if (!within(b.scope, a.scope)) return false;
  return a.occurrences.some((o) => within(o.scope, b.scope));
}
