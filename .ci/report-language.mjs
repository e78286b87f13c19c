// The language check of the HTML report: every visible text (HTML text and SVG <text>,
// not scripts, styles or attributes) with the page's data values taken out (ids, file
// names, formulas: the page lists them in <script id="cv-data-values">), and the words
// in Latin script that remain. A Chinese report must have none but the methods' acronyms.
// Used by .ci/report-check.mjs (on the DOM headless Chromium leaves) and by the tests.

/** Acronyms written in Latin letters in Chinese practice too, and the ABC class letters. */
export const ALLOWED_WORDS = new Set(["ABC", "A", "B", "C", "BCG", "RFM", "BG", "NBD"]);

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#")
      return String.fromCodePoint(
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The data values the page declares. */
export function dataValues(html) {
  const match = /<script type="application\/json" id="cv-data-values">([\s\S]*?)<\/script>/.exec(html);
  return match === null ? [] : JSON.parse(match[1]);
}

/** Every visible text node of the page, decoded. */
export function visibleTexts(html) {
  const body = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<(script|style|title)\b[\s\S]*?<\/\1>/gi, "");
  const texts = [];
  for (const [, text] of body.matchAll(/>([^<]+)</g)) {
    const decoded = decode(text).trim();
    if (decoded !== "") texts.push(decoded);
  }
  return texts;
}

/** The Latin-script words left outside data values: `[{ word, text }]`, one per occurrence. */
export function latinWords(html) {
  const values = dataValues(html).sort((a, b) => b.length - a.length);
  const found = [];
  for (const text of visibleTexts(html)) {
    let rest = text;
    for (const value of values) if (value !== "" && rest.includes(value)) rest = rest.split(value).join(" ");
    for (const [word] of rest.matchAll(/\p{Script=Latin}+(?:['’]\p{Script=Latin}+)*/gu)) {
      if (!ALLOWED_WORDS.has(word)) found.push({ word, text });
    }
  }
  return found;
}
