/**
 * A tiny element builder: every text goes in as a text node (never HTML), so article text and
 * search input cannot inject markup, and nothing needs inline script or style (strict CSP).
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? text(String(child)) : child);
  }
}

export const text = (value: string) => document.createTextNode(value);

/** Replaces an element's content. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Splits text into plain and highlighted pieces: `marks` are [start, end) ranges with their element. */
export interface Mark {
  start: number;
  end: number;
  /** Wraps the covered text; called once per piece (a mark split by an overlapping one gives two pieces). */
  wrap: (content: Node[]) => HTMLElement;
}

/**
 * Renders `value` with the ranges highlighted. Overlapping ranges nest: the text is cut at every
 * boundary and each piece is wrapped by every mark that covers it (outermost = earliest start).
 */
export function highlight(value: string, marks: Mark[]): Node[] {
  const valid = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(value.length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const cuts = [...new Set([0, value.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const out: Node[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [s, e] = [cuts[i]!, cuts[i + 1]!];
    let node: Node[] = [text(value.slice(s, e))];
    const covering = valid.filter((m) => m.start <= s && m.end >= e);
    for (const m of covering.reverse()) node = [m.wrap(node)];
    out.push(...node);
  }
  return out;
}
