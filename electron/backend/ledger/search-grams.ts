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
