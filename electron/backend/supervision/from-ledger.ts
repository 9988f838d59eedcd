import type { Database } from 'better-sqlite3';
import type { NewTaskInput } from '../../../shared/contract/supervision';
import type { LedgerService } from '../ledger/ledger-service';
import { ErrorCode, fail } from '../errors';

/**
 * 一键转办: what a rectification task takes from a ledger record. Read by field type and key,
 * not by label, so a renamed column still works: the first long text (意见内容) is the
 * subject, the first unit field the responsible unit, the first date field the deadline,
 * the first person field the lead. An opinion (征求意见台账) gives the source 征求意见.
 * A second task for one record only when asked (`again`): a double click must not make two.
 */
export function taskFromRecord(db: Database, ledger: LedgerService, recordId: number, parentId: number | null, dueDate: string | null | undefined, again = false): NewTaskInput {
  const record = ledger.records.get(recordId);
  if (record.deletedAt) fail(ErrorCode.conflict, '该台账记录在回收站中，请先恢复');
  const existing = db.prepare('SELECT id, title FROM tasks WHERE ledger_record_id = ? ORDER BY id LIMIT 1').get(recordId) as { id: number; title: string } | undefined;
  if (existing && !again) fail(ErrorCode.conflict, `该记录已转为督办任务“${existing.title}”`);
  const category = ledger.categories.get(record.categoryId);
  // an archived ledger is closed work: new tasks from it would chase what the office has put away
  if (category.archived) fail(ErrorCode.conflict, `“${category.name}”已归档，不能再转为督办任务，请先取消归档`);
  const first = (types: string[]) => category.fields.find((f) => types.includes(f.type) && record.values[f.key] !== undefined);
  const textField = first(['longText']) ?? first(['text']);
  const subject = textField ? String(record.values[textField.key]) : `${category.name}中的一条记录`;
  const measure = category.fields.find((f) => f.key === 'measure' && record.values[f.key] !== undefined);
  const unitField = first(['unit']);
  const dateField = first(['date']);
  const personField = first(['person']);
  const isOpinion = category.templateKey === 'opinions';
  // a title reads as a phrase: no trailing full stop from the opinion's sentence
  const bare = subject.replace(/[。．.；;，,\s]+$/u, '');
  const short = bare.length > 40 ? `${bare.slice(0, 40)}…` : bare;
  return {
    parentId: parentId ?? null,
    title: isOpinion ? `整改：${short}` : short,
    content: [subject, measure ? `整改措施：${String(record.values[measure.key])}` : null].filter(Boolean).join('\n'),
    source: isOpinion ? '征求意见' : '自定',
    leadLeaderId: personField ? (record.values[personField.key] as number) : null,
    unitId: unitField ? (record.values[unitField.key] as number) : null,
    responsibleId: null,
    helperUnitIds: [],
    startDate: null,
    dueDate: dueDate !== undefined ? dueDate : dateField ? String(record.values[dateField.key]) : null,
    progress: 0,
    status: '未开始',
    evidence: null,
    horizon: null,
    ledgerRecordId: recordId,
  };
}

/**
 * 办结 carried back to the ledger: a task made from a record closes that record too, so the
 * 征求意见台账 reads 已办结 without anyone typing it twice. The record's first status field
 * takes a closed choice (the one named like the task's status when there is one) and a
 * 反馈情况 field, if the category has one and it is empty, takes the evidence. Through the
 * ledger service, so it is validated and audited; inside the caller's transaction. A record
 * in the recycle bin or an archived category is left alone (the task still closes).
 * Returns what changed, for the task's trail, or null.
 */
export function closeLinkedRecord(ledger: LedgerService, recordId: number, taskStatus: string, evidence: string): string | null {
  const record = ledger.records.get(recordId);
  if (record.deletedAt) return null;
  const category = ledger.categories.get(record.categoryId);
  if (category.archived) return null;
  const statusField = category.fields.find((f) => f.type === 'status');
  const closedChoices = statusField?.choices.filter((c) => c.closed) ?? [];
  const closedValue = closedChoices.find((c) => c.value === taskStatus || c.aliases?.includes(taskStatus))?.value ?? closedChoices[0]?.value;
  const feedback = category.fields.find((f) => (f.key === 'feedback' || f.label === '反馈情况') && (f.type === 'longText' || f.type === 'text'));
  const changes: Record<string, string> = {};
  if (statusField && closedValue && record.values[statusField.key] !== closedValue) changes[statusField.key] = closedValue;
  if (feedback && (record.values[feedback.key] ?? '') === '') changes[feedback.key] = evidence;
  if (Object.keys(changes).length === 0) return null;
  ledger.records.update(recordId, changes);
  const said = [statusField && changes[statusField.key] ? `${statusField.label}：${closedValue}` : null, feedback && changes[feedback.key] ? `${feedback.label}已填写` : null].filter(Boolean);
  return `同步台账“${category.name}”中的“${recordWords(category.fields, record.values)}”（${said.join('，')}）`;
}

/** A record as the trail names it: its first filled text, cut at 30 characters (never its internal number). */
function recordWords(fields: readonly { key: string; type: string }[], values: Record<string, unknown>): string {
  const f = fields.find((x) => (x.type === 'longText' || x.type === 'text') && typeof values[x.key] === 'string' && String(values[x.key]).trim() !== '');
  if (!f) return '一条记录';
  const s = String(values[f.key]).trim().split('\n')[0]!;
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}
