/**
 * The safe formula path (not exported from the package): a mathjs expression is parsed,
 * its node tree checked against a whitelist and, in the same walk, turned into plain
 * JavaScript closures. Everything not listed is refused with `UNSAFE_FORMULA` before
 * anything runs. mathjs parses; the checked tree is evaluated here because mathjs' own
 * evaluator converts every text to a number (`"C" == "C"` throws), which row formulas need.
 *
 * Two kinds: `"numbers"` (arithmetic over numeric fields, for `compositeValueScore`) and
 * `"rows"` (CSV rows whose cells are text: also text constants, comparisons, `and`/`or`/
 * `not`, `cond ? a : b` and `startsWith`/`endsWith`/`contains`).
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { isMathjsName, mathjs } from "../internal/mathjs.js";

/** A value a formula computes with: a number, a text (a CSV cell) or a truth value. */
export type FormulaValue = number | string | boolean;

type Evaluator = (get: (name: string) => unknown) => FormulaValue;

/** Pure numeric functions a formula may call, with the argument counts they take. */
const NUMBER_FUNCTIONS: Readonly<
  Record<string, { min: number; max: number; fn: (...x: number[]) => number }>
> = {
  abs: { min: 1, max: 1, fn: Math.abs },
  min: { min: 1, max: Number.POSITIVE_INFINITY, fn: Math.min },
  max: { min: 1, max: Number.POSITIVE_INFINITY, fn: Math.max },
  sqrt: { min: 1, max: 1, fn: Math.sqrt },
  log: { min: 1, max: 2, fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  exp: { min: 1, max: 1, fn: Math.exp },
};

/** Text tests a row formula may call: (text, part) -> true or false. */
const TEXT_FUNCTIONS: Readonly<Record<string, (text: string, part: string) => boolean>> = {
  startsWith: (text, part) => text.startsWith(part),
  endsWith: (text, part) => text.endsWith(part),
  contains: (text, part) => text.includes(part),
};

/** The functions of a numeric formula. */
export const FORMULA_FUNCTIONS: readonly string[] = Object.keys(NUMBER_FUNCTIONS);
/** The functions of a row formula. */
export const ROW_FORMULA_FUNCTIONS: readonly string[] = [
  ...FORMULA_FUNCTIONS,
  ...Object.keys(TEXT_FUNCTIONS),
];

/** How an operator's closure is made from its operands' closures; `rows`: row formulas only. */
interface OperatorRule {
  readonly rows: boolean;
  readonly make: (c: FormulaCompiler, args: readonly Evaluator[], op: string) => Evaluator;
}

/** Two numbers in, one value out; the operand names for messages are made once, not per call. */
function numeric(f: (x: number, y: number) => FormulaValue, rows: boolean): OperatorRule {
  const make = (c: FormulaCompiler, [a, b]: readonly Evaluator[], op: string): Evaluator => {
    const left = `the left side of ${op}`;
    const right = `the right side of ${op}`;
    return (get) => f(c.number(a!(get), left), c.number(b!(get), right));
  };
  return { rows, make };
}

/** Two conditions in; the right one is evaluated only when needed. */
function logic(f: (x: boolean, y: () => boolean) => boolean): OperatorRule {
  const make = (c: FormulaCompiler, [a, b]: readonly Evaluator[], op: string): Evaluator => {
    return (get) => f(c.truth(a!(get), op), () => c.truth(b!(get), op));
  };
  return { rows: true, make };
}

/** One operand in. */
function unary(f: (c: FormulaCompiler, x: FormulaValue) => FormulaValue, rows: boolean): OperatorRule {
  const make = (c: FormulaCompiler, [a]: readonly Evaluator[]): Evaluator => {
    return (get) => f(c, a!(get));
  };
  return { rows, make };
}

/** Binary operators by mathjs function name. */
const BINARY: Readonly<Record<string, OperatorRule>> = {
  add: numeric((x, y) => x + y, false),
  subtract: numeric((x, y) => x - y, false),
  multiply: numeric((x, y) => x * y, false),
  divide: numeric((x, y) => x / y, false),
  pow: numeric((x, y) => x ** y, false),
  smaller: numeric((x, y) => x < y, true),
  smallerEq: numeric((x, y) => x <= y, true),
  larger: numeric((x, y) => x > y, true),
  largerEq: numeric((x, y) => x >= y, true),
  equal: {
    rows: true,
    make:
      (c, [a, b]) =>
      (get) =>
        c.equal(a!(get), b!(get)),
  },
  unequal: {
    rows: true,
    make:
      (c, [a, b]) =>
      (get) =>
        !c.equal(a!(get), b!(get)),
  },
  and: logic((x, y) => x && y()),
  or: logic((x, y) => x || y()),
  xor: logic((x, y) => x !== y()),
};

/** Unary operators by mathjs function name. */
const UNARY: Readonly<Record<string, OperatorRule>> = {
  unaryMinus: unary((c, x) => -c.number(x, "the operand of -"), false),
  unaryPlus: unary((c, x) => c.number(x, "the operand of +"), false),
  not: unary((c, x) => !c.truth(x, "not"), true),
};

/** Longest formula accepted, in characters (a guard against pathological input). */
const MAX_FORMULA_LENGTH = 2000;
/** Deepest node nesting accepted. */
const MAX_DEPTH = 200;
/** Default evaluation budget: operations (tree nodes) summed over every call, about half a second. */
export const DEFAULT_MAX_OPERATIONS = 50_000_000;

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Options of {@link compileSafeFormula}. */
export interface SafeFormulaOptions {
  /** `"numbers"` (default) or `"rows"` (text cells, comparisons, logic, text tests). */
  readonly kind?: "numbers" | "rows";
  /** Decimal separator of number cells in row formulas (default `"."`). */
  readonly decimal?: "." | ",";
  /** Evaluation budget: most operations (tree nodes) over all calls (default 50,000,000). */
  readonly maxOperations?: number;
}

/** A checked formula: the fields it names and its evaluator. */
export interface SafeFormula {
  /** The symbols of the formula, each a field of the records. */
  readonly fields: readonly string[];
  /** Operations (tree nodes) one evaluation takes at most. */
  readonly operations: number;
  /**
   * Evaluates the formula with the fields' values (a `Map` or a lookup function). Throws
   * `INVALID_RECORD` when a value does not fit (a text where a number is needed) and
   * `INVALID_OPTION` once the evaluation budget is spent.
   */
  readonly evaluate: (scope: ReadonlyMap<string, unknown> | ((name: string) => unknown)) => FormulaValue;
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
  readonly condition?: AnyNode;
  readonly trueExpr?: AnyNode;
  readonly falseExpr?: AnyNode;
}

/** Whether `name` means something to mathjs or to JavaScript rather than being a plain field name. */
function isMathName(name: string): boolean {
  return (
    isMathjsName(name) ||
    name in Object.prototype ||
    name.startsWith("__") ||
    mathjs().Unit.isValuelessUnit(name)
  );
}

/** The checks and the closures of one formula. */
class FormulaCompiler {
  readonly fields = new Set<string>();
  readonly functions = new Set<string>();
  operations = 0;

  constructor(
    private readonly fn: string,
    private readonly rows: boolean,
    private readonly isField: (name: string) => boolean,
    private readonly decimal: "." | ",",
  ) {}

  unsafe(what: string): CustomerValueError {
    const allowed = this.rows
      ? `numbers, "text", the columns, + - * / ^, == != < <= > >=, and or not, ? :, parentheses and ${ROW_FORMULA_FUNCTIONS.join(", ")}`
      : `numbers, the records' numeric fields, + - * / ^, parentheses and ${FORMULA_FUNCTIONS.join(", ")}`;
    return new CustomerValueError(
      "UNSAFE_FORMULA",
      `${this.fn}: formula may only use ${allowed}, got ${what}`,
    );
  }

  /** A value as a number: numbers as they are, number texts read strictly. */
  number(value: FormulaValue, what: string): number {
    if (typeof value === "number") return value;
    if (typeof value === "string") {
      const text =
        this.decimal === "," && !value.includes(".") ? value.trim().replace(",", ".") : value.trim();
      if (NUMBER_TEXT.test(text)) return Number(text);
    }
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${this.fn}: ${what} must be a number, got ${describeValue(value)}`,
    );
  }

  truth(value: FormulaValue, what: string): boolean {
    if (typeof value === "boolean") return value;
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${this.fn}: ${what} must be a condition (true or false), got ${describeValue(value)}`,
    );
  }

  /** Checks one node and returns its evaluator. */
  node(node: AnyNode, depth: number): Evaluator {
    if (depth > MAX_DEPTH) throw this.unsafe(`nesting deeper than ${MAX_DEPTH}`);
    this.operations++;
    switch (node.type) {
      case "ConstantNode":
        return this.constant(node.value);
      case "SymbolNode":
        return this.symbol(node.name as string);
      case "ParenthesisNode":
        return this.node(node.content as AnyNode, depth + 1);
      case "OperatorNode":
        return this.operator(node, depth);
      case "FunctionNode":
        return this.call(node, depth);
      case "ConditionalNode":
        if (this.rows) return this.conditional(node, depth);
        throw this.unsafe("a ConditionalNode");
      default:
        // AccessorNode, IndexNode, AssignmentNode, FunctionAssignmentNode, ObjectNode,
        // ArrayNode, BlockNode, RangeNode, RelationalNode (chained comparisons), …
        throw this.unsafe(`a ${node.type}`);
    }
  }

  constant(value: unknown): Evaluator {
    const ok =
      (typeof value === "number" && Number.isFinite(value)) ||
      (this.rows && (typeof value === "string" || typeof value === "boolean"));
    if (!ok) throw this.unsafe(`the constant ${describeValue(value)}`);
    const v = value as FormulaValue;
    return () => v;
  }

  symbol(name: string): Evaluator {
    if (!this.isField(name)) {
      if (isMathName(name)) throw this.unsafe(`"${name}"`);
      throw new CustomerValueError(
        "UNKNOWN_NAME",
        `${this.fn}: formula names "${name}", which is not ${this.rows ? "a column of the rows" : "a numeric field of the records"}`,
      );
    }
    this.fields.add(name);
    const fn = this.fn;
    return (get) => {
      const value = get(name);
      if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: "${name}" has no value, got ${describeValue(value)}`,
      );
    };
  }

  operator(node: AnyNode, depth: number): Evaluator {
    const name = typeof node.fn === "string" ? node.fn : "";
    const op = node.op ?? name;
    const args = (node.args ?? []).map((arg) => this.node(arg, depth + 1));
    const rules = args.length === 2 ? BINARY : args.length === 1 ? UNARY : {};
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (rule === undefined || (rule.rows && !this.rows)) throw this.unsafe(`the operator "${op}"`);
    return rule.make(this, args, op);
  }

  /** `==`: as numbers when both sides read as numbers, else as texts (truth values as they are). */
  equal(x: FormulaValue, y: FormulaValue): boolean {
    if (typeof x === "boolean" || typeof y === "boolean") return x === y;
    const nx = typeof x === "number" ? x : NUMBER_TEXT.test(x.trim()) ? Number(x.trim()) : Number.NaN;
    const ny = typeof y === "number" ? y : NUMBER_TEXT.test(y.trim()) ? Number(y.trim()) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx === ny;
    return String(x) === String(y);
  }

  call(node: AnyNode, depth: number): Evaluator {
    const callee = node.fn as AnyNode | undefined;
    const name = callee?.type === "SymbolNode" ? (callee.name as string) : undefined;
    const numeric = name !== undefined && Object.hasOwn(NUMBER_FUNCTIONS, name);
    const text = this.rows && name !== undefined && Object.hasOwn(TEXT_FUNCTIONS, name);
    if (name === undefined || !(numeric || text)) {
      throw this.unsafe(name === undefined ? "a computed function call" : `the function "${name}"`);
    }
    this.functions.add(name);
    const args = (node.args ?? []).map((arg) => this.node(arg, depth + 1));
    const [min, max] = numeric ? [NUMBER_FUNCTIONS[name]!.min, NUMBER_FUNCTIONS[name]!.max] : [2, 2];
    if (args.length < min || args.length > max) {
      const takes =
        min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `${min} or more` : `${min} or ${max}`;
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${this.fn}: formula function ${name} takes ${takes} argument${takes === "1" ? "" : "s"}, got ${args.length}: write e.g. ${name}(${Array.from({ length: min }, (_, i) => "xyz"[i]).join(", ")})`,
      );
    }
    if (numeric) {
      const f = NUMBER_FUNCTIONS[name]!.fn;
      const labels = args.map((_, i) => `argument ${i + 1} of ${name}`);
      return (get) => f(...args.map((arg, i) => this.number(arg(get), labels[i]!)));
    }
    const test = TEXT_FUNCTIONS[name]!;
    const [whole, part] = args as [Evaluator, Evaluator];
    return (get) => test(String(whole(get)), String(part(get)));
  }

  conditional(node: AnyNode, depth: number): Evaluator {
    const condition = this.node(node.condition as AnyNode, depth + 1);
    const yes = this.node(node.trueExpr as AnyNode, depth + 1);
    const no = this.node(node.falseExpr as AnyNode, depth + 1);
    return (get) => (this.truth(condition(get), "the condition of ? :") ? yes(get) : no(get));
  }
}

/**
 * Parses and checks `formula`; `isField(name)` says whether a symbol names a field of the
 * records (a numeric field, or a column of the rows).
 *
 * The evaluation budget counts operations (tree nodes) over every call of `evaluate`:
 * a formula of 500 operations over 1M records needs 500M and stops with `INVALID_OPTION`
 * at the default 50M (about half a second), so no formula runs unbounded.
 *
 * @throws {CustomerValueError} `INVALID_OPTION` if it is not a string, does not parse or
 *   calls a function with the wrong number of arguments; `UNSAFE_FORMULA` for any node
 *   outside the whitelist; `UNKNOWN_NAME` for a symbol that is neither a field nor a mathjs name
 */
export function compileSafeFormula(
  formula: unknown,
  isField: (name: string) => boolean,
  fn: string,
  options: SafeFormulaOptions = {},
): SafeFormula {
  const { kind = "numbers", decimal = ".", maxOperations = DEFAULT_MAX_OPERATIONS } = options;
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
  const compiler = new FormulaCompiler(fn, kind === "rows", isField, decimal);
  const evaluator = compiler.node(root, 0);
  for (const name of compiler.functions) {
    if (compiler.fields.has(name)) throw compiler.unsafe(`"${name}" used both as a field and as a function`);
  }
  const operations = compiler.operations;
  let used = 0;
  let calls = 0;
  const evaluate = (scope: ReadonlyMap<string, unknown> | ((name: string) => unknown)): FormulaValue => {
    used += operations;
    if (used > maxOperations) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: the formula takes ${operations} operations per record and ran out of its evaluation budget of ${maxOperations.toLocaleString("en-US")} operations after ${calls.toLocaleString("en-US")} records; shorten the formula or evaluate fewer records at a time`,
      );
    }
    calls++;
    const get = typeof scope === "function" ? scope : (name: string) => scope.get(name);
    return evaluator(get);
  };
  return { fields: [...compiler.fields], operations, evaluate };
}
