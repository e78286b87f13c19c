/**
 * customer-value/models: probabilistic customer-base ("buy till you die") models and
 * the diagnostics that say whether to trust them.
 *
 * This file is the whole public API of the `customer-value/models` entry point,
 * one section per model. The purchase models (BG/NBD, Pareto/NBD, MBG/NBD) and
 * Gamma-Gamma are fitted on the per-customer summary that `rfmSummary` returns
 * (`{ customerId?, frequency, recency, T, monetaryValue? }`), and every time in and out
 * of them is in the time unit of that summary; BG/BB counts discrete opportunities and
 * the sBG counts the customers still active per period.
 */

// The input row of the purchase models, the options every fit accepts, and a fit's warnings
export type { FitOptions, FitReport } from "./internal/fit.js";
export type { ModelCustomer } from "./internal/input.js";
export type { TransactionMethods } from "./internal/transactionModel.js";
export type { FitWarning, FitWarningCode } from "./internal/warnings.js";

// BG/NBD (Fader, Hardie & Lee 2005): fit, or build from known parameters
export { fitBgNbd } from "./fitBgNbd.js";
export type { FitBgNbdOptions, FittedBgNbd } from "./fitBgNbd.js";
export { bgNbdModel } from "./bgNbdModel.js";
export type { BgNbdModel, BgNbdParams } from "./bgNbdModel.js";

// Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie's likelihood)
export { fitParetoNbd } from "./fitParetoNbd.js";
export type { FitParetoNbdOptions, FittedParetoNbd } from "./fitParetoNbd.js";
export { paretoNbdModel } from "./paretoNbdModel.js";
export type { ParetoNbdModel, ParetoNbdParams } from "./paretoNbdModel.js";

// MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD with a drop-out right after the first purchase
export { fitMbgNbd } from "./fitMbgNbd.js";
export type { FitMbgNbdOptions, FittedMbgNbd } from "./fitMbgNbd.js";
export { mbgNbdModel } from "./mbgNbdModel.js";
export type { MbgNbdModel, MbgNbdParams } from "./mbgNbdModel.js";

// BG/BB (Fader, Hardie & Shang 2010): purchases at discrete opportunities
export { fitBgBb } from "./fitBgBb.js";
export type { FitBgBbOptions, FittedBgBb } from "./fitBgBb.js";
export { bgBbModel } from "./bgBbModel.js";
export type { BgBbModel, BgBbParams } from "./bgBbModel.js";
export type { BgBbRow } from "./internal/bgBbInput.js";

// sBG (Fader & Hardie 2007): contract renewals, retention and survival curves, DERL
export { fitSbg } from "./fitSbg.js";
export type { FitSbgOptions, FittedSbg } from "./fitSbg.js";
export { sbgModel } from "./sbgModel.js";
export type { DerlOptions, SbgModel, SbgParams } from "./sbgModel.js";

// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV")
export { fitGammaGamma } from "./fitGammaGamma.js";
export type { FitGammaGammaOptions, FittedGammaGamma } from "./fitGammaGamma.js";
export { gammaGammaModel } from "./gammaGammaModel.js";
export type { GammaGammaModel, GammaGammaParams } from "./gammaGammaModel.js";

// Diagnostics: can the fit be trusted, and which model to use
export { purchaseTracking } from "./purchaseTracking.js";
export type { PurchaseTracking, PurchaseTrackingOptions, PurchaseTrackingRow } from "./purchaseTracking.js";
export { periodTransactions } from "./periodTransactions.js";
export type { PeriodTransactionsOptions, PeriodTransactionsRow } from "./periodTransactions.js";
export { calibrationVsHoldout } from "./calibrationVsHoldout.js";
export type { CalibrationVsHoldoutOptions, CalibrationVsHoldoutRow } from "./calibrationVsHoldout.js";
export { probabilityAliveMatrix } from "./probabilityAliveMatrix.js";
export type { ProbabilityAliveMatrixOptions } from "./probabilityAliveMatrix.js";
export { expectedPurchasesMatrix } from "./expectedPurchasesMatrix.js";
export type { ExpectedPurchasesMatrixOptions } from "./expectedPurchasesMatrix.js";
export type { FrequencyRecencyMatrix, MatrixCell, MatrixOptions } from "./internal/matrix.js";
export { holdoutEvaluation } from "./holdoutEvaluation.js";
export type { HoldoutEvaluation } from "./holdoutEvaluation.js";
export type { HoldoutRow } from "./internal/diagnostics.js";
export { compareModels } from "./compareModels.js";
export type { ComparableModel, CompareModelsOptions, ModelComparisonRow } from "./compareModels.js";

// Model-based customer lifetime value
export { modelLifetimeValue } from "./modelLifetimeValue.js";
export type {
  ModelLifetimeValueOptions,
  ModelLifetimeValueResult,
  ModelLifetimeValueRow,
  TransactionModel,
} from "./modelLifetimeValue.js";

// The error class, re-exported so that users of this entry point can branch on codes
export { CustomerValueError } from "../errors/CustomerValueError.js";
