import type ts from "typescript";
import type * as tstl from "typescript-to-lua";
import { luaCompiler } from "./typescript-to-lua-lazy";

/**
 * A typescript-to-lua plugin for the NodeMCU build: `"k=" + n` with `n` typed
 * number becomes `"k="..n`, not `"k="..tostring(n)`. Lua's `..` turns a number
 * into text exactly as `tostring` does (5.1: "%.14g"; 5.3: the same function,
 * integers and floats alike), so the output is the same; the firmware builds
 * every event line this way, ~10 bytes per number. Only operands whose
 * TypeScript type is number throughout are unwrapped: anything that may be
 * undefined, boolean or an object keeps its `tostring`.
 */
export function concatNumbersPlugin(): tstl.Plugin {
  const { ts, tstl } = luaCompiler();
  /** True when every constituent of `e`'s type is a number (or a number literal). */
  const isNumber = (checker: ts.TypeChecker, e: ts.Expression): boolean => {
    const t = checker.getTypeAtLocation(e);
    const parts = t.isUnion() ? t.types : [t];
    return parts.every((p) => (p.flags & ts.TypeFlags.NumberLike) !== 0);
  };
  /** `tostring(x)` -> `x`; anything else as it is. */
  const unwrapToString = (e: tstl.Expression): tstl.Expression => {
    if (!tstl.isCallExpression(e) || e.params.length !== 1) return e;
    const f = e.expression;
    return tstl.isIdentifier(f) && f.text === "tostring" ? e.params[0] : e;
  };
  return {
    visitors: {
      [ts.SyntaxKind.BinaryExpression]: (node, context) => {
        const out = context.superTransformExpression(node);
        if (node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return out;
        if (!tstl.isBinaryExpression(out) || out.operator !== tstl.SyntaxKind.ConcatOperator) return out;
        if (isNumber(context.checker, node.left)) out.left = unwrapToString(out.left);
        if (isNumber(context.checker, node.right)) out.right = unwrapToString(out.right);
        return out;
      },
    },
  };
}
