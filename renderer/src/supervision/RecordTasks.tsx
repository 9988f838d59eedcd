import { useCallback, useEffect, useState } from 'react';
import type { LedgerCategory, LedgerRecord } from '../../../shared/domain/ledger';
import type { Task } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
import { FormDialog } from '../common/Modal';
import { useStatus } from '../common/status';
import { DateInput } from './DateInput';
import { useToday } from './use-today';
import { ParentTaskSelect } from './ParentTaskSelect';
import { TaskLinks } from './TaskLinks';
import { recordLabel } from './record-label';

/** How many linked tasks the side panel lists before saying how many more there are. */
const SHOWN = 5;

/**
 * 一键转办 in a ledger record's side panel: the tasks already made from this record, or the
 * button that makes one. A record already converted shows its task instead of offering the
 * button again; a second task needs the explicit 再转一项.
 */
export function RecordTasks(props: { category: LedgerCategory; record: LedgerRecord }) {
  const { record } = props;
  const { notify } = useStatus();
  const [linked, setLinked] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'first' | 'again' | null>(null);

  const load = useCallback(() => {
    api.tasks.list({ ledgerRecordId: record.id, limit: 200 }).then(
      // the first conversion first: sub-tasks and follow-ups made later come after it
      (xs) => (setLinked(xs.sort((a, b) => a.id - b.id)), setError(null)),
      (err) => setError(errorMessage(err)),
    );
  }, [record.id]);
  useEffect(load, [load]);

  return (
    <section className="record-tasks" aria-label="督办任务">
      <h3>督办任务</h3>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {linked === null ? null : linked.length === 0 ? (
        <>
          <p className="muted small">本记录还没有转为督办任务。</p>
          <button className="primary" onClick={() => setDialog('first')}>
            转为督办任务
          </button>
        </>
      ) : (
        <>
          <p className="muted small">本记录已转为督办任务{linked.length > 1 ? `（${linked.length} 项）` : ''}：</p>
          <TaskLinks tasks={linked.slice(0, SHOWN)} testId="record-tasks" />
          {linked.length > SHOWN && <p className="muted small">另有 {linked.length - SHOWN} 项，可在“督办任务”中查看。</p>}
          <button className="ghost" onClick={() => setDialog('again')}>
            再转一项任务…
          </button>
        </>
      )}
      {dialog && (
        <ConvertDialog
          category={props.category}
          record={record}
          again={dialog === 'again' ? linked ?? [] : null}
          onClose={() => setDialog(null)}
          onDone={(t) => {
            setDialog(null);
            notify(`已转为督办任务“${t.title}”`, 'success');
            load();
          }}
        />
      )}
    </section>
  );
}

/** The deadline the backend would take by itself: the record's first filled date field (完成时限). */
function recordDate(category: LedgerCategory, record: LedgerRecord): string | null {
  const f = category.fields.find((x) => x.type === 'date' && typeof record.values[x.key] === 'string');
  return f ? (record.values[f.key] as string) : null;
}

/** Chooses the deadline and, optionally, the task this one belongs under. */
function ConvertDialog(props: { category: LedgerCategory; record: LedgerRecord; again: Task[] | null; onClose: () => void; onDone: (t: Task) => void }) {
  const [dueDate, setDueDate] = useState<string | null>(() => recordDate(props.category, props.record));
  const [dateError, setDateError] = useState<string | null>(null);
  const [parentId, setParentId] = useState<number | null>(null);
  const today = useToday();
  const closesRecord = props.category.fields.some((f) => f.type === 'status');

  // a refusal (in the recycle bin, archived ledger…) is shown by the dialog in the backend's own words
  const save = async () => {
    if (dateError) throw new Error(dateError);
    props.onDone(await api.tasks.fromLedgerRecord({ recordId: props.record.id, parentId, dueDate, ...(props.again ? { again: true } : {}) }));
  };

  return (
    <FormDialog title="转为督办任务" onClose={props.onClose} width={480} submitLabel={props.again ? '再转一项任务' : '转为督办任务'} onSubmit={save}>
      {props.again && props.again.length > 0 && (
        <p className="convert-warning">
          本记录已转为督办任务“{props.again[0]!.title}”{props.again.length > 1 ? `等 ${props.again.length} 项` : ''}。确定要再新建一项吗？
        </p>
      )}
      <p className="muted small">
        任务名称、内容、责任单位和牵头领导取自“{props.category.name}”中的“{recordLabel(props.category, props.record.values)}”，新建后仍可在“督办任务”中修改{closesRecord ? '；任务办结时，本记录一并标为办结' : ''}。
      </p>
      <label className="field">
        <span>完成时限</span>
        <DateInput label="完成时限" value={dueDate} onChange={(v, err) => (setDueDate(v), setDateError(err))} />
        {/* an old record's own deadline is often long past: say so before the task starts out overdue */}
        {dueDate && today && dueDate < today && !dateError && <span className="field-error">早于今天（{today}），任务一建立即为逾期</span>}
      </label>
      <ParentTaskSelect label="上级任务（可不选）" value={parentId} onChange={setParentId} />
    </FormDialog>
  );
}
