import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import type { CoverageResult, Task } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { DateInput } from './DateInput';
import { TaskLinks } from './TaskLinks';
import { useLookups } from './lookups';
import { useToday } from './use-today';
import { addDays, isCoverageLedger, loadSubjects, type CoverageSubject } from './coverage-subjects';

interface MissingRow {
  personId: number;
  name: string;
  badge: string;
  unit: string;
  reason: string;
}

const COLUMNS: ColDef<MissingRow>[] = [
  { field: 'name', headerName: '姓名', width: 110 },
  { field: 'badge', headerName: '警号', width: 110, cellClass: 'cell-mono' },
  { field: 'unit', headerName: '单位', flex: 1, minWidth: 140 },
  { field: 'reason', headerName: '情况', width: 120 },
];

/**
 * 全员覆盖 (一个不漏): pick a study session or a test from the ledgers and the units to check;
 * the grid lists who on those units' roster is missing or has not passed, and one action
 * turns them into 补课/补考 tasks (one per unit).
 */
export function CoveragePage() {
  const { notify } = useStatus();
  const { units, people } = useLookups();
  const today = useToday();
  const [cats, setCats] = useState<LedgerCategory[] | null>(null);
  const [catId, setCatId] = useState<number | null>(null);
  const [subjects, setSubjects] = useState<{ list: CoverageSubject[]; truncated: boolean } | null>(null);
  const [recordId, setRecordId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [result, setResult] = useState<CoverageResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const [created, setCreated] = useState<Task[] | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = useRef(0); // only the latest check's answer is shown

  useEffect(() => {
    api.ledger.categories({}).then(
      (all) => {
        const xs = all.filter(isCoverageLedger);
        setCats(xs);
        setCatId((id) => id ?? xs[0]?.id ?? null);
      },
      (err) => setError(errorMessage(err)),
    );
  }, []);
  // a week to catch up, as a starting point the user changes
  useEffect(() => setDueDate((d) => d ?? (today ? addDays(today, 7) : null)), [today]);

  const cat = cats?.find((c) => c.id === catId) ?? null;
  useEffect(() => {
    setSubjects(null);
    setRecordId(null);
    if (!cat) return;
    loadSubjects(cat).then(
      (s) => {
        setSubjects({ list: s.subjects, truncated: s.truncated });
        if (s.subjects[0]) pick(s.subjects[0]);
      },
      (err) => setError(errorMessage(err)),
    );
    // reload when the ledger changes, not whenever its object is read again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cat?.id]);

  /** Below a unit: the units that follow it in tree order with a greater depth. */
  const subtree = (id: number): number[] => {
    const i = units.findIndex((n) => n.unit.id === id);
    if (i < 0) return [id];
    const out = [id];
    for (let j = i + 1; j < units.length && units[j]!.depth > units[i]!.depth; j++) out.push(units[j]!.unit.id);
    return out;
  };
  const subject = subjects?.list.find((s) => s.recordId === recordId) ?? null;
  function pick(s: CoverageSubject) {
    setRecordId(s.recordId);
    // a session names the unit that held it: check that unit (and the units under it) first
    if (s.unitId !== null) setChosen(new Set(subtree(s.unitId)));
  }
  // the units arrive after the first session is picked: apply its unit once they do
  useEffect(() => {
    if (subject?.unitId != null && units.length) setChosen(new Set(subtree(subject.unitId)));
    // once, when the units arrive; later picks choose their own units
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units]);

  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    for (const x of subtree(id)) {
      if (on) next.add(x);
      else next.delete(x);
    }
    setChosen(next);
  };

  const unitIds = useMemo(() => [...chosen].sort((a, b) => a - b), [chosen]);
  useEffect(() => {
    setResult(null);
    setCreated(null);
    setError(null);
    if (recordId === null || unitIds.length === 0) return;
    const n = ++ask.current;
    api.tasks.coverage({ recordId, unitIds }).then(
      (r) => n === ask.current && setResult(r),
      (err) => n === ask.current && setError(errorMessage(err)),
    );
  }, [recordId, unitIds]);

  const headcount = useMemo(() => {
    const m = new Map<number, number>();
    for (const p of people) if (p.unitId !== null) m.set(p.unitId, (m.get(p.unitId) ?? 0) + 1);
    return m;
  }, [people]);
  const badges = useMemo(() => new Map(people.map((p) => [p.id, p.badge ?? ''])), [people]);
  const rows: MissingRow[] = useMemo(
    () => (result?.missing ?? []).map((m) => ({ personId: m.personId, name: m.name, badge: badges.get(m.personId) ?? '', unit: m.unit ?? '未指定单位', reason: m.reason })),
    [result, badges],
  );

  const verb = result?.kind === 'exam' ? '补考' : '补课';
  const followUp = async () => {
    if (!result || recordId === null) return;
    if (dateError) return setError(dateError);
    if (!dueDate) return setError(`请填写${verb}的完成时限`);
    setBusy(true);
    try {
      const tasks = await api.tasks.coverageFollowUp({ recordId, unitIds, dueDate });
      setCreated(tasks);
      setError(null);
      notify(`已生成 ${tasks.length} 项${verb}任务`, 'success');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (cats && cats.length === 0) {
    return (
      <div className="page coverage-page">
        <div className="toolbar">
          <h1>全员覆盖</h1>
        </div>
        <div className="empty" data-testid="coverage-empty">
          还没有“学习教育记录”或“考试测试”台账。请先在左侧“＋ 新建台账”中用这两个模板之一建立台账并录入记录，再回到这里核对谁没有参加、谁没有考试合格。
        </div>
      </div>
    );
  }

  const missingCount = result?.missing.length ?? 0;
  const unsat = result?.missing.filter((m) => m.reason === '未参加考试').length ?? 0;
  return (
    <div className="page coverage-page">
      <div className="toolbar">
        <h1>全员覆盖</h1>
        <span className="muted small">核对所选单位花名册中的人员：谁没有参加学习，谁没有参加考试或考试未合格，一个不漏。</span>
      </div>
      <div className="split">
        <aside className="side-panel coverage-setup" aria-label="核对范围">
          <label className="field">
            <span>台账</span>
            <select aria-label="核对的台账" value={catId ?? ''} onChange={(e) => setCatId(Number(e.target.value))}>
              {(cats ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{cat?.templateKey === 'exams' ? '考试' : '学习活动'}</span>
            <select
              aria-label={cat?.templateKey === 'exams' ? '考试' : '学习活动'}
              value={recordId ?? ''}
              disabled={!subjects || subjects.list.length === 0}
              onChange={(e) => {
                const s = subjects?.list.find((x) => x.recordId === Number(e.target.value));
                if (s) pick(s);
              }}
            >
              {subjects && subjects.list.length === 0 && <option value="">（“{cat?.name}”中还没有记录）</option>}
              {subjects?.list.map((s) => (
                <option key={s.recordId} value={s.recordId}>
                  {s.label}
                </option>
              ))}
            </select>
            {subjects?.truncated && <span className="muted small">只列出最近的记录；更早的请在台账中查看。</span>}
          </label>
          <div className="field">
            <span>
              单位（已选 {chosen.size} 个）
              <button className="link" onClick={() => setChosen(new Set(units.map((n) => n.unit.id)))}>
                全选
              </button>
              <button className="link" onClick={() => setChosen(new Set())}>
                清空
              </button>
            </span>
            <div className="unit-checks" role="group" aria-label="单位">
              {units.length === 0 && <span className="muted small">还没有单位，请先在“组织架构”中建立。</span>}
              {units.map((n) => (
                <label key={n.unit.id} className="check" style={{ paddingLeft: n.depth * 16 }}>
                  <input type="checkbox" checked={chosen.has(n.unit.id)} onChange={(e) => toggle(n.unit.id, e.target.checked)} />
                  {n.unit.name}
                  <span className="muted small">（{headcount.get(n.unit.id) ?? 0}人）</span>
                </label>
              ))}
            </div>
            <span className="muted small">勾选一个单位时，其下级单位一并勾选。</span>
          </div>
        </aside>
        <section className="coverage-result" aria-label="核对结果">
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          {subject?.noAttendees && result && <div className="convert-warning">该学习活动的“参加人员”为空，所选单位的人员都会算作未参加；请先在台账中填写参加人员名单。</div>}
          {recordId === null ? (
            <div className="empty">{subjects && subjects.list.length === 0 ? `“${cat?.name ?? ''}”中还没有记录，请先在台账中录入。` : '请在左侧选择学习活动或考试。'}</div>
          ) : unitIds.length === 0 ? (
            <div className="empty">请在左侧勾选要核对的单位。</div>
          ) : !result ? (
            error ? null : <div className="empty">正在核对…</div>
          ) : result.expected === 0 ? (
            <div className="empty">所选单位的花名册中没有人员，请先在“花名册”中录入或导入。</div>
          ) : (
            <>
              <div className="coverage-summary" data-testid="coverage-summary">
                {result.kind === 'study' ? (
                  <>
                    应参加 <b>{result.expected}</b> 人，已参加 <b>{result.expected - missingCount}</b> 人，未参加 <b className={missingCount ? 'alert' : ''}>{missingCount}</b> 人
                    {result.attendance && <AttendanceNote attendance={result.attendance} />}
                  </>
                ) : (
                  <>
                    应考 <b>{result.expected}</b> 人，合格 <b>{result.expected - missingCount}</b> 人，未参加考试 <b className={unsat ? 'alert' : ''}>{unsat}</b> 人，未合格{' '}
                    <b className={missingCount - unsat ? 'alert' : ''}>{missingCount - unsat}</b> 人
                  </>
                )}
              </div>
              {rows.length === 0 ? (
                <div className="empty coverage-complete" data-testid="coverage-complete">
                  {result.kind === 'study' ? `应参加的 ${result.expected} 人全部参加，一个不漏。` : `应考的 ${result.expected} 人全部合格，一个不漏。`}
                </div>
              ) : (
                <>
                  <div className="grid-host coverage-grid" data-testid="coverage-grid">
                    <AgGridReact<MissingRow>
                      theme={gridTheme}
                      localeText={gridLocale}
                      rowData={rows}
                      columnDefs={COLUMNS}
                      defaultColDef={{ sortable: true, filter: true, resizable: true }}
                      getRowId={(p) => String(p.data.personId)}
                    />
                  </div>
                  <div className="coverage-follow">
                    {created ? (
                      <div data-testid="coverage-created">
                        <p>
                          已生成 {created.length} 项{verb}任务（按单位各一项，名单写在任务内容中）：
                        </p>
                        <TaskLinks tasks={created} />
                      </div>
                    ) : (
                      <>
                        <label className="inline">
                          {verb}完成时限
                          <DateInput label={`${verb}完成时限`} value={dueDate} onChange={(v, err) => (setDueDate(v), setDateError(err))} />
                        </label>
                        <button className="primary" disabled={busy} onClick={() => void followUp()}>
                          生成{verb}任务（{rows.length} 人）
                        </button>
                        <span className="muted small">按单位各生成一项督办任务，名单写在任务内容中，任务关联本条台账记录。</span>
                      </>
                    )}
                  </div>
                </>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * The session's own figures beside the check: how many people its 参加人员 list holds, the
 * 实到人数 typed on the record and the difference; names of a typed list that no one on the
 * roster answers to (they count as nobody, so a misspelling shows here, not as an absence).
 */
function AttendanceNote(props: { attendance: NonNullable<CoverageResult['attendance']> }) {
  const a = props.attendance;
  const diff = a.reportedPresent === null ? 0 : a.reportedPresent - a.listed;
  return (
    <div className="attendance-note" data-testid="attendance-note">
      <span>
        参加人员名单共 <b>{a.listed}</b> 人
        {a.reportedPresent !== null && (
          <>
            ，记录的实到人数 <b>{a.reportedPresent}</b> 人
            {diff !== 0 ? (
              <b className="alert">，相差 {Math.abs(diff)} 人（{diff > 0 ? '实到人数多于名单' : '名单多于实到人数'}），请核对</b>
            ) : (
              '，一致'
            )}
          </>
        )}
        。
      </span>
      {a.unknown.length > 0 && (
        <div className="alert" role="alert">
          名单中“{a.unknown.join('”“')}”不在花名册中，未计为任何人参加：请核对姓名，或先在花名册中添加。
        </div>
      )}
      {a.ambiguous.length > 0 && <div className="alert">名单中“{a.ambiguous.join('”“')}”在花名册中重名，未计入：请写成“姓名（单位）”。</div>}
    </div>
  );
}
