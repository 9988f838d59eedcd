import type { ExportColumnChoice, ExportDateFormat, ExportPresetSpec } from '../../../shared/contract/exports';

/** A preset as the dialog edits it: every column, shown or not, in order. */
export interface PresetDraft {
  title: string;
  columns: { key: string; label: string; on: boolean; group: string }[];
  dateFormat: ExportDateFormat;
  totalsRow: boolean;
  statsSheet: boolean;
}

/** The preset's columns first, in its order; the others after them, unticked, in their natural order. */
export function toDraft(spec: ExportPresetSpec, choices: readonly ExportColumnChoice[]): PresetDraft {
  const label = (key: string) => choices.find((c) => c.key === key)?.label;
  const chosen = spec.columns.filter((c) => label(c.key) !== undefined).map((c) => ({ key: c.key, label: label(c.key)!, on: true, group: c.group }));
  const rest = choices.filter((c) => !spec.columns.some((s) => s.key === c.key)).map((c) => ({ key: c.key, label: c.label, on: false, group: '' }));
  return { title: spec.title, columns: [...chosen, ...rest], dateFormat: spec.dateFormat, totalsRow: spec.totalsRow, statsSheet: spec.statsSheet };
}

export function toSpec(d: PresetDraft): ExportPresetSpec {
  return {
    title: d.title.trim(),
    columns: d.columns.filter((c) => c.on).map((c) => ({ key: c.key, group: c.group.trim() })),
    dateFormat: d.dateFormat,
    totalsRow: d.totalsRow,
    statsSheet: d.statsSheet,
  };
}

/** Consecutive shown columns with the same group: one merged cell above them, as in the sheet. */
function HeaderPreview(props: { columns: PresetDraft['columns'] }) {
  const shown = props.columns.filter((c) => c.on);
  const runs: { group: string; labels: string[] }[] = [];
  for (const c of shown) {
    const last = runs[runs.length - 1];
    const g = c.group.trim();
    if (last && g && last.group === g) last.labels.push(c.label);
    else runs.push({ group: g, labels: [c.label] });
  }
  return (
    <div className="export-header-preview" aria-label="表头预览">
      <div className="col plain">
        <div className="cell">序号</div>
      </div>
      {runs.map((r, i) =>
        r.group ? (
          <div className="col" key={i}>
            <div className="cell group">{r.group}</div>
            <div style={{ display: 'flex' }}>
              {r.labels.map((l, j) => (
                <div className="cell" key={j} style={{ borderLeft: j ? '1px solid #9aa5b1' : undefined, flex: 1 }}>
                  {l}
                </div>
              ))}
            </div>
          </div>
        ) : (
          <div className="col plain" key={i}>
            <div className="cell">{r.labels[0]}</div>
          </div>
        ),
      )}
    </div>
  );
}

/** Title, columns (shown, order, header group), date format, 合计 row, 统计 sheet. */
export function PresetEditor(props: { draft: PresetDraft; defaultTitle: string; onChange: (d: PresetDraft) => void }) {
  const d = props.draft;
  const set = (patch: Partial<PresetDraft>) => props.onChange({ ...d, ...patch });
  const setColumn = (i: number, patch: Partial<PresetDraft['columns'][number]>) => set({ columns: d.columns.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= d.columns.length) return;
    const next = [...d.columns];
    [next[i], next[j]] = [next[j]!, next[i]!];
    set({ columns: next });
  };
  return (
    <div className="export-dialog">
      <label className="field wide">
        <span>表格标题（“{'{填报单位}'}”会换成本单位名称；留空则为“{props.defaultTitle}”）</span>
        <input aria-label="表格标题" value={d.title} placeholder={props.defaultTitle} maxLength={100} onChange={(e) => set({ title: e.target.value })} />
      </label>
      <div className="wide">
        <div className="muted small">要导出的列（勾选显示，用 ↑ ↓ 调整顺序；相邻的列填写同一个“表头分组”即合并为两行表头，如“整改情况”）</div>
        <div className="export-columns-box">
          <table className="export-columns">
            <thead>
              <tr>
                <th style={{ width: 40 }}>导出</th>
                <th>列</th>
                <th style={{ width: 160 }}>表头分组</th>
                <th style={{ width: 70 }}>顺序</th>
              </tr>
            </thead>
            <tbody>
              {d.columns.map((c, i) => (
                <tr key={c.key} className={c.on ? '' : 'off'}>
                  <td>
                    <input type="checkbox" aria-label={`导出“${c.label}”`} checked={c.on} onChange={(e) => setColumn(i, { on: e.target.checked })} />
                  </td>
                  <td className="label">{c.label}</td>
                  <td>
                    <input type="text" aria-label={`“${c.label}”的表头分组`} value={c.group} maxLength={30} disabled={!c.on} onChange={(e) => setColumn(i, { group: e.target.value })} />
                  </td>
                  <td>
                    <button aria-label={`上移“${c.label}”`} disabled={i === 0} onClick={() => move(i, -1)}>
                      ↑
                    </button>
                    <button aria-label={`下移“${c.label}”`} disabled={i === d.columns.length - 1} onClick={() => move(i, 1)}>
                      ↓
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="wide">
        <div className="muted small">表头预览</div>
        <HeaderPreview columns={d.columns} />
      </div>
      <div className="field">
        <span>日期格式</span>
        <label className="check">
          <input type="radio" name="date-format" checked={d.dateFormat === 'yyyy-mm-dd'} onChange={() => set({ dateFormat: 'yyyy-mm-dd' })} />
          2026-03-02
        </label>
        <label className="check">
          <input type="radio" name="date-format" checked={d.dateFormat === 'yyyy年m月d日'} onChange={() => set({ dateFormat: 'yyyy年m月d日' })} />
          2026年3月2日
        </label>
      </div>
      <div className="field">
        <span>附加</span>
        <label className="check">
          <input type="checkbox" checked={d.totalsRow} onChange={(e) => set({ totalsRow: e.target.checked })} />
          末尾加“合计”行（条数、数字列求和）
        </label>
        <label className="check">
          <input type="checkbox" checked={d.statsSheet} onChange={(e) => set({ statsSheet: e.target.checked })} />
          另附“统计”工作表（按状态、按单位计数）
        </label>
      </div>
    </div>
  );
}
