/**
 * customer-value: customer-value analytics as pure, typed functions.
 *
 * This file is the whole public API, one section per domain. Helpers that are not
 * listed here live in `src/internal/` and are not part of the API.
 */

// Errors
export { CustomerValueError, ERROR_CODES } from "./errors/CustomerValueError.js";
export type { CustomerValueErrorCode, ValidationIssue } from "./errors/CustomerValueError.js";

// Records: zod schemas (the one source of truth) with their inferred types, and validators
export { Customer } from "./records/Customer.js";
export type { ParsedCustomer } from "./records/Customer.js";
export { SurveyResponse } from "./records/SurveyResponse.js";
export { Transaction } from "./records/Transaction.js";
export type { ParsedTransaction } from "./records/Transaction.js";
export { validateCustomers, validateSurveyResponses, validateTransactions } from "./records/validate.js";

// Dates and calendar periods
export { periodKey } from "./calendar/periodKey.js";
export type { PeriodKeyOptions } from "./calendar/periodKey.js";
export { PERIODS } from "./internal/dates.js";
export type { DateInput, Duration, Period } from "./internal/dates.js";

// Input: CSV
export { parseTransactionsCsv } from "./io/parseTransactionsCsv.js";
export type {
  CsvColumn,
  CsvColumns,
  CsvExcludedRow,
  CsvInvalidRow,
  CsvRow,
  ParseTransactionsCsvOptions,
  ParseTransactionsCsvResult,
} from "./io/parseTransactionsCsv.js";

// Backup, restore and export: snapshots (JSON with a checksum), CSV writers and the customer reader
export { readSnapshot } from "./io/readSnapshot.js";
export type { ReadSnapshotResult } from "./io/readSnapshot.js";
export { writeSnapshot } from "./io/writeSnapshot.js";
export type { SnapshotRecords } from "./io/writeSnapshot.js";
export { transactionsToCsv } from "./io/transactionsToCsv.js";
export type { TransactionsToCsvOptions } from "./io/transactionsToCsv.js";
export { customersToCsv } from "./io/customersToCsv.js";
export type { CustomersToCsvOptions } from "./io/customersToCsv.js";
export type { CsvWriteOptions } from "./io/csvWriter.js";
export { parseCustomersCsv } from "./io/parseCustomersCsv.js";
export type { ParseCustomersCsvOptions, ParseCustomersCsvResult } from "./io/parseCustomersCsv.js";

// Input: columnar transaction tables for large logs (every function accepts one in place of records)
export {
  isTransactionTable,
  transactionTable,
  transactionTableFromColumns,
} from "./table/TransactionTable.js";
export type {
  TransactionInput,
  TransactionTable,
  TransactionColumnNames,
  TransactionTableColumns,
} from "./table/TransactionTable.js";
export { transactionTableFromCsv } from "./table/transactionTableFromCsv.js";
export type { TransactionTableFromCsvOptions } from "./table/transactionTableFromCsv.js";
export { transactionTableFromArrow } from "./table/transactionTableFromArrow.js";
export type { ArrowTableLike, TransactionTableFromArrowOptions } from "./table/transactionTableFromArrow.js";

// Sample data
export { generateSampleData } from "./sample/generateSampleData.js";
export type {
  GenerateSampleDataOptions,
  SampleData,
  SampleDelivery,
  SampleProduct,
  SampleTransaction,
} from "./sample/generateSampleData.js";

// Value-weighted satisfaction and the satisfaction trap (docs/satisfaction.md)
export { valueWeightedSatisfaction } from "./satisfaction/valueWeightedSatisfaction.js";
export type {
  AdjustedColumns,
  AdjustedResponse,
  CustomerValues,
  IndicatorSatisfaction,
  SatisfactionGroup,
  SatisfactionGroupBy,
  SatisfactionIndex,
  SatisfactionInterval,
  SatisfactionSummary,
  SkippedRespondent,
  ValueWeightedSatisfactionOptions,
  ValueWeightedSatisfactionResult,
} from "./satisfaction/types.js";
export { satisfactionTrap } from "./satisfaction/satisfactionTrap.js";
export type {
  SatisfactionChange,
  SatisfactionTrapKind,
  SatisfactionTrapOptions,
  SatisfactionTrapResult,
  SatisfactionWave,
} from "./satisfaction/satisfactionTrap.js";
export { satisfactionCase } from "./satisfaction/satisfactionCase.js";
export type { SatisfactionCase, SatisfactionCaseInput } from "./satisfaction/satisfactionCase.js";
export { expectationRatio } from "./satisfaction/expectationRatio.js";

// Pareto and concentration: the 80/20 split, ABC classes, Lorenz curve, Gini, whale curve, key customers
export { abcClassify } from "./pareto/abcClassify.js";
export type { AbcClass, AbcClassifyOptions, AbcClassifyResult, AbcItem } from "./pareto/abcClassify.js";
export { concentrationSummary } from "./pareto/concentrationSummary.js";
export type { ConcentrationSummary, ConcentrationSummaryOptions } from "./pareto/concentrationSummary.js";
export { gini } from "./pareto/gini.js";
export type { GiniOptions } from "./pareto/gini.js";
export { isItemColumns } from "./pareto/itemColumns.js";
export type { ItemColumns } from "./pareto/itemColumns.js";
export type { GroupAccessor, GroupedResult, IdAccessor, NumberAccessor } from "./pareto/types.js";
export { KEY_CUSTOMER_COMBINE, keyCustomers } from "./pareto/keyCustomers.js";
export type {
  KeyCustomerCombine,
  KeyCustomerRow,
  KeyCustomersOptions,
  KeyCustomersResult,
} from "./pareto/keyCustomers.js";
export { lorenzCurve } from "./pareto/lorenzCurve.js";
export type { LorenzPoint } from "./pareto/lorenzCurve.js";
export { paretoSplit } from "./pareto/paretoSplit.js";
export type {
  ParetoSplitColumnsOptions,
  ParetoSplitOptions,
  ParetoSplitResult,
} from "./pareto/paretoSplit.js";
export { whaleCurve } from "./pareto/whaleCurve.js";
export type { WhaleCurveOptions, WhaleCurveResult, WhalePeak, WhalePoint } from "./pareto/whaleCurve.js";

// BCG growth-share matrix: products, business units and customers in four quadrants
export { bcgPlacement } from "./bcg/bcgPlacement.js";
export type {
  BcgItem,
  BcgPlacement,
  BcgPlacementOptions,
  BcgQuadrant,
  BcgStrategy,
} from "./bcg/bcgPlacement.js";
export { customerPortfolio } from "./bcg/customerPortfolio.js";
export type { CustomerPlacement, CustomerPortfolioOptions } from "./bcg/customerPortfolio.js";
export { marketShare } from "./bcg/marketShare.js";
export { portfolioSummary } from "./bcg/portfolioSummary.js";
export type {
  PortfolioBalance,
  PortfolioFunding,
  PortfolioSummary,
  PortfolioSummaryItem,
  QuadrantSummary,
} from "./bcg/portfolioSummary.js";
export { relativeMarketShare } from "./bcg/relativeMarketShare.js";

// Rates, growth accounting, cohorts and the customer scorecard
// (marketShare and relativeMarketShare are exported with the BCG section: one implementation)
export { acquisitionRate } from "./rates/acquisitionRate.js";
export { allocateCostToServe } from "./rates/allocateCostToServe.js";
export type { ActivityCost, ActivityUsage } from "./rates/allocateCostToServe.js";
export type { AcquisitionCounts } from "./rates/acquisitionRate.js";
export { churnRate } from "./rates/churnRate.js";
export { cohortRetention } from "./rates/cohortRetention.js";
export type { CohortRetentionOptions, CohortRow } from "./rates/cohortRetention.js";
export { customerProfitability } from "./rates/customerProfitability.js";
export type { ProfitabilityInput } from "./rates/customerProfitability.js";
export { customerScorecard } from "./rates/customerScorecard.js";
export type {
  CustomerScorecard,
  CustomerScorecardInput,
  CustomerScorecardOptions,
} from "./rates/customerScorecard.js";
export { onTimeDeliveryRate } from "./rates/onTimeDeliveryRate.js";
export type { Delivery, OnTimeDeliveryRateOptions } from "./rates/onTimeDeliveryRate.js";
export { periodActivity } from "./rates/periodActivity.js";
export type { PeriodActivityOptions, PeriodActivityRow } from "./rates/periodActivity.js";
export { retentionRate } from "./rates/retentionRate.js";
export type { CustomerSets } from "./rates/retentionRate.js";
export { retentionRateFromCounts } from "./rates/retentionRateFromCounts.js";
export type { RetentionCounts } from "./rates/retentionRateFromCounts.js";

// The seven-stage customer relationship lifecycle: stages, labels, strategies, classifier, summary, timeline
export {
  LIFECYCLE_LABELS,
  LIFECYCLE_PHASES,
  LIFECYCLE_STAGES,
  LIFECYCLE_STRATEGIES,
} from "./lifecycle/stages.js";
export type { LifecycleLocale, LifecyclePhase, LifecycleStage } from "./lifecycle/stages.js";
export { lifecycleLabel } from "./lifecycle/lifecycleLabel.js";
export { lifecycleStrategy } from "./lifecycle/lifecycleStrategy.js";
export { classifyLifecycle } from "./lifecycle/classifyLifecycle.js";
export type { LifecycleHistory, LifecycleTransaction } from "./lifecycle/classifyLifecycle.js";
export type {
  AdaptiveInterruptionOptions,
  ClassifyLifecycleOptions,
  LifecycleEvidence,
  LifecycleResult,
  LifecycleRule,
} from "./lifecycle/rules.js";
export { classifyLifecycles } from "./lifecycle/classifyLifecycles.js";
export type { ClassifyLifecyclesOptions, LifecycleRow } from "./lifecycle/classifyLifecycles.js";
export { lifecycleSummary } from "./lifecycle/lifecycleSummary.js";
export type {
  LifecycleStageSummary,
  LifecycleSummary,
  LifecycleSummaryOptions,
} from "./lifecycle/lifecycleSummary.js";
export { lifecycleTimeline } from "./lifecycle/lifecycleTimeline.js";
export type {
  LifecycleTimeline,
  LifecycleTimelineOptions,
  LifecycleTimelinePeriod,
} from "./lifecycle/lifecycleTimeline.js";

// Customer value: RFM summary and scores, calibration/holdout, per-customer totals, lifetime value, composite score, classes
export { calibrationAndHoldout } from "./value/calibrationAndHoldout.js";
export type {
  CalibrationAndHoldoutOptions,
  CalibrationAndHoldoutRow,
  HoldoutMonetaryValue,
} from "./value/calibrationAndHoldout.js";
export { compositeValueScore } from "./value/compositeValueScore.js";
export type {
  CompositeValueScoreOptions,
  CompositeValueScoreRow,
  Normalization,
  ValueCriteriaSpec,
  ValueCriterion,
  ValueFormulaSpec,
} from "./value/compositeValueScore.js";
export { CUSTOMER_CLASSES, customerClasses } from "./value/customerClasses.js";
export type {
  CustomerClass,
  CustomerClassesOptions,
  CustomerClassRow,
  RankedCustomerClass,
} from "./value/customerClasses.js";
export { customerTotals } from "./value/customerTotals.js";
export type { CustomerTotal, CustomerTotalsOptions } from "./value/customerTotals.js";
export { lifetimeValue } from "./value/lifetimeValue.js";
export type { LifetimeValueOptions } from "./value/lifetimeValue.js";
export { RFM_SEGMENTS, rfmScores } from "./value/rfmScores.js";
export type { RfmEdges, RfmScoresOptions, RfmScoresRow, RfmSegment } from "./value/rfmScores.js";
export { rfmSummary } from "./value/rfmSummary.js";
export type { RfmSummaryOptions, RfmSummaryRow } from "./value/rfmSummary.js";
export type { RfmAggregate, RfmUnit } from "./value/internal.js";
