import type { Database } from 'better-sqlite3';
import type { NewTaskInput } from '../../../shared/contract/supervision';
import type { LedgerService } from '../ledger/ledger-service';
import { ErrorCode, fail } from '../errors';

/**
 * 一键转办: what a rectification task takes from a ledger record. Read by field type and key,
 * not by label, so a renamed column still works: the first long text (意见内容) is the
 * subject, the first unit field the responsible unit, the first date field the deadline,
 * the first person field the lead. An opinion (征求意见台账) gives the source 征求意见.
 */
export function taskFromRecord(db: Database, ledger: LedgerService, recordId: number, parentId: number | null, dueDate: string | null | undefined): NewTaskInput {
  const record = ledger.records.get(recordId);
  if (record.deletedAt) fail(ErrorCode.conflict, '该台账记录在回收站中，请先恢复');
  const existing = db.prepare('SELECT id, title FROM tasks WHERE ledger_record_id = ? ORDER BY id LIMIT 1').get(recordId) as { id: number; title: string } | undefined;
  if (existing) fail(ErrorCode.conflict, `该记录已转为督办任务“${existing.title}”（编号 ${existing.id}）`);
  const category = ledger.categories.get(record.categoryId);
  const first = (types: string[]) => category.fields.find((f) => types.includes(f.type) && record.values[f.key] !== undefined);
  const textField = first(['longText']) ?? first(['text']);
  const subject = textField ? String(record.values[textField.key]) : `${category.name}第 ${record.id} 号记录`;
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
