/**
 * The report's labels, English and Chinese side by side, so that a label cannot be
 * missing in one language: units, section headings, BCG quadrants and strategies, RFM
 * segments, model-fit warnings and table headers.
 */

/** A label in English and in Chinese. */
type Pair = readonly [en: string, zh: string];

const PAIRS = {
  units: {
    day: ["days", "日"],
    week: ["weeks", "周"],
    month: ["months", "月"],
    quarter: ["quarters", "季度"],
    year: ["years", "年"],
  },
  sections: {
    concentration: ["Which customers carry the business", "哪些客户支撑了业务"],
    activity: ["Customers won, kept and lost per period", "各期客户的获得、保留与流失"],
    cohorts: ["Do new customers come back?", "新客户会再次购买吗？"],
    portfolio: ["The customer portfolio (BCG growth-share matrix)", "客户组合（BCG 增长率-市场份额矩阵）"],
    lifecycle: [
      "Where each relationship stands (the seven-stage lifecycle)",
      "客户关系所处阶段（七阶段生命周期）",
    ],
    rfm: ["RFM segments", "RFM 客户分群"],
    bgNbd: ["Which customers are still active (BG/NBD)", "哪些客户仍然活跃（BG/NBD 模型）"],
    lifetimeValue: ["What the customers are worth (lifetime value)", "客户价值几何（客户终身价值）"],
    satisfaction: ["Are the customers who matter satisfied?", "重要客户满意吗？"],
  },
  quadrants: {
    star: ["Stars", "明星"],
    cashCow: ["Cash cows", "金牛"],
    questionMark: ["Question marks", "问题"],
    dog: ["Dogs", "瘦狗"],
  },
  strategies: {
    hold: ["hold", "维持"],
    harvest: ["harvest", "收获"],
    build: ["build", "发展"],
    divest: ["divest", "放弃"],
  },
  segments: {
    champions: ["Champions", "冠军客户"],
    loyal: ["Loyal customers", "忠诚客户"],
    "potential-loyalists": ["Potential loyalists", "潜在忠诚客户"],
    new: ["New customers", "新客户"],
    promising: ["Promising", "有潜力客户"],
    "need-attention": ["Need attention", "需要关注"],
    "about-to-sleep": ["About to sleep", "即将沉睡"],
    "cannot-lose": ["Cannot lose them", "不能失去的客户"],
    "at-risk": ["At risk", "有流失风险"],
    hibernating: ["Hibernating", "沉睡客户"],
    none: ["No segment", "未分群"],
  },
  fitWarnings: {
    boundary: [
      "A model parameter sits at the edge of its range: the fit, and what is predicted from it, is unreliable.",
      "模型参数处于取值范围的边缘：拟合结果及其预测不可靠。",
    ],
    "ill-conditioned": [
      "The data hardly pin down the model's parameters: their values and standard errors are unreliable.",
      "数据几乎无法确定模型参数：参数值与标准误不可靠。",
    ],
    "p-alive-near-one": [
      "The model sees almost no drop-out: its P(alive) cannot tell active customers from lapsed ones.",
      "模型几乎看不到客户流失：其存活概率无法区分活跃客户与已流失客户。",
    ],
    "p-alive-near-zero": [
      "The model calls nearly every repeat buyer gone: check the as-of date and the data.",
      "模型认为几乎所有重复购买的客户都已流失：请检查截止日期与数据。",
    ],
  },
  th: {
    measure: ["Measure", "指标"],
    value: ["Value", "数值"],
    customersWithTransactions: ["Customers with transactions", "有交易的客户数"],
    netRevenue: ["Total net revenue", "净收入合计"],
    head: ["Top 20% of customers", "前20%的客户"],
    gini: ["Gini coefficient", "基尼系数"],
    abc: ["ABC classes (80/95)", "ABC 分类（80/95）"],
    whalePeak: ["Whale curve peak", "鲸鱼曲线峰值"],
    period: ["Period", "期间"],
    active: ["Active", "活跃"],
    new: ["New", "新增"],
    retained: ["Retained", "保留"],
    reactivated: ["Reactivated", "重新活跃"],
    churned: ["Churned", "流失"],
    retention: ["Retention", "留存率"],
    churn: ["Churn", "流失率"],
    revenue: ["Revenue", "收入"],
    note: ["Note", "备注"],
    cohort: ["Cohort", "同期群"],
    size: ["Size", "规模"],
    after: ["After {k}", "第{k}期后"],
    quadrant: ["Quadrant", "象限"],
    strategy: ["Strategy", "策略"],
    customers: ["Customers", "客户数"],
    customerShare: ["Share of customers", "客户占比"],
    windowRevenue: ["Purchases, last window", "最近窗口购买额"],
    revenueShare: ["Share of purchases", "购买额占比"],
    stage: ["Stage", "阶段"],
    share: ["Share", "占比"],
    valueShare: ["Share of revenue", "收入占比"],
    segment: ["Segment", "分群"],
    recency: ["Mean recency (days)", "平均间隔（天）"],
    frequency: ["Mean frequency", "平均频次"],
    parameter: ["Figure", "项目"],
    expectedPurchases: ["Expected purchases", "预期购买次数"],
    meanAlive: ["Mean P(alive)", "平均存活概率"],
    probablyActive: ["Probably active", "很可能仍活跃"],
    fittedOn: ["Customers fitted on", "拟合所用客户数"],
    customer: ["Customer", "客户"],
    lifetimeValue: ["Expected value", "预期价值"],
    spendPerPurchase: ["Spend per purchase", "每次消费额"],
    totalValue: ["Total expected value", "预期价值合计"],
    indicator: ["Indicator", "指标"],
    respondents: ["Respondents", "回答人数"],
    plain: ["Plain mean", "简单平均"],
    weighted: ["Value-weighted mean", "价值加权平均"],
    effectiveN: ["Effective n", "有效样本量"],
    valueSource: ["Customer value used", "所用客户价值"],
    classA: ["A", "A"],
    classB: ["B", "B"],
    classC: ["C", "C"],
  },
} as const satisfies Record<string, Record<string, Pair>>;

/** The labels of one language. */
type Labels = { readonly [G in keyof typeof PAIRS]: { readonly [K in keyof (typeof PAIRS)[G]]: string } };

function pick(index: 0 | 1): Labels {
  const entries = Object.entries(PAIRS).map(([group, pairs]) => [
    group,
    Object.fromEntries(Object.entries(pairs).map(([key, pair]) => [key, pair[index]])),
  ]);
  return Object.fromEntries(entries) as Labels;
}

/** The report's labels per language. */
export const LABELS = { en: pick(0), zh: pick(1) } as const;
