import type { PickOption } from './sheet-types';

/** Separators between the values of a several-value cell: 、 as typed in Chinese, or commas, semicolons, new lines. */
export const MULTI_SEPARATOR = /[、,，;；\n]+/;

/** The part of the typed text the list is matched against: all of it, or the last value of a several-value cell. */
export function queryOf(text: string, multi: boolean): string {
  const q = multi ? (text.split(MULTI_SEPARATOR).pop() ?? '') : text;
  return q.trim().toLowerCase();
}

/** The options matching the typed text, the best first (those starting with it), at most `limit`. */
export function matchOptions(options: PickOption[], text: string, multi: boolean, limit = 200): PickOption[] {
  const q = queryOf(text, multi);
  if (!q) return options.slice(0, limit);
  const starts: PickOption[] = [];
  const contains: PickOption[] = [];
  for (const o of options) {
    if (o.value === null) continue;
    const at = o.key.indexOf(q);
    if (at === 0) starts.push(o);
    else if (at > 0) contains.push(o);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}

/** A several-value cell's text with its last (partly typed) value replaced by a picked one. */
export function completeLast(text: string, label: string): string {
  const parts = text.split(MULTI_SEPARATOR);
  parts[parts.length - 1] = label;
  return parts.filter((p) => p.trim() !== '').join('、') + '、';
}
