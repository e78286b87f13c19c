/**
 * The safe formula path of `compositeValueScore` (not exported from the package): a
 * mathjs expression is parsed, its node tree checked against a whitelist, and only
 * then compiled. Everything not listed is refused with `UNSAFE_FORMULA`.
 */
import type { MathNode } from "mathjs";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { isMathjsName, mathjs } from "../internal/mathjs.js";

/** Operators a formula may use: arithmetic only. */
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
]);

/** Pure numeric functions a formula may call. */
export const FORMULA_FUNCTIONS: readonly string[] = ["abs", "min", "max", "sqrt", "log", "exp"];
const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set(FORMULA_FUNCTIONS);

/** Longest formula accepted, in characters (a guard against pathological input). */
const MAX_FORMULA_LENGTH = 2000;
/** Deepest node nesting accepted. */
const MAX_DEPTH = 200;

/** A checked formula: the fields it names and its compiled evaluator. */
export interface SafeFormula {
  /** The symbols of the formula, each a field of the records. */
  readonly fields: readonly string[];
  /** Evaluates the formula with a scope holding exactly `fields`. */
  readonly evaluate: (scope: Map<string, number>) => unknown;
}

// The node shapes the walk reads; mathjs' own types are wider than needed here.
interface AnyNode {
  readonly type: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly fn?: unknown;
  readonly op?: string;
  readonly args?: readonly AnyNode[];
  readonly content?: AnyNode;
}

const unsafe = (fn: string, what: string): CustomerValueError =>
  new CustomerValueError(
    "UNSAFE_FORMULA",
    `${fn}: formula may only use numbers, the records' numeric fields, + - * / ^, parentheses and ${FORMULA_FUNCTIONS.join(", ")}, got ${what}`,
  );

/**
 * Whether `name` means something to mathjs or to JavaScript (a function, constant,
 * unit, or an `Object.prototype` member such as `constructor`), not a plain field name.
 */
function isMathName(name: string): boolean {
  return (
    isMathjsName(name) ||
    name in Object.prototype ||
    name.startsWith("__") ||
    mathjs().Unit.isValuelessUnit(name)
  );
}

/**
 * Parses and checks `formula`; `isField(name)` says whether a symbol names a numeric
 * field of the records.
 *
 * @throws {CustomerValueError} `INVALID_OPTION` if it is not a string or does not parse;
 *   `UNSAFE_FORMULA` for any node outside the whitelist; `UNKNOWN_NAME` for a symbol
 *   that is neither a field nor a mathjs name
 */
export function compileSafeFormula(
  formula: unknown,
  isField: (name: string) => boolean,
  fn: string,
): SafeFormula {
  if (typeof formula !== "string" || formula.trim() === "") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: formula must be a non-empty string, got ${describeValue(formula)}`,
    );
  }
  if (formula.length > MAX_FORMULA_LENGTH) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: formula must be at most ${MAX_FORMULA_LENGTH} characters, got ${formula.length}`,
    );
  }
  let root: AnyNode;
  try {
    root = mathjs().parse(formula) as unknown as AnyNode;
  } catch (error) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: formula is not a valid expression (${(error as Error).message}), got ${describeValue(formula)}`,
      { cause: error },
    );
  }
  const fields = new Set<string>();
  const functions = new Set<string>();
  const walk = (node: AnyNode, depth: number): void => {
    if (depth > MAX_DEPTH) throw unsafe(fn, `nesting deeper than ${MAX_DEPTH}`);
    switch (node.type) {
      case "ConstantNode":
        if (typeof node.value !== "number" || !Number.isFinite(node.value)) {
          throw unsafe(fn, `the constant ${describeValue(node.value)}`);
        }
        return;
      case "SymbolNode": {
        const name = node.name as string;
        if (!isField(name)) {
          if (isMathName(name)) throw unsafe(fn, `"${name}"`);
          throw new CustomerValueError(
            "UNKNOWN_NAME",
            `${fn}: formula names "${name}", which is not a numeric field of the records`,
          );
        }
        fields.add(name);
        return;
      }
      case "ParenthesisNode":
        walk(node.content as AnyNode, depth + 1);
        return;
      case "OperatorNode":
        if (typeof node.fn !== "string" || !ALLOWED_OPERATORS.has(node.fn)) {
          throw unsafe(fn, `the operator "${node.op ?? describeValue(node.fn)}"`);
        }
        for (const arg of node.args ?? []) walk(arg, depth + 1);
        return;
      case "FunctionNode": {
        const callee = node.fn as AnyNode | undefined;
        const name = callee?.type === "SymbolNode" ? (callee.name as string) : undefined;
        if (name === undefined || !ALLOWED_FUNCTIONS.has(name)) {
          throw unsafe(fn, name === undefined ? "a computed function call" : `the function "${name}"`);
        }
        functions.add(name);
        for (const arg of node.args ?? []) walk(arg, depth + 1);
        return;
      }
      default:
        // AccessorNode, IndexNode, AssignmentNode, FunctionAssignmentNode, ObjectNode,
        // ArrayNode, BlockNode, ConditionalNode, RangeNode, RelationalNode, …
        throw unsafe(fn, `a ${node.type}`);
    }
  };
  walk(root, 0);
  for (const name of functions) {
    if (fields.has(name)) throw unsafe(fn, `"${name}" used both as a field and as a function`);
  }
  const compiled = (root as unknown as MathNode).compile();
  return { fields: [...fields], evaluate: (scope) => compiled.evaluate(scope) };
}
