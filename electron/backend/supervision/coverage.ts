import type { Database } from 'better-sqlite3';
import type { CoverageResult, Task } from '../../../shared/domain/supervision';
import type { LedgerService } from '../ledger/ledger-service';
import type { TaskService } from './task-service';
import { ErrorCode, fail } from '../errors';
import { DbRefs } from '../ledger/refs';
import { matchPeople } from '../ledger/people-match';

/**
 * 全员覆盖 (一个不漏): who on the roster of the chosen units is missing.
 * - a study session (学习教育记录): people not on its 参加人员 list — a 人员名单 field holds
 *   people picked from the roster; an older free-text list is matched name by name, and the
 *   names no one answers to are reported, never silently taken as nobody;
 * - a test (考试测试, one record per person): people with no passing result — 合格, or
 *   补考过关 — for the same 考试名称.
 * The list's size is set beside the record's 实到人数, so a difference shows.
 */
export function coverage(db: Database, ledger: LedgerService, recordId: number, unitIds: number[]): CoverageResult {
  const record = ledger.records.get(recordId);
  if (record.deletedAt) fail(ErrorCode.conflict, '该台账记录在回收站中，请先恢复');
  const cat = ledger.categories.get(record.categoryId);
  const people = db
    .prepare(`SELECT p.id, p.name, u.name AS unit FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.unit_id IN (SELECT value FROM json_each(?)) ORDER BY p.unit_id, p.id`)
    .all(JSON.stringify(unitIds)) as { id: number; name: string; unit: string | null }[];
  if (cat.templateKey === 'study') {
    const list = attendanceOf(db, cat.fields.find((f) => f.key === 'attendees')?.type, record.values.attendees);
    const missing = people.filter((p) => !list.present.has(p.id)).map((p) => ({ personId: p.id, name: p.name, unit: p.unit, reason: '未参加' }));
    const reported = record.values.present;
    return {
      recordId,
      kind: 'study',
      expected: people.length,
      missing,
      attendance: { listed: list.present.size, reportedPresent: typeof reported === 'number' ? reported : null, unknown: list.unknown, ambiguous: list.ambiguous },
    };
  }
  if (cat.templateKey === 'exams') {
    const exam = String(record.values.exam ?? '');
    const results = db
      .prepare(
        `SELECT json_extract(data, '$.person') AS person, json_extract(data, '$.passed') AS passed, json_extract(data, '$.retake') AS retake
         FROM ledger_records WHERE category_id = ? AND deleted_at IS NULL AND json_extract(data, '$.exam') = ?`,
      )
      .all(cat.id, exam) as { person: number | null; passed: number | null; retake: string | null }[];
    const sat = new Set(results.map((r) => r.person));
    const passed = new Set(results.filter((r) => r.passed === 1 || r.retake === '补考过关').map((r) => r.person));
    const missing = people
      .filter((p) => !passed.has(p.id))
      .map((p) => ({ personId: p.id, name: p.name, unit: p.unit, reason: sat.has(p.id) ? '未合格' : '未参加考试' }));
    return { recordId, kind: 'exam', expected: people.length, missing };
  }
  return fail(ErrorCode.validation, `“${cat.name}”不是学习教育记录或考试测试台账，无法检查覆盖情况`);
}

/** Who a session's 参加人员 names: ids of a 人员名单 field, or a typed list matched to the roster. */
function attendanceOf(db: Database, type: string | undefined, value: unknown): { present: Set<number>; unknown: string[]; ambiguous: string[] } {
  if (type === 'people' || Array.isArray(value)) {
    return { present: new Set((Array.isArray(value) ? value : []).filter((x): x is number => typeof x === 'number')), unknown: [], ambiguous: [] };
  }
  const m = matchPeople(typeof value === 'string' ? value : '', new DbRefs(db));
  return { present: new Set(m.matched.map((p) => p.id)), unknown: m.unmatched, ambiguous: m.ambiguous.map((a) => a.text) };
}

/** One 补课/补考 task per unit that has someone missing, naming them; one transaction. */
export function coverageFollowUp(db: Database, ledger: LedgerService, tasks: TaskService, recordId: number, unitIds: number[], dueDate: string): Task[] {
  return db.transaction(() => {
    const result = coverage(db, ledger, recordId, unitIds);
    const record = ledger.records.get(recordId);
    const subject = result.kind === 'study' ? String(record.values.topic ?? '学习') : String(record.values.exam ?? '考试');
    const verb = result.kind === 'study' ? '补课' : '补考';
    const byUnit = new Map<string | null, typeof result.missing>();
    for (const m of result.missing) byUnit.set(m.unit, [...(byUnit.get(m.unit) ?? []), m]);
    const ids: number[] = [];
    for (const [unit, list] of byUnit) {
      const unitId = unit === null ? null : (db.prepare('SELECT id FROM units WHERE name = ?').pluck().get(unit) as number);
      ids.push(
        tasks.insert({
          parentId: null, title: `${verb}：${subject}（${unit ?? '未指定单位'}${list.length}人）`,
          content: `${verb}人员：${list.map((m) => `${m.name}（${m.reason}）`).join('、')}`, source: '自定', leadLeaderId: null, unitId,
          responsibleId: null, helperUnitIds: [], startDate: null, dueDate, progress: 0, status: '未开始', evidence: null, horizon: null, ledgerRecordId: recordId,
        }),
      );
    }
    return ids.map((id) => tasks.get(id));
  })();
}
