/**
 * Header text as offices type it: "姓  名", "身份证\n号码", "＊姓名：", full-width letters.
 * `headerKey` is what we compare; `displayHeader` is what we show and key the mapping by.
 */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const ANY_SPACE = /[\s\u00a0\u3000]+/g;
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';

/** Full-width ASCII (Ａ-Ｚ, ０-９, （）…) and the ideographic space to their half-width forms. */
const HAS_WIDE = /[\uff01-\uff5e\u3000]/;

export function toAsciiWidth(s: string): string {
  if (!HAS_WIDE.test(s)) return s; // the common case, and a hot path over 100,000-row files
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

/** The comparison key: no spaces or line breaks, half-width, lower-case, no "*" markers or trailing colon. */
const NEEDS_NORMALISING = /[\s\u00a0\u3000\uff01-\uff5e\u200b-\u200d\u2060\ufeff*※:：A-Z]/;

export function headerKey(raw: unknown): string {
  const text = cellText(raw);
  if (!NEEDS_NORMALISING.test(text)) return text;
  return toAsciiWidth(text)
    .replace(ZERO_WIDTH, '')
    .replace(ANY_SPACE, '')
    .replace(/^[*※]+|[*※]+$/g, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
}

/** Without anything in brackets: "身份证号(18位)" → "身份证号". */
export function withoutBrackets(key: string): string {
  return key.replace(/[(（【[<《][^)）】\]>》]*[)）】\]>》]/g, '');
}

/**
 * What the user sees: trimmed, spaces between Chinese characters removed ("姓  名" → "姓名"),
 * other runs of spaces and line breaks collapsed to one space.
 */
export function displayHeader(raw: unknown): string {
  return cellText(raw)
    .replace(ZERO_WIDTH, '')
    .replace(new RegExp(`(?<=[${CJK}])[\\s\\u00a0\\u3000]+(?=[${CJK}])`, 'g'), '')
    .replace(ANY_SPACE, ' ')
    .trim();
}
