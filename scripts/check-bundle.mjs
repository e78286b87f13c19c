#!/usr/bin/env node
/**
 * CI check of what an application bundle carries (`esbuild --bundle --minify`, esbuild's
 * defaults otherwise), built from dist/ through the package's exports map:
 *   1. `import { paretoSplit } from "customer-value"` stays within 40 KB gzipped;
 *   2. `import { paretoChart } from "customer-value/charts"` builds with vega and
 *      vega-lite absent (their resolution is refused, as if not installed);
 *   3. `renderSvg` from "customer-value/render" does need them: the same refusal fails
 *      that build, which shows that check 2 can fail.
 * Needs `npm run build` first. Prints the sizes; exits non-zero on any failure.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const LIMIT_GZIP_BYTES = 40 * 1024;
const root = new URL("../", import.meta.url).pathname;

/** Makes vega and vega-lite unresolvable, as in a project that never installed them. */
const withoutVega = {
  name: "without-vega",
  setup(b) {
    b.onResolve({ filter: /^vega(-lite)?(\/.*)?$/ }, (args) => ({
      errors: [{ text: `${args.path} is not installed` }],
    }));
  },
};

async function bundle(source, plugins = []) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    // The repository's tsconfig maps "customer-value" to src/; a user's build sees dist/.
    tsconfigRaw: "{}",
    plugins,
  });
  const inputs = Object.keys(result.metafile.inputs);
  if (!inputs.some((path) => path.startsWith("dist/")) || inputs.some((path) => path.startsWith("src/"))) {
    throw new Error(`check-bundle: expected the package's dist/ files, got ${inputs.join(", ")}`);
  }
  const bytes = result.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let failed = false;

const core = await bundle('import { paretoSplit } from "customer-value";\nconsole.log(paretoSplit);');
const coreOk = core.gzip <= LIMIT_GZIP_BYTES;
failed ||= !coreOk;
console.log(
  `${coreOk ? "ok  " : "FAIL"} paretoSplit alone: ${kb(core.raw)} minified, ${kb(core.gzip)} gzipped (limit ${kb(LIMIT_GZIP_BYTES)})`,
);

try {
  const chart = await bundle(
    'import { paretoChart } from "customer-value/charts";\nconsole.log(paretoChart);',
    [withoutVega],
  );
  console.log(`ok   paretoChart alone, without vega: ${kb(chart.raw)} minified, ${kb(chart.gzip)} gzipped`);
} catch (error) {
  failed = true;
  console.log(`FAIL paretoChart alone does not build without vega: ${error.message}`);
}

try {
  await bundle('import { renderSvg } from "customer-value/render";\nconsole.log(renderSvg);', [withoutVega]);
  failed = true;
  console.log("FAIL renderSvg built without vega: the refusal of vega is not in effect");
} catch (error) {
  if (/vega(-lite)? is not installed/.test(error.message)) {
    console.log("ok   renderSvg without vega does not build (as it must: the check above can fail)");
  } else {
    failed = true;
    console.log(`FAIL renderSvg without vega failed for another reason: ${error.message}`);
  }
}

process.exit(failed ? 1 : 0);
