import { headerKey, withoutBrackets } from '../shape/header-text';

/**
 * Which field a header names. Pure and dependency-free: the worker uses it to pick the data
 * sheet, the mapping layer to map columns. Tiers, best first: the field's own label;
 * another exact name; exact once
 * bracketed notes are dropped; the last part of a two-row name ("整改情况/办理状态");
 * a header containing a synonym ("联系电话（手机）").
 */
export interface FieldNames {
  key: string;
  /** already passed through headerKey; the first is the field's label */
  names: string[];
}

export interface HeaderMatch {
  key: string;
  /** 4 the label, 3 another exact name, 2 without brackets or last part, 1 contains */
  tier: 1 | 2 | 3 | 4;
}

export function matchHeader(raw: unknown, fields: readonly FieldNames[]): HeaderMatch | null {
  const key = headerKey(raw);
  if (!key) return null;
  const exact = (k: string) => fields.find((f) => f.names.includes(k));
  const e = exact(key);
  if (e) return { key: e.key, tier: e.names[0] === key ? 4 : 3 };
  const variants = [withoutBrackets(key)];
  const slash = key.lastIndexOf('/');
  if (slash > 0) variants.push(key.slice(slash + 1), withoutBrackets(key.slice(slash + 1)));
  for (const v of variants) {
    const f = v ? exact(v) : undefined;
    if (f) return { key: f.key, tier: 2 };
  }
  // contains: the longest synonym found wins ("出生年月日" → 出生年月, not 出生)
  const bare = withoutBrackets(key) || key;
  let best: { key: string; len: number } | null = null;
  for (const f of fields) {
    for (const n of f.names) {
      if (n.length >= 2 && bare.includes(n) && (!best || n.length > best.len)) best = { key: f.key, len: n.length };
    }
  }
  return best ? { key: best.key, tier: 1 } : null;
}

/** How many distinct fields a row's cells name: the header row is the one naming most. */
export function countFieldsNamed(cells: readonly unknown[], fields: readonly FieldNames[]): number {
  const seen = new Set<string>();
  for (const c of cells) {
    // headers are short text; a long sentence or a number in a data row names nothing
    if (typeof c !== 'string' || c.length > 40) continue;
    const m = matchHeader(c, fields);
    if (m) seen.add(m.key);
  }
  return seen.size;
}
