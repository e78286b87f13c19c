// Preloaded with `node --require`: makes the packages named in HIDE_PACKAGES (comma
// separated) unresolvable, as if they were not installed, for the tests of the CLI's
// optional-dependency check.
const Module = require("node:module");
const hidden = new Set((process.env.HIDE_PACKAGES ?? "").split(",").filter(Boolean));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (hidden.has(request) || [...hidden].some((name) => request.startsWith(`${name}/`))) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
  }
  return resolve.call(this, request, ...rest);
};
