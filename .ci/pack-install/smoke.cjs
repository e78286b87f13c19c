// CommonJS (Node): every entry point of the installed package through `require`.
const { readFileSync } = require("node:fs");
const checks = require("./checks.cjs");

const manifest = JSON.parse(readFileSync("node_modules/customer-value/package.json", "utf8"));
checks
  .run(async (specifier) => require(specifier), manifest.exports)
  .then((entries) => console.log(`Node ${process.version} CommonJS: ${entries.join(" ")} ok`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
