// Types of report-language.mjs, for the tests that import it.
export declare const ALLOWED_WORDS: ReadonlySet<string>;
export declare function dataValues(html: string): string[];
export declare function visibleTexts(html: string): string[];
export declare function latinWords(html: string): { word: string; text: string }[];
