/**
 * How the report writes numbers, money, shares, dates and period keys in its language.
 */
import type { ChartLocale } from "../../charts/types.js";
import type { Period } from "../../internal/dates.js";

/** The formatting of one report: its language and currency. */
export class Format {
  private readonly intl: string;
  constructor(
    readonly locale: ChartLocale,
    /** ISO 4217 code of the amounts, or `undefined` for plain numbers. */
    readonly currency: string | undefined,
  ) {
    this.intl = locale === "zh" ? "zh-CN" : "en-GB";
  }

  /** A whole count: 4,338. */
  count(n: number): string {
    return Math.round(n).toLocaleString(this.intl);
  }

  /** A number with `digits` decimals: 0.75. */
  fixed(x: number | null | undefined, digits: number): string {
    return typeof x === "number" && Number.isFinite(x)
      ? x.toLocaleString(this.intl, { minimumFractionDigits: digits, maximumFractionDigits: digits })
      : "—";
  }

  /** An amount: £1,234.56 with a currency, 1,234.56 without; `whole` drops the pence. */
  money(x: number | null | undefined, whole = false): string {
    if (typeof x !== "number" || !Number.isFinite(x)) return "—";
    const digits = whole ? 0 : 2;
    return this.currency === undefined
      ? x.toLocaleString(this.intl, { minimumFractionDigits: digits, maximumFractionDigits: digits })
      : x.toLocaleString(this.intl, {
          style: "currency",
          currency: this.currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
  }

  /** A share as a percentage: 74.3%; one decimal, none from 10% up when `short`. */
  percent(x: number | null | undefined, short = false): string {
    if (typeof x !== "number" || !Number.isFinite(x)) return "—";
    const p = x * 100;
    const digits = (short && Math.abs(p) >= 10) || p === 0 ? 0 : 1;
    return `${p.toFixed(digits)}%`;
  }

  /** An instant's calendar day (UTC): 9 December 2011, 2011年12月9日. */
  date(iso: string | number): string {
    return new Intl.DateTimeFormat(this.intl, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(iso));
  }

  /** A period key in words where it helps: "2011-12" is December 2011 (2011年12月); other keys as they are. */
  period(key: string, period: Period): string {
    const month = /^(\d{4})-(\d{2})$/.exec(key);
    if (period !== "month" || month === null) return key;
    return new Intl.DateTimeFormat(this.intl, { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)),
    );
  }
}
