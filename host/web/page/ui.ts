/** Small DOM helpers for the page: no framework, the page is a handful of forms. */

type Attrs = { [name: string]: string | number | boolean | ((ev: Event) => void) | undefined };

/** An element with attributes (`on<event>` attributes become listeners) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") e.addEventListener(name.slice(2), value);
    else if (value === true) e.setAttribute(name, "");
    else e.setAttribute(name, String(value));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** The element with `id`: the page's skeleton has it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

/** Replace an element's children. */
export function show(target: HTMLElement, ...children: (Node | string | null | undefined)[]): void {
  target.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined));
}

/** Offer `text` as a file download named `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Enable a step's section (and scroll it into view) once the ones before it are done. */
export function openStep(id: string): void {
  const s = byId(id);
  s.classList.remove("locked");
  s.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>("button, input, select").forEach((c) => (c.disabled = false));
  s.scrollIntoView({ block: "start" });
}
