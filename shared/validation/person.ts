import { POLITICAL_STATUSES, SEXES, PERSON_FIELD_LABELS, type PersonField, type PersonInput } from '../domain/roster';
import { parseIdNumber } from './id-number';
import { parseDateText, toHalfWidth } from './dates';

/**
 * Field-by-field validation of roster values, shared by the grid (as the user types)
 * and the roster service (before anything is written): the two can never disagree.
 */
export type FieldCheck<T = unknown> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const bad = (reason: string): FieldCheck<never> => ({ ok: false, reason });

/** Trim, drop ASCII and ideographic spaces inside a name ("张  三" is 张三). */
export function normaliseName(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '');
}

function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).replace(/\u3000/g, ' ').trim();
  return s === '' ? null : s;
}

const MAX_TEXT = 500;

/** Normalises and checks one field in isolation; `unitId` is checked against the tree by the service. */
export function checkPersonField(field: PersonField, raw: unknown): FieldCheck<unknown> {
  const label = PERSON_FIELD_LABELS[field];
  if (field === 'unitId') {
    if (raw === null || raw === undefined || raw === '') return ok(null);
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? ok(n) : bad('所在单位无效');
  }
  const s = text(raw);
  switch (field) {
    case 'name': {
      const name = s === null ? '' : normaliseName(s);
      if (!name) return bad('姓名不能为空');
      if (name.length > 30) return bad('姓名过长（最多30个字）');
      return ok(name);
    }
    case 'sex':
      if (s === null) return ok(null);
      if ((SEXES as readonly string[]).includes(s)) return ok(s);
      return bad(`性别只能填“男”或“女”，这里是“${s}”`);
    case 'badge': {
      if (s === null) return ok(null);
      const b = toHalfWidth(s).replace(/\s/g, '');
      if (!/^[0-9A-Za-z-]{1,20}$/.test(b)) return bad('警号/工号只能由字母、数字和“-”组成（最多20位）');
      // toUpperCase copies even a 警号 it does not change
      return ok(/[a-z]/.test(b) ? b.toUpperCase() : b);
    }
    case 'idNumber': {
      if (s === null) return ok(null);
      const r = parseIdNumber(toHalfWidth(s));
      return r.ok ? ok(r.info.idNumber) : bad(r.reason);
    }
    case 'birthDate':
    case 'joinedDate': {
      if (s === null) return ok(null);
      const r = parseDateText(s, { allowMonth: true });
      return r.ok ? ok(r.value) : bad(`${label}：${r.reason}`);
    }
    case 'politicalStatus': {
      if (s === null) return ok(null);
      const v = s === '党员' ? '中共党员' : s === '团员' ? '共青团员' : s === '预备党员' ? '中共预备党员' : s;
      if ((POLITICAL_STATUSES as readonly string[]).includes(v)) return ok(v);
      return bad(`政治面貌“${s}”不在规定选项中（如中共党员、共青团员、群众）`);
    }
    case 'phone': {
      if (s === null) return ok(null);
      const p = toHalfWidth(s).replace(/[\s-]/g, '');
      if (/^1\d{10}$/.test(p) || /^0\d{9,11}$/.test(p) || /^\d{7,8}$/.test(p)) return ok(p);
      return bad(`联系电话“${s}”格式不对（手机11位，座机如0832-1234567）`);
    }
    default:
      if (s !== null && s.length > MAX_TEXT) return bad(`${label}过长（最多${MAX_TEXT}个字）`);
      return ok(s);
  }
}

/**
 * Cross-field rules on a whole person: the ID's birth date and sex digit must agree with
 * the 出生日期 and 性别 columns. Returns the field to blame and why.
 */
export function checkPersonConsistency(p: PersonInput): { field: PersonField; reason: string } | null {
  if (!p.name) return { field: 'name', reason: '姓名不能为空' };
  if (!p.idNumber) return null;
  const r = parseIdNumber(p.idNumber);
  if (!r.ok) return { field: 'idNumber', reason: r.reason };
  if (p.birthDate && p.birthDate !== r.info.birthDate && !r.info.birthDate.startsWith(p.birthDate + '-')) {
    return { field: 'birthDate', reason: `出生日期${p.birthDate}与公民身份号码中的${r.info.birthDate}不一致` };
  }
  if (p.sex && p.sex !== r.info.sex) {
    return { field: 'sex', reason: `性别“${p.sex}”与公民身份号码（第17位表示${r.info.sex}）不一致` };
  }
  return null;
}
