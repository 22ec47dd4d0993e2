/**
 * An HTML page that parses SVG documents with the browser's XML parser,
 * puts them in the page and measures every <text> with getBBox(); the result
 * is written into <pre id="result"> as JSON for `--dump-dom`.
 */
export interface MeasuredText {
  text: string;
  /** getBBox(): x, y, width, height in SVG units, from the real font. */
  measured: [number, number, number, number];
  /** The layout's conservative box (data-box). */
  budget: [number, number, number, number];
}

export interface MeasuredSvg {
  parserError: string;
  fontFamily: string;
  texts: MeasuredText[];
}

export function measurePage(svgs: Record<string, string>): string {
  const script = `
const SVGS = ${JSON.stringify(svgs).replace(/</g, "\\u003c")};
const errors = [];
window.addEventListener("error", (e) => errors.push(String(e.message)));
const results = {};
try {
  for (const name of Object.keys(SVGS)) {
    const doc = new DOMParser().parseFromString(SVGS[name], "image/svg+xml");
    const perr = doc.getElementsByTagName("parsererror");
    if (perr.length) { results[name] = { parserError: perr[0].textContent, fontFamily: "", texts: [] }; continue; }
    const svg = document.importNode(doc.documentElement, true);
    document.body.appendChild(svg);
    const texts = Array.prototype.map.call(svg.querySelectorAll("text"), (t) => {
      const b = t.getBBox();
      return { text: t.textContent, measured: [b.x, b.y, b.width, b.height], budget: t.getAttribute("data-box").split(" ").map(Number) };
    });
    results[name] = { parserError: "", fontFamily: getComputedStyle(svg.querySelector("text")).fontFamily, texts };
  }
} catch (e) { errors.push(String(e && e.stack || e)); }
document.getElementById("result").textContent = JSON.stringify({ errors, results });
`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>measure</title></head><body><pre id="result">pending</pre><script>${script}</script></body></html>`;
}

/** The JSON the page wrote, from Chromium's --dump-dom output. */
export function readMeasurements(dom: string): { errors: string[]; results: Record<string, MeasuredSvg> } {
  const m = /<pre id="result">([\s\S]*?)<\/pre>/.exec(dom);
  if (!m) throw new Error("no result in the dumped DOM:\n" + dom.substring(0, 500));
  const text = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return JSON.parse(text);
}
