// ESM (Node and Deno): every entry point of the installed package through `import`.
import { readFileSync } from "node:fs";
import checks from "./checks.cjs";

const { exports } = JSON.parse(readFileSync("node_modules/customer-value/package.json", "utf8"));
const runtime = typeof Deno === "undefined" ? `Node ${process.version} ESM` : `Deno ${Deno.version.deno}`;
const entries = await checks.run((specifier) => import(specifier), exports);
console.log(`${runtime}: ${entries.join(" ")} ok`);
