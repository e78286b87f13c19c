/**
 * The three purchase models as {@link PurchaseModelSpec}s: BG/NBD (Fader, Hardie &
 * Lee 2005), MBG/NBD (Batislam, Denizel & Filiztekin 2007) and Pareto/NBD
 * (Schmittlein, Morrison & Colombo 1987). Not public.
 */
import * as bg from "./bgNbdMath.js";
import * as mbg from "./mbgNbdMath.js";
import * as pareto from "./paretoNbdMath.js";
import { paretoNbdTotal, paretoStructure } from "./paretoNbdTotal.js";
import type { PurchaseModelSpec } from "./transactionModel.js";

export const BG_NBD: PurchaseModelSpec<"bg-nbd", "r" | "alpha" | "a" | "b"> = {
  model: "bg-nbd",
  names: ["r", "alpha", "a", "b"],
  shapes: ["r", "a", "b"],
  scales: ["alpha"],
  expected: bg.bgNbdExpected,
  conditional: bg.bgNbdConditional,
  alive: bg.bgNbdProbabilityAlive,
  probabilityOf: bg.bgNbdProbabilityOfPurchases,
  likelihood: (columns) => (theta, gradient) => bg.bgNbdTotal(theta, columns, gradient),
};

export const MBG_NBD: PurchaseModelSpec<"mbg-nbd", "r" | "alpha" | "a" | "b"> = {
  ...BG_NBD,
  model: "mbg-nbd",
  expected: mbg.mbgNbdExpected,
  conditional: mbg.mbgNbdConditional,
  alive: mbg.mbgNbdProbabilityAlive,
  probabilityOf: mbg.mbgNbdProbabilityOfPurchases,
  likelihood: (columns) => (theta, gradient) => mbg.mbgNbdTotal(theta, columns, gradient),
};

export const PARETO_NBD: PurchaseModelSpec<"pareto-nbd", "r" | "alpha" | "s" | "beta"> = {
  model: "pareto-nbd",
  names: ["r", "alpha", "s", "beta"],
  shapes: ["r", "s"],
  scales: ["alpha", "beta"],
  expected: pareto.paretoNbdExpected,
  conditional: pareto.paretoNbdConditional,
  alive: pareto.paretoNbdProbabilityAlive,
  probabilityOf: pareto.paretoNbdProbabilityOfPurchases,
  likelihood: (columns, checkTime) => {
    const structure = paretoStructure(columns);
    return (theta, gradient) => paretoNbdTotal(theta, columns, structure, gradient, checkTime);
  },
};
