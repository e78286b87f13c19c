/**
 * The part of mathjs the safe formulas use: a mathjs instance built on first use from
 * mathjs' factory functions (`create` + `*Dependencies`, mathjs' documented custom
 * bundles), holding the parser, the Unit class and the whitelisted functions only.
 *
 * Importing the library therefore never builds all of mathjs (several hundred typed
 * functions); the build bundles just these factories, so nothing else of mathjs loads.
 * The functions are the same factories the full package uses, so a formula evaluates
 * exactly as it would with `import * as mathjs from "mathjs"`.
 */
import {
  absDependencies,
  addDependencies,
  create,
  divideDependencies,
  expDependencies,
  type FactoryFunctionMap,
  logDependencies,
  type MathJsInstance,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  sqrtDependencies,
  subtractDependencies,
  UnitDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from "mathjs";
import { MATHJS_NAMES_TEXT } from "./mathjsNames.js";

/**
 * The factories of the instance: the parser, `Unit` (to recognise unit names), the
 * arithmetic operators and the functions a formula may call. A formula function needs
 * its factory here as well as its name on the formula whitelist.
 */
const FACTORIES = {
  parseDependencies,
  UnitDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  absDependencies,
  minDependencies,
  maxDependencies,
  sqrtDependencies,
  logDependencies,
  expDependencies,
};

let instance: MathJsInstance | undefined;
let names: ReadonlySet<string> | undefined;

/** The formula instance of mathjs (default configuration), built on the first call. */
export function mathjs(): MathJsInstance {
  // mathjs types each `*Dependencies` map as possibly undefined; each one is defined.
  instance ??= create(FACTORIES as FactoryFunctionMap);
  return instance;
}

/** Whether the full mathjs package exports `name` (a function, constant, class or factory). */
export function isMathjsName(name: string): boolean {
  names ??= new Set(MATHJS_NAMES_TEXT.split(" "));
  return names.has(name);
}
