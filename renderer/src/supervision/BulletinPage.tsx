import { useEffect, useState } from 'react';
import type { BulletinDraft } from '../../../shared/domain/supervision';
import { api, errorMessage, host } from '../api';
import { useStatus } from '../common/status';
import { askSavePath, downloadBase64 } from '../common/files';
import { LevelBadge } from './levels';
import { BulletinPrint } from './BulletinPrint';
import { useToday } from './use-today';
import { DateInput } from './DateInput';
import { categoriesChanged } from '../ledger/ledger-store';

interface Edit {
  issue: string;
  date: string;
  title: string;
  content: string;
  units: string;
}

const splitUnits = (s: string) => s.split(/[、，,\s]+/).map((x) => x.trim()).filter(Boolean);

/** 通报: pick a period, draft, edit, save into the 通报 ledger, print, export. */
export function BulletinPage() {
  const { notify } = useStatus();
  const today = useToday();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [draft, setDraft] = useState<BulletinDraft | null>(null);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [officeName, setOfficeName] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  useEffect(() => void api.app.info({}).then((i) => setOfficeName(i.officeName), () => {}), []);

  const makeDraft = async () => {
    if (dateError) return setError(dateError);
    if (from && to && to < from) return setError(`结束日期（${to}）不能早于开始日期（${from}）`);
    try {
      const d = await api.tasks.bulletinDraft({ from: from || null, to: to || null });
      setDraft(d);
      setEdit({ issue: d.issue, date: d.date, title: d.title, content: d.content, units: d.unitsNamed.join('、') });
      setSaved(null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  /** The edited bulletin as the backend takes it, or null (with the reason shown) if something is missing. */
  const fields = () => {
    if (!edit || !draft) return null;
    const problem = !edit.issue.trim() ? '期号不能为空' : !/^\d{4}-\d{2}-\d{2}$/.test(edit.date) ? '请填写通报日期' : !edit.content.trim() ? '通报正文不能为空' : null;
    setError(problem);
    if (problem) return null;
    return { issue: edit.issue.trim(), date: edit.date, title: edit.title.trim(), content: edit.content, unitsNamed: splitUnits(edit.units), taskIds: draft.groups.flatMap((g) => g.tasks.map((t) => t.taskId)) };
  };

  const save = async () => {
    const f = fields();
    if (!f) return;
    try {
      const r = await api.tasks.saveBulletin(f);
      setSaved(r.recordId);
      categoriesChanged(); // the 通报台账 (made on the first save) shows in the sidebar at once
      notify(`通报${f.issue}已保存到通报台账，并记入所列任务的留痕`, 'success');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const exportExcel = async () => {
    const f = fields();
    if (!f) return;
    try {
      const target = await askSavePath(`通报-${f.issue}.xlsx`);
      if (target === null) return;
      const r = await api.exports.bulletin({ ...(saved !== null ? { recordId: saved } : { draft: f }), ...(target ? { path: target } : {}) });
      if (r.dataBase64) downloadBase64(r.fileName, r.dataBase64);
      notify(r.out ? `已导出：${r.out}` : `已导出（已下载 ${r.fileName}）`, 'success');
    } catch (err) {
      notify(`导出失败：${errorMessage(err)}`, 'error');
    }
  };

  // the desktop prints the page's print layout into a PDF; the browser's own print dialog offers the same
  const exportPdf = async () => {
    const f = fields();
    if (!f || !host) return;
    const r = await host.printToPdf(`通报-${f.issue}.pdf`);
    if (r === null) return;
    if ('error' in r) notify(`导出失败：${r.error}`, 'error');
    else notify(`已导出：${r.saved}`, 'success');
  };

  const set = (k: keyof Edit, v: string) => setEdit((e) => (e ? { ...e, [k]: v } : e));
  const count = draft?.groups.reduce((n, g) => n + g.tasks.length, 0) ?? 0;
  return (
    <div className="page bulletin-page">
      <div className="toolbar no-print">
        <h1>通报</h1>
        <label className="inline">
          期间
          <DateInput label="开始日期" value={from || null} onChange={(v, err) => (setFrom(v ?? ''), setDateError(err))} />至
          <DateInput label="结束日期" value={to || null} onChange={(v, err) => (setTo(v ?? ''), setDateError(err))} />
        </label>
        <span className="muted small">按完成时限筛选；不填则截至今天{today ? `（${today}）` : ''}的全部</span>
        <button className="primary" onClick={() => void makeDraft()}>
          起草通报
        </button>
        {edit && (
          <>
            <span className="spacer" />
            <button onClick={() => void save()} disabled={saved !== null}>
              {saved !== null ? '已保存到通报台账' : '保存到通报台账'}
            </button>
            <button onClick={() => fields() && window.print()}>打印</button>
            {host && <button onClick={() => void exportPdf()}>导出PDF…</button>}
            <button onClick={() => void exportExcel()}>导出Excel</button>
          </>
        )}
      </div>
      {error && (
        <div className="form-error no-print" role="alert">
          {error}
        </div>
      )}
      {!edit || !draft ? (
        <div className="empty no-print">选择期间后点击“起草通报”：程序列出逾期未办结和质量评定不合格的任务，按单位分组，生成通报草稿供修改。</div>
      ) : (
        <div className="bulletin-body no-print">
          <section className="card bulletin-edit">
            <div className="bulletin-fields">
              <label className="field">
                <span>期号</span>
                <input aria-label="期号" value={edit.issue} maxLength={40} onChange={(e) => set('issue', e.target.value)} />
              </label>
              <label className="field">
                <span>日期</span>
                <DateInput label="通报日期" value={edit.date || null} onChange={(v) => set('date', v ?? '')} />
              </label>
              <label className="field grow">
                <span>标题</span>
                <input aria-label="标题" value={edit.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />
              </label>
            </div>
            <label className="field">
              <span>被通报单位（以顿号分隔）</span>
              <input aria-label="被通报单位" value={edit.units} onChange={(e) => set('units', e.target.value)} data-testid="units-named" />
            </label>
            <label className="field grow">
              <span>正文</span>
              <textarea aria-label="通报正文" className="bulletin-text" value={edit.content} onChange={(e) => set('content', e.target.value)} />
            </label>
          </section>
          <section className="card bulletin-tasks">
            <h2>
              列入通报的任务 <span className="muted">{count} 项</span>
            </h2>
            {draft.groups.length === 0 && <div className="empty small">本期没有逾期或不合格的任务</div>}
            {draft.groups.map((g) => (
              <div key={g.unitId ?? 'none'} className="bulletin-group">
                <h3>
                  {g.unit}（{g.tasks.length}项）
                </h3>
                <ul>
                  {g.tasks.map((t) => (
                    <li key={t.taskId}>
                      <LevelBadge level={t.level} />
                      <span className="bt-title">{t.title}</span>
                      <span className="muted small">
                        {t.dueDate ?? '未定'}，{t.reason}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        </div>
      )}
      {edit && <BulletinPrint officeName={officeName} issue={edit.issue} date={edit.date} title={edit.title} content={edit.content} />}
    </div>
  );
}
