import luaparse from "luaparse";

/**
 * Scope analysis of a Lua chunk for the minifier: every local variable
 * (binding) with the source range where it is visible and the offsets of
 * the identifiers that refer to it, plus the names of the globals the chunk
 * uses. Parsed by luaparse (Lua 5.1 grammar); offsets are source offsets.
 */

/** One local variable: a `local`, a parameter, a loop variable, a `local function`. */
export interface LuaBinding {
  name: string;
  /** Visible from this offset ... */
  start: number;
  /** ... to this one (the end of its block). */
  end: number;
  /** Offset of the declaring identifier, then of every identifier that refers to it. */
  sites: number[];
  /** The implicit `self` of a `function a:b()` has no declaring identifier and keeps its name. */
  fixed: boolean;
}

export interface LuaScopes {
  /** luaparse's AST of the chunk (with `range` on every node). */
  ast: { body: unknown[] };
  bindings: LuaBinding[];
  globals: Set<string>;
  /** Binding of the identifier at each offset (declarations and references). */
  bindingAt: Map<number, LuaBinding>;
}

// luaparse's AST, loosely typed: the walker reads the fields of each node type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

interface Scope {
  parent: Scope | undefined;
  names: Map<string, LuaBinding>;
  end: number;
}

/** Parse `src` (Lua 5.1) and resolve every identifier. Throws luaparse's syntax error on bad Lua. */
export function analyseLua(src: string): LuaScopes {
  const ast: Node = luaparse.parse(src, { ranges: true, luaVersion: "5.1", comments: false });
  const out: LuaScopes = { ast, bindings: [], globals: new Set(), bindingAt: new Map() };
  let scope: Scope = { parent: undefined, names: new Map(), end: src.length };

  const declare = (id: Node, start: number): void => {
    const b: LuaBinding = { name: id.name, start, end: scope.end, sites: [id.range[0]], fixed: false };
    scope.names.set(id.name, b);
    out.bindings.push(b);
    out.bindingAt.set(id.range[0], b);
  };
  const declareSelf = (start: number): void => {
    const b: LuaBinding = { name: "self", start, end: scope.end, sites: [], fixed: true };
    scope.names.set("self", b);
    out.bindings.push(b);
  };
  const reference = (id: Node): void => {
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
      const b = s.names.get(id.name);
      if (b !== undefined) {
        b.sites.push(id.range[0]);
        out.bindingAt.set(id.range[0], b);
        return;
      }
    }
    out.globals.add(id.name);
  };
  /** Run `fn` in a new scope that ends at `end`. */
  const inScope = (end: number, fn: () => void): void => {
    scope = { parent: scope, names: new Map(), end };
    fn();
    scope = scope.parent!;
  };
  const block = (body: Node[], end: number): void => inScope(end, () => body.forEach(statement));
  const exprs = (list: Node[]): void => list.forEach(expression);

  const func = (node: Node): void => {
    const id = node.identifier;
    if (id && node.isLocal) declare(id, id.range[0]);
    else if (id) expression(id);
    inScope(node.range[1], () => {
      if (id && id.type === "MemberExpression" && id.indexer === ":") declareSelf(node.range[0]);
      for (const p of node.parameters) if (p.type === "Identifier") declare(p, node.range[0]);
      node.body.forEach(statement);
    });
  };

  function statement(node: Node): void {
    switch (node.type) {
      case "LocalStatement":
        exprs(node.init);
        for (const v of node.variables) declare(v, node.range[1]);
        return;
      case "AssignmentStatement":
        exprs(node.init);
        exprs(node.variables);
        return;
      case "CallStatement":
        expression(node.expression);
        return;
      case "FunctionDeclaration":
        func(node);
        return;
      case "ReturnStatement":
        exprs(node.arguments);
        return;
      case "IfStatement":
        for (const c of node.clauses) {
          if (c.condition) expression(c.condition);
          block(c.body, c.range[1]);
        }
        return;
      case "WhileStatement":
        expression(node.condition);
        block(node.body, node.range[1]);
        return;
      case "DoStatement":
        block(node.body, node.range[1]);
        return;
      case "RepeatStatement":
        inScope(node.range[1], () => {
          node.body.forEach(statement);
          expression(node.condition);
        });
        return;
      case "ForNumericStatement":
        exprs([node.start, node.end].concat(node.step ? [node.step] : []));
        inScope(node.range[1], () => {
          declare(node.variable, node.range[0]);
          node.body.forEach(statement);
        });
        return;
      case "ForGenericStatement":
        exprs(node.iterators);
        inScope(node.range[1], () => {
          for (const v of node.variables) declare(v, node.range[0]);
          node.body.forEach(statement);
        });
        return;
      case "BreakStatement":
        return;
      default:
        throw new Error(`Lua minifier: unsupported statement ${node.type}`);
    }
  }

  function expression(node: Node): void {
    switch (node.type) {
      case "Identifier":
        reference(node);
        return;
      case "StringLiteral":
      case "NumericLiteral":
      case "BooleanLiteral":
      case "NilLiteral":
      case "VarargLiteral":
        return;
      case "FunctionDeclaration":
        func(node);
        return;
      case "MemberExpression":
        expression(node.base);
        return;
      case "IndexExpression":
        expression(node.base);
        expression(node.index);
        return;
      case "CallExpression":
      case "TableCallExpression":
        expression(node.base);
        exprs(node.arguments.type ? [node.arguments] : node.arguments);
        return;
      case "StringCallExpression":
        expression(node.base);
        return;
      case "TableConstructorExpression":
        for (const f of node.fields) {
          if (f.type === "TableKey") expression(f.key);
          expression(f.value);
        }
        return;
      case "BinaryExpression":
      case "LogicalExpression":
        expression(node.left);
        expression(node.right);
        return;
      case "UnaryExpression":
        expression(node.argument);
        return;
      default:
        throw new Error(`Lua minifier: unsupported expression ${node.type}`);
    }
  }

  ast.body.forEach(statement);
  return out;
}
