/**
 * Text for the bigram search index (see migration 003): what is indexed and what is asked
 * are normalised the same way, then cut into overlapping 2-character tokens.
 */

/** Full-width to half-width (NFKC), lower case, letters and digits only. */
export function searchNormal(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** "王伟明" → ["王伟", "伟明"]; a single character stays a token of its own. */
export function bigrams(s: string): string[] {
  const chars = Array.from(searchNormal(s));
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * The indexed text of one record: each value cut separately, so no token spans two fields.
 * Tokens are letters and digits only, which the unicode61 tokenizer keeps as one token each.
 */
export function gramsOf(values: readonly string[]): string {
  return values.map((v) => bigrams(v).join(' ')).filter(Boolean).join(' ');
}

/**
 * An FTS5 MATCH expression for a substring query: the phrase of its bigrams (consecutive
 * tokens = consecutive characters); one character asks for the tokens that start with it.
 * null when nothing searchable is left.
 */
export function matchExpression(query: string): string | null {
  const chars = Array.from(searchNormal(query));
  if (chars.length === 0) return null;
  if (chars.length === 1) return `"${chars[0]}" *`;
  return `"${bigrams(chars.join('')).join(' ')}"`;
}

/** Grams of the number index: 4 digits are 1 in 10,000 where 2 digits are 1 in 100. */
const NUMBER_GRAM = 4;
/** Digit runs (an ID number's check letter included), as the bigram index sees the text. */
const NUMBER_RUN = /\d+x?/g;
/** Between two runs: a token no number query asks for, so no phrase spans two runs. */
const RUN_GAP = 'z';

function numberGramsOfRun(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + NUMBER_GRAM <= run.length; i++) out.push(run.slice(i, i + NUMBER_GRAM));
  return out;
}

/**
 * The text of the number index (migration 006): every run of 4 or more digits cut into
 * overlapping 4-grams. Digit bigrams are so common (every ID number holds "19" or "20")
 * that a phrase of them reads most of the bigram index; 4-grams are a hundred times rarer.
 */
export function numberGramsOf(values: readonly string[]): string {
  const runs: string[] = [];
  for (const v of values) for (const m of searchNormal(v).matchAll(NUMBER_RUN)) if (m[0].length >= NUMBER_GRAM) runs.push(numberGramsOfRun(m[0]).join(' '));
  return runs.join(` ${RUN_GAP} `);
}

/**
 * The number index's MATCH expression for a query that is all digits (an ID number may end
 * in X) and at least 4 long — part of an ID number, 警号 or phone number; null otherwise,
 * when the bigram index answers.
 */
export function numberMatchExpression(query: string): string | null {
  const q = searchNormal(query);
  if (q.length < NUMBER_GRAM || !/^\d+x?$/.test(q)) return null;
  return `"${numberGramsOfRun(q).join(' ')}"`;
}

/** Which index answers a substring query, and how: null when nothing searchable is left. */
export function searchSource(query: string): { sql: string; match: string } | null {
  const number = numberMatchExpression(query);
  if (number) return { sql: 'SELECT rowid FROM ledger_search_numbers WHERE ledger_search_numbers MATCH ?', match: number };
  const match = matchExpression(query);
  return match ? { sql: 'SELECT rowid FROM ledger_search WHERE ledger_search MATCH ?', match } : null;
}
