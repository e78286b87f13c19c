/** The report's words in Chinese (简体中文). Acronyms of the methods (ABC, BCG, RFM, BG/NBD) stay as they are written in Chinese practice. */
import { LIFECYCLE_LABELS } from "../../lifecycle/stages.js";
import { LABELS } from "./labels.js";
import type { DefinedThing, Facts, ReportText } from "./text.js";

const DEFINITIONS: Readonly<Record<DefinedThing, (f: Facts) => string>> = {
  pareto: () => "按截至分析日的净收入由高到低排列客户（柱形）；折线为累计收入占总收入的比例。",
  lorenz: () => "按客户由小到大累计的收入占比对客户占比作图：曲线越偏离对角线，业务越集中在少数客户身上。",
  whale: () => "按利润由高到低累计的客户利润：超过总利润100%的部分，被末尾亏损客户抵消。",
  concentrationTable: () =>
    "净收入＝截至分析日的购买额减去退货额；基尼系数从0（所有客户相同）到1（一位客户占全部）；ABC 分类：累计收入达到80%之前为 A 类，达到95%之前为 B 类，其余为 C 类。",
  activity: () =>
    "每根柱：本期购买的客户——保留（上期也购买）、新增（首次购买）、重新活跃（间隔后回归）；零线以下为流失客户（上期购买、本期未购买）。灰色：数据未完整覆盖的期间。",
  activityTable: () =>
    "留存率＝保留客户数÷上期活跃客户数；流失率＝流失客户数÷同一基数；收入＝本期全部金额，含退货。",
  cohorts: () =>
    "每行：按首次购买期间分组的客户；各列：该组在首次购买之后各期再次购买的比例（第0列为首次购买当期）。灰色：数据未完整覆盖的期间。",
  cohortTable: () =>
    "规模＝首次购买落在该期间的客户数；第1、3、6、12期后＝其中在首次购买之后第1、3、6、12期购买的比例（＊＝数据未完整覆盖的期间）。",
  portfolio: (f) =>
    `增长率＝最近${f["months"]}个月的购买额相对于之前${f["months"]}个月的变化；相对规模＝最近窗口的购买额÷该窗口内购买客户的平均值（对数刻度）；分界线为增长率10%与相对规模1。`,
  portfolioTable: (f) =>
    `各象限的客户数及其最近${f["months"]}个月的购买额。未在图中显示：${f["noEarlier"]}位客户只在最近窗口购买（从零开始的增长无法计算增长率），${f["noLast"]}位只在之前窗口购买（相对规模为零）；另有${f["before"]}位只在两个窗口之前购买，未纳入组合。`,
  lifecycle: () =>
    "按七阶段规则判断每段客户关系在分析日所处的阶段：中断期＝6个月内无购买；社会化期＝首次购买在最近3个月内；成长期或衰退期＝最近6个月的购买额比之前6个月增加或减少10%；其余为成熟期。",
  lifecycleTable: () => "各阶段的客户数及其净收入；收入占比＝该阶段占全部净收入的比例。",
  rfm: () =>
    "各 RFM 分群的客户数与净收入：最近购买间隔（距上次购买的天数）、购买频次（购买天数）和消费金额（净收入）按五分位打分1至5分，分群由间隔与频次的得分决定。",
  rfmTable: () =>
    "平均间隔为距上次购买的平均天数，平均频次为平均购买天数，以及该分群在客户数与净收入中的占比。",
  bgNbd: () =>
    "存活概率：BG/NBD 模型根据客户购买的频次与最近一次购买的时间，估计客户尚未流失的概率；柱形按每十分之一概率统计客户数。",
  bgNbdTable: (f) =>
    `模型以购买天为单位、用最大似然法拟合（时间单位为天）；预期购买次数＝每位客户未来${f["horizonMonths"]}个月的预期购买次数之和；“很可能仍活跃”＝存活概率不低于50%（模型把只在一天购买过的客户视为活跃）。`,
  lifetimeValue: (f) =>
    `各 RFM 分群未来${f["horizonMonths"]}个月的预期收入：BG/NBD 预期购买次数乘以伽马-伽马模型的每次消费额，按每月${f["rate"]}折现（为收入而非利润）。`,
  lifetimeValueTotals: (f) =>
    `现有客户未来${f["horizonMonths"]}个月的预期收入，按每月${f["rate"]}折现；重复购买净额不大于零的客户没有可建模的消费额，未计入。`,
  lifetimeValueTable: (f) =>
    `未来${f["horizonMonths"]}个月预期价值最高的${f["top"]}位客户；预期购买次数与每次消费额来自上述模型。`,
  satisfaction: () =>
    "各指标的简单平均与价值加权平均（每份回答按客户价值加权）并列：加权平均低于简单平均，说明重要客户的满意度更低。",
  satisfactionTable: () =>
    "各指标的回答人数；有效样本量＝加权后相当的样本量：越小，加权平均越集中取决于少数客户。",
};

const EMPTY: Readonly<Record<string, (f: Facts) => string>> = {
  noPurchases: (f) => `${f["asOf"]}及之前没有任何购买。`,
  noRevenue: (f) => `${f["asOf"]}及之前没有净收入为正的客户。`,
  noPurchasesInWindows: (f) =>
    `从${f["from"]}到${f["to"]}的两个${f["months"]}个月窗口内无人购买，因此没有可以放入矩阵的客户。`,
  noRepeatPurchases: () => "没有客户在两个不同的日子购买过，而模型需要从重复购买中学习。",
  noPurchaseModel: () => "客户终身价值以 BG/NBD 模型为基础，而该模型未能拟合（原因见其章节）。",
  noSurvey: () => "未提供满意度调查。",
  failed: (f) => `分析无法使用这些数据（错误代码 ${f["code"]}）。`,
};

export const zh: ReportText = {
  htmlLang: "zh-CN",
  defaultTitle: "客户价值报告",
  asOf: (date) => `截至${date}`,
  asOfDefault: "（数据中最后一笔交易当天结束时）",
  headline: (transactions, customers) => `${transactions}笔交易 · ${customers}位客户`,
  currency: (code) => `金额单位：${code}`,
  noCurrency: "金额按数据原样显示",
  inputs: "输入文件",
  rows: {
    read: (n) => `读取${n}行`,
    kept: (n) => `保留${n}行`,
    excluded: (n) => `排除${n}行，规则为`,
    invalid: (n) => `无效行${n}行已剔除`,
    afterAsOf: (n) => `分析日之后的${n}笔交易未计入`,
    withoutPurchase: (n) =>
      `${n}位客户没有购买（金额均不大于0），未纳入 RFM、客户组合与模型，在生命周期中计为潜在客户`,
    notEvaluated: (n) => `${n}行无法计算排除规则`,
  },
  summaryTitle: "摘要",
  ...LABELS.zh,
  define: (thing, facts) => DEFINITIONS[thing](facts),
  emptyPrefix: "本节为空：",
  empty: (reason, facts) => EMPTY[reason]!(facts),
  moreRows: (more, total) => `……另有${more}行，共${total}行`,
  partialDays: (days, of) => `不完整：${of}天中仅有${days}天数据`,
  stages: LIFECYCLE_LABELS.zh,
  phrases: {
    headHolds: (customers, share) => `${customers}位客户贡献${share}的收入`,
    whalePeak: (profit, customers) => `${customers}的客户贡献${profit}的利润`,
    probablyActive: (customers, share) => `${customers}位客户（${share}）`,
    valueSource: (source) => (source === "customers.value" ? "客户名单中的价值列" : "截至分析日的净收入"),
    expectedNext: (months) => `未来${months}个月预期购买次数`,
    meanPerCustomer: "每位客户平均",
    customersValued: "参与估值的客户数",
    repeatCustomers: "在两天及以上购买过的客户数",
    activeRepeat: "在两天及以上购买过的客户中很可能仍活跃的",
    leftOutOfValue: "未计入（重复购买净额不大于零）",
    parameters: "模型参数",
  },
  sentences: {
    retention: (f) =>
      `最近${f["count"]}个完整${f["unit"]}（${f["first"]}至${f["last"]}），每期活跃客户中平均有${f["mean"]}在下一期再次购买，由${f["from"]}变为${f["to"]}${f["partial"] === "" ? "" : `；${f["partial"]}的数据不完整，未计入`}。`,
    lifecycle: (f) =>
      `在${f["customers"]}位客户中，${f["growing"]}处于成长期或成熟期，${f["new"]}为新客户，${f["interrupted"]}已6个月以上未购买。`,
    satisfaction: (f) =>
      f.direction === "same"
        ? `按客户价值加权的满意度为${f["weighted"]}，简单平均为${f["plain"]}：支撑业务的客户与其他客户的满意度大致相同。`
        : `按客户价值加权的满意度为${f["weighted"]}，简单平均为${f["plain"]}：支撑业务的客户比简单平均所显示的${f.direction === "less" ? "更不满意" : "更满意"}。`,
    value: (f) =>
      `BG/NBD 模型预计现有${f["customers"]}位客户在未来${f["horizonMonths"]}个月内约购买${f["purchases"]}次${f["value"] === "" ? "" : `，折现价值约${f["value"]}`}；在两天及以上购买过的${f["repeat"]}位客户中，${f["active"]}位（${f["activeShare"]}）很可能仍然活跃。${f["warned"] === "" ? "" : "但该模型的拟合带有警告（见其章节），请谨慎对待这些数字。"}`,
    emptySections: (names) => `以下各节因数据所限为空（原因见下文）：${names}。`,
  },
  footer: "本报告由客户价值分析命令行工具生成。",
};
