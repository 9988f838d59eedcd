import type { LedgerCategory, LedgerRecord } from '../../../shared/domain/ledger';
import { api } from '../api';

/** The ledgers a coverage check reads (the backend's `tasks.coverage` knows these two templates). */
export const COVERAGE_TEMPLATES = ['study', 'exams'] as const;
export const isCoverageLedger = (c: LedgerCategory): boolean => (COVERAGE_TEMPLATES as readonly string[]).includes(c.templateKey ?? '');

/** One thing to check: a study session (one record), or a test (all records of one 考试名称, checked through any of them). */
export interface CoverageSubject {
  recordId: number;
  label: string;
  /** the session's 组织单位, offered as the units to check */
  unitId: number | null;
  /** a session whose 参加人员 list is empty: everyone on the roster will count as missing */
  noAttendees: boolean;
}

/** How many records are read to list the choices; an office's sessions and tests fit well within it. */
const SESSIONS = 500;
const RESULTS = 5000;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The sessions or tests of a ledger, newest first (by its first date field). */
export async function loadSubjects(cat: LedgerCategory): Promise<{ subjects: CoverageSubject[]; truncated: boolean }> {
  const dateKey = cat.fields.find((f) => f.type === 'date')?.key;
  const study = cat.templateKey === 'study';
  const page = await api.ledger.rows({
    categoryId: cat.id,
    startRow: 0,
    endRow: study ? SESSIONS : RESULTS,
    sort: dateKey ? [{ field: dateKey, dir: 'desc' }, { field: '_id', dir: 'desc' }] : [{ field: '_id', dir: 'desc' }],
  });
  const truncated = page.total > page.rows.length;
  if (study) return { subjects: page.rows.map(session), truncated };
  // a test is one record per person: list each 考试名称 once, with how many results it has
  const byExam = new Map<string, { first: LedgerRecord; n: number }>();
  for (const r of page.rows) {
    const exam = text(r.values.exam);
    if (!exam) continue;
    const seen = byExam.get(exam);
    if (seen) seen.n++;
    else byExam.set(exam, { first: r, n: 1 });
  }
  const subjects = [...byExam].map(([exam, { first, n }]) => {
    const date = dateKey ? text(first.values[dateKey]) : '';
    return { recordId: first.id, label: `${exam}（${date ? `${date}，` : ''}${n} 条成绩）`, unitId: null, noAttendees: false };
  });
  return { subjects, truncated };
}

function session(r: LedgerRecord): CoverageSubject {
  const date = text(r.values.date);
  const form = text(r.values.form);
  const topic = text(r.values.topic) || '（未填主题）';
  return {
    recordId: r.id,
    label: `${date || '未填日期'} ${form ? `${form}：` : ''}${topic}`,
    unitId: typeof r.values.unit === 'number' ? r.values.unit : null,
    noAttendees: Array.isArray(r.values.attendees) ? r.values.attendees.length === 0 : text(r.values.attendees) === '',
  };
}

/** An ISO date `days` later (UTC calendar arithmetic, so it never shifts with the time zone). */
export const addDays = (iso: string, days: number): string => {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};
