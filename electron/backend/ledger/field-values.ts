import type { Choice, FieldType, FieldValue } from '../../../shared/domain/ledger';
import { excelSerialToIso, parseDateText } from '../../../shared/validation/dates';
import { matchPeople, matchProblem } from './people-match';

/**
 * One rule per field type: what a typed, pasted or imported cell becomes, or why it is
 * refused (in Chinese, naming the value). The grid, the paste, the import and a type change
 * all go through `checkValue`, so none of them can store what another would refuse.
 */
export interface FieldRule {
  label: string;
  type: FieldType;
  choices: readonly Choice[];
}

export interface PersonRef {
  id: number;
  name: string;
  badge: string | null;
  unitName: string | null;
}

/** The roster and the organisation as the rules see them. */
export interface Refs {
  unitName(id: number): string | null;
  unitByName(name: string): number | null;
  person(id: number): PersonRef | null;
  peopleByName(name: string): PersonRef[];
  personByBadge(badge: string): PersonRef | null;
}

export type ValueCheck = { ok: true; value: FieldValue | null } | { ok: false; reason: string };

const ok = (value: FieldValue | null): ValueCheck => ({ ok: true, value });
const no = (reason: string): ValueCheck => ({ ok: false, reason });

export const MAX_TEXT = 500;
export const MAX_LONG_TEXT = 20000;

/** For comparing choices and names: width, case and spaces do not matter. */
export const looseKey = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();

const TRUE_WORDS = new Set(['是', '有', '对', '√', '✓', '✔', '1', 'true', 'yes', 'y', '合格', '通过', '已']);
const FALSE_WORDS = new Set(['否', '无', '不', '×', '✗', '✘', '0', 'false', 'no', 'n', '不合格', '未通过', '未']);

export function isEmptyRaw(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

function asText(raw: unknown): string {
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  if (Array.isArray(raw)) return raw.join('、');
  return String(raw).trim();
}

export function findChoice(choices: readonly Choice[], text: string): Choice | undefined {
  const k = looseKey(text);
  return choices.find((c) => looseKey(c.value) === k) ?? choices.find((c) => c.aliases?.some((a) => looseKey(a) === k));
}

function choiceList(choices: readonly Choice[]): string {
  const shown = choices.slice(0, 6).map((c) => c.value).join('、');
  return choices.length > 6 ? `${shown}等` : shown;
}

function checkDate(raw: unknown): ValueCheck {
  if (typeof raw === 'number') {
    // a pasted Excel serial day (44256) or digits typed as a number (20210301)
    if (raw >= 19000101 && raw <= 21001231) return checkDate(String(raw));
    const iso = Number.isInteger(raw) ? excelSerialToIso(raw) : null;
    return iso ? ok(iso) : no(`无法识别的日期“${raw}”，请写成如2021-03-01`);
  }
  const s = asText(raw);
  const isoStamp = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  const r = parseDateText(isoStamp ? isoStamp[1]! : s);
  return r.ok ? ok(r.value) : no(r.reason);
}

function checkNumber(raw: unknown): ValueCheck {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : no('数字无效');
  const s = asText(raw).normalize('NFKC').replace(/[\s,]/g, '');
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : NaN;
  return Number.isFinite(n) ? ok(n) : no(`应为数字，这里是“${asText(raw)}”`);
}

function checkBoolean(raw: unknown): ValueCheck {
  if (typeof raw === 'boolean') return ok(raw);
  const k = looseKey(asText(raw));
  if (TRUE_WORDS.has(k)) return ok(true);
  if (FALSE_WORDS.has(k)) return ok(false);
  return no(`只能填“是”或“否”，这里是“${asText(raw)}”`);
}

function checkMulti(rule: FieldRule, raw: unknown): ValueCheck {
  const parts = Array.isArray(raw) ? raw.map(String) : asText(raw).split(/[、,，;；/\n]+/);
  const picked: string[] = [];
  const bad: string[] = [];
  for (const p of parts.map((x) => x.trim()).filter(Boolean)) {
    const c = findChoice(rule.choices, p);
    if (!c) bad.push(p);
    else if (!picked.includes(c.value)) picked.push(c.value);
  }
  if (bad.length) return no(`“${bad.join('、')}”不在选项中（可选：${choiceList(rule.choices)}）`);
  return ok(picked.length ? picked : null);
}

/** 警号, "姓名", "姓名（单位）", "姓名/单位" or "姓名 单位". */
function checkPerson(raw: unknown, refs: Refs): ValueCheck {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) {
    return refs.person(raw) ? ok(raw) : no('所选人员不在花名册中（可能已被删除）');
  }
  const s = asText(raw).normalize('NFKC').trim();
  const byBadge = /^[A-Za-z0-9-]+$/.test(s) ? refs.personByBadge(s.toUpperCase()) ?? refs.personByBadge(s) : null;
  if (byBadge) return ok(byBadge.id);
  const m = /^(.+?)\s*[(（/]\s*(.+?)\s*[)）]?$/.exec(s) ?? /^(\S+)\s+(\S+)$/.exec(s);
  const name = (m ? m[1]! : s).replace(/\s+/g, '');
  const unit = m ? m[2]! : null;
  let found = refs.peopleByName(name);
  if (unit !== null) found = found.filter((p) => p.unitName !== null && looseKey(p.unitName) === looseKey(unit));
  if (found.length === 1) return ok(found[0]!.id);
  if (found.length === 0) {
    return no(unit !== null ? `花名册中“${unit}”没有名为“${name}”的人员` : `花名册中没有“${s}”，请先在花名册中添加，或填写警号`);
  }
  return no(`花名册中有${found.length}人名为“${name}”，请写成“姓名（单位）”或填写警号`);
}

/** Most people one list may hold (a session of a whole unit; the contract's limit). */
export const MAX_PEOPLE = 5000;

/**
 * 人员名单: person ids (the editor's picks) or a pasted list of names and 警号. Every entry must
 * answer to one person on the roster; otherwise the whole cell is refused, naming the entries
 * to fix — a misspelt name silently dropped would count that person absent.
 */
function checkPeople(raw: unknown, refs: Refs): ValueCheck {
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'number')) {
    const ids = [...new Set(raw as number[])];
    const gone = ids.filter((id) => !Number.isInteger(id) || id <= 0 || refs.person(id) === null);
    if (gone.length) return no(`名单中有${gone.length}人不在花名册中（可能已被删除）`);
    return ids.length > MAX_PEOPLE ? no(`人员名单最多${MAX_PEOPLE}人`) : ok(ids.length ? ids : null);
  }
  if (typeof raw === 'number') return checkPeople([raw], refs);
  const m = matchPeople(asText(raw), refs);
  const problem = matchProblem(m);
  if (problem) return no(problem);
  if (m.matched.length > MAX_PEOPLE) return no(`人员名单最多${MAX_PEOPLE}人`);
  return ok(m.matched.length ? m.matched.map((p) => p.id) : null);
}

function checkUnit(raw: unknown, refs: Refs): ValueCheck {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) {
    return refs.unitName(raw) !== null ? ok(raw) : no('所选单位不存在或已被删除');
  }
  const s = asText(raw);
  const id = refs.unitByName(s) ?? refs.unitByName(s.normalize('NFKC').replace(/[\s\u3000]+/g, ''));
  return id !== null ? ok(id) : no(`单位“${s}”不在组织架构中，请先添加该单位`);
}

/** The value to store for `raw`, or the reason it is refused. Empty is ok (null): `required` is the caller's. */
export function checkValue(rule: FieldRule, raw: unknown, refs: Refs): ValueCheck {
  if (isEmptyRaw(raw)) return ok(null);
  switch (rule.type) {
    case 'text':
    case 'longText': {
      const s = asText(raw);
      const max = rule.type === 'text' ? MAX_TEXT : MAX_LONG_TEXT;
      return s.length > max ? no(`内容过长（最多${max}个字，这里有${s.length}个字）`) : ok(s);
    }
    case 'number':
      return checkNumber(raw);
    case 'date':
      return checkDate(raw);
    case 'singleChoice':
    case 'status': {
      if (Array.isArray(raw) && raw.length > 1) return no('只能选一项');
      const c = findChoice(rule.choices, asText(raw));
      return c ? ok(c.value) : no(`“${asText(raw)}”不在选项中（可选：${choiceList(rule.choices)}）`);
    }
    case 'multiChoice':
      return checkMulti(rule, raw);
    case 'person':
      return checkPerson(raw, refs);
    case 'people':
      return checkPeople(raw, refs);
    case 'unit':
      return checkUnit(raw, refs);
    case 'boolean':
      return checkBoolean(raw);
  }
}

/** The value as a person reads it (and as the CLI, the search index and a type change use it). */
export function displayValue(type: FieldType, value: FieldValue | null | undefined, refs: Refs): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'person': {
      const p = typeof value === 'number' ? refs.person(value) : null;
      return p ? p.name : `（已删除的人员#${String(value)}）`;
    }
    case 'people': {
      const ids = Array.isArray(value) ? value : [value];
      return ids.map((id) => (typeof id === 'number' ? refs.person(id)?.name : null) ?? '（已删除的人员）').join('、');
    }
    case 'unit':
      return (typeof value === 'number' ? refs.unitName(value) : null) ?? `（已删除的单位#${String(value)}）`;
    case 'boolean':
      return value === true ? '是' : '否';
    case 'multiChoice':
      return Array.isArray(value) ? value.join('、') : String(value);
    default:
      return String(value);
  }
}

/** What a value of `from` becomes as a value of `to` (a type change). */
export function convertValue(from: FieldType, to: FieldRule, value: FieldValue, refs: Refs): ValueCheck {
  if (from === to.type && to.type !== 'singleChoice' && to.type !== 'status' && to.type !== 'multiChoice') return ok(value);
  if (to.type === 'multiChoice' && Array.isArray(value)) return checkValue(to, value, refs);
  if (from === 'person' && to.type === 'person') return ok(value);
  if (from === 'person' && to.type === 'people') return checkPeople([value as number], refs);
  if (from === 'people' && to.type === 'people') return ok(value);
  if (from === 'unit' && to.type === 'unit') return ok(value);
  return checkValue(to, displayValue(from, value, refs), refs);
}
