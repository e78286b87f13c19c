/**
 * Several SVGs on one page: vega numbers its clip paths and gradients from 0 in each SVG,
 * so each chart's ids get a prefix. Only the SVG's own `id` attributes and the references
 * to them change: text, labels and every other attribute (which hold data, such as a
 * customer id written `url(#secret)`) are left exactly as they are.
 */

/** A tag, with quoted attribute values that may hold `>`. */
const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
/** One attribute of a tag: name, then the quoted value. */
const ATTRIBUTE = /([^\s=/<>"']+)(\s*=\s*)("[^"]*"|'[^']*')/g;
/** Attributes that refer to an element as `url(#id)`. */
const URL_ATTRIBUTES = new Set([
  "fill",
  "stroke",
  "clip-path",
  "mask",
  "filter",
  "marker-start",
  "marker-mid",
  "marker-end",
  "style",
]);

/**
 * Prefixes the SVG's ids and the references to them (`url(#id)` in presentation
 * attributes, `href="#id"` and `xlink:href="#id"`) with `prefix-`.
 *
 * @param svg - one SVG document as vega writes it
 * @param prefix - e.g. `chart-pareto`
 * @returns the SVG with unique ids
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const tag of svg.match(TAG) ?? []) {
    for (const [, name, , quoted] of tag.matchAll(ATTRIBUTE))
      if (name === "id") ids.add(quoted!.slice(1, -1));
  }
  if (ids.size === 0) return svg;
  const ref = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  const rewrite = (name: string, value: string): string => {
    if (name === "id") return `${prefix}-${value}`;
    if ((name === "href" || name === "xlink:href") && value.startsWith("#")) return `#${ref(value.slice(1))}`;
    if (URL_ATTRIBUTES.has(name))
      return value.replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${ref(id)})`);
    return value;
  };
  return svg.replace(TAG, (tag) =>
    tag.replace(ATTRIBUTE, (_, name: string, equals: string, quoted: string) => {
      const quote = quoted[0]!;
      return `${name}${equals}${quote}${rewrite(name, quoted.slice(1, -1))}${quote}`;
    }),
  );
}
