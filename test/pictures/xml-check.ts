/**
 * A small XML well-formedness check for the SVGs (no DOM in Node): one root,
 * balanced and properly nested tags, quoted unique attributes, no raw `<` or
 * stray `&` in text or attribute values. Returns problems; empty when well-formed.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const text = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const checkChars = (s: string, where: string) => {
    if (s.includes("<")) problems.push("raw < in " + where);
    const amp = s.match(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
    if (amp) problems.push("stray & in " + where + ": " + s.substring(0, 40));
  };
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt < 0) {
      checkChars(text.substring(i), "text");
      break;
    }
    checkChars(text.substring(i, lt), "text");
    const gt = text.indexOf(">", lt);
    if (gt < 0) {
      problems.push("unterminated tag at " + lt);
      break;
    }
    const tag = text.substring(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.substring(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push("</" + name + "> closes <" + open + ">");
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*$/.exec(body);
    if (!m) {
      problems.push("malformed tag <" + tag.substring(0, 60) + ">");
      continue;
    }
    const names: string[] = [];
    for (const a of m[2].matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      if (names.includes(a[1])) problems.push("attribute " + a[1] + " twice in <" + m[1] + ">");
      names.push(a[1]);
      checkChars(a[2], "attribute " + a[1]);
    }
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(m[1]);
  }
  if (stack.length) problems.push("unclosed: " + stack.join(", "));
  if (roots !== 1) problems.push("expected one root element, found " + roots);
  return problems;
}
