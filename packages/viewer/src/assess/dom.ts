/** Small DOM helpers of the page's views. */

/** The element of the page with this id. */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * A new element with a class and a text.
 * @example el('span', 'grade', 'A')
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), { className, textContent: text });
}

/**
 * A new SVG element with its attributes.
 * @example svg('rect', { x: 0, y: 0, width: 10, height: 10 })
 */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}
