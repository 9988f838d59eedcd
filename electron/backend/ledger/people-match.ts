import type { PersonRef, Refs } from './field-values';

/**
 * A name list as offices paste it (参加人员: "张三、李四，王五（政治部）" or one name a line,
 * from a sign-in sheet) matched to people on the roster. Each entry may be a 警号, a name, or
 * "姓名（单位）" when two people share a name. Nothing is guessed: a name not on the roster,
 * or one that fits several people, is listed back for the user to settle.
 */
export interface PeopleMatch {
  /** in the order given, each person once */
  matched: PersonRef[];
  /** entries no one on the roster answers to */
  unmatched: string[];
  /** entries that fit more than one person: "姓名" → how many */
  ambiguous: { text: string; count: number }[];
}

/** Separators between names: 、，,;； and line breaks; spaces too, except inside "姓名 （单位）". */
const SEPARATORS = /[、，,;；\n\r\t]+/;

const normal = (s: string) => s.normalize('NFKC').trim();

/** Splits a pasted list into entries; a run of names separated only by spaces is split on them too. */
export function splitNameList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(SEPARATORS)) {
    const s = part.trim();
    if (!s) continue;
    // "张三 李四 王五" (a sign-in row) but not "张三（政治部）" or "张三 (政治部)"
    if (/[(（]/.test(s)) out.push(s);
    else out.push(...s.split(/[\s\u3000]+/).filter(Boolean));
  }
  return out;
}

/** One entry: a 警号, "姓名（单位）" / "姓名(单位)", or a name. */
export function matchOne(entry: string, refs: Refs): { person: PersonRef } | { none: true } | { many: number } {
  const s = normal(entry);
  if (/^[A-Za-z0-9-]+$/.test(s)) {
    const byBadge = refs.personByBadge(s.toUpperCase()) ?? refs.personByBadge(s);
    return byBadge ? { person: byBadge } : { none: true };
  }
  const m = /^(.+?)\s*[(（]\s*(.+?)\s*[)）]$/.exec(s);
  const name = (m ? m[1]! : s).replace(/\s+/g, '');
  let found = refs.peopleByName(name);
  if (m) {
    const unit = normal(m[2]!).replace(/\s+/g, '');
    found = found.filter((p) => p.unitName !== null && normal(p.unitName).replace(/\s+/g, '') === unit);
  }
  if (found.length === 1) return { person: found[0]! };
  return found.length === 0 ? { none: true } : { many: found.length };
}

export function matchPeople(text: string, refs: Refs): PeopleMatch {
  const matched: PersonRef[] = [];
  const seen = new Set<number>();
  const unmatched: string[] = [];
  const ambiguous: PeopleMatch['ambiguous'] = [];
  for (const entry of splitNameList(text)) {
    const r = matchOne(entry, refs);
    if ('person' in r) {
      if (!seen.has(r.person.id)) matched.push(r.person);
      seen.add(r.person.id);
    } else if ('many' in r) {
      if (!ambiguous.some((a) => a.text === entry)) ambiguous.push({ text: entry, count: r.many });
    } else if (!unmatched.includes(entry)) {
      unmatched.push(entry);
    }
  }
  return { matched, unmatched, ambiguous };
}

/** Why a list cannot be stored as it is, naming every entry to fix; null when every entry matched. */
export function matchProblem(m: PeopleMatch): string | null {
  const parts: string[] = [];
  if (m.unmatched.length) parts.push(`花名册中没有：${m.unmatched.join('、')}`);
  if (m.ambiguous.length) parts.push(`${m.ambiguous.map((a) => `“${a.text}”有${a.count}人`).join('、')}，请写成“姓名（单位）”或填写警号`);
  return parts.length ? parts.join('；') : null;
}
