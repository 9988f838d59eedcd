import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { CollectionDetail, ReceiveFilePreview, ReceivePreview, ReceiveResult, ReceiveRow, ReceiveRowClass } from '../../../shared/contract/collect';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { gridLocale, gridTheme } from '../common/grid-setup';
import { newJobId, useJobProgress } from '../common/use-job';
import { pickReturnedFiles, stageAll } from './collect-files';
import { shownValue } from './collect-format';

const CLASS_LABEL: Record<ReceiveRowClass, string> = { new: '新增', changed: '有变化', unchanged: '无变化', removed: '将删去', refused: '有误' };
const STATE_LABEL: Record<ReceiveFilePreview['state'], string> = { ok: '可接收', same: '已接收过', refused: '拒收', 'ask-unit': '请选择单位', duplicate: '同单位多份', empty: '没有数据' };

interface Choice {
  include: boolean;
  unitId?: number;
}

/**
 * 接收报送: choose many returned files (or a folder), see what each would do to its unit's
 * rows — new, changed, unchanged, removed, refused with the reason — answer the questions
 * (which unit sent an unidentified file, which of a unit's two files), then apply them all in
 * one transaction.
 */
export function ReceiveDialog(props: { collection: CollectionDetail; onClose: () => void; onApplied: (r: ReceiveResult) => void }) {
  const { collection } = props;
  const [preview, setPreview] = useState<ReceivePreview | null>(null);
  const [choices, setChoices] = useState<Map<number, Choice>>(new Map());
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useJobProgress(jobId);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const read = async (files: { path: string; name: string }[]) => {
    if (files.length === 0) return setError('没有选到 .xlsx 文件');
    setError(null);
    setBusy(true);
    const id = newJobId();
    setJobId(id);
    try {
      const p = await api.collect.previewReceive({ collectionId: collection.id, files, jobId: id });
      setPreview(p);
      setChoices(new Map(p.files.map((f) => [f.index, { include: f.state === 'ok' }])));
      setSelected(p.files.find((f) => f.state !== 'refused')?.index ?? p.files[0]?.index ?? null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setJobId(null);
      setBusy(false);
    }
  };
  const fromInput = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy(true);
    try {
      await read(await stageAll([...list]));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  const chooseFiles = async () => {
    const native = await pickReturnedFiles();
    if (native === null) fileInput.current?.click();
    else if (native.length) await read(native);
  };

  const setChoice = (index: number, c: Partial<Choice>) => {
    const next = new Map(choices);
    const before = next.get(index) ?? { include: false };
    const merged = { ...before, ...c };
    next.set(index, merged);
    // one file per unit: taking one of a unit's files leaves out the other
    const file = preview?.files.find((f) => f.index === index);
    if (merged.include && file?.unitId != null) {
      for (const other of preview!.files) if (other.index !== index && other.unitId === file.unitId && next.get(other.index)?.include) next.set(other.index, { ...next.get(other.index)!, include: false });
    }
    setChoices(next);
  };

  const chosen = preview?.files.filter((f) => choices.get(f.index)?.include) ?? [];
  const unanswered = chosen.filter((f) => f.state === 'ask-unit' && choices.get(f.index)?.unitId === undefined);
  const apply = async () => {
    if (!preview) return;
    if (unanswered.length) return setError(`请为“${unanswered[0]!.fileName}”选择报送单位`);
    setBusy(true);
    setError(null);
    try {
      const r = await api.collect.applyReceive({
        previewId: preview.previewId,
        files: preview.files.map((f) => ({ index: f.index, include: choices.get(f.index)?.include ?? false, ...(choices.get(f.index)?.unitId ? { unitId: choices.get(f.index)!.unitId } : {}) })),
      });
      props.onApplied(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const footer = preview ? (
    <>
      <span className="muted small collect-footer-note">将接收 {chosen.length} 个文件，每个文件替换该单位此前报送的全部行；可按文件撤销。</span>
      <button onClick={props.onClose}>取消</button>
      <button className="primary" disabled={busy || chosen.length === 0} onClick={() => void apply()}>
        接收并汇总（{chosen.length}）
      </button>
    </>
  ) : (
    <button onClick={props.onClose}>取消</button>
  );

  return (
    <Modal title={`接收报送 — ${collection.title}（${collection.period}）`} width={1100} onClose={props.onClose} footer={footer}>
      <input ref={fileInput} type="file" multiple hidden accept=".xlsx" aria-label="选择报回的文件" onChange={(e) => void fromInput(e.target.files).finally(() => (e.target.value = ''))} />
      <input
        ref={(el) => {
          folderInput.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        aria-label="选择文件夹"
        onChange={(e) => void fromInput(e.target.files).finally(() => (e.target.value = ''))}
      />
      {!preview && (
        <div
          className="file-drop collect-drop"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            void fromInput(e.dataTransfer.files);
          }}
        >
          <p>把各单位报回的填报表（可一次多个）拖到这里，或</p>
          <div className="toolbar">
            <button className="primary" disabled={busy} onClick={() => void chooseFiles()}>
              选择文件…
            </button>
            <button disabled={busy} onClick={() => folderInput.current?.click()}>
              选择文件夹…
            </button>
          </div>
          <p className="muted small">用 Excel、WPS、LibreOffice 填好保存的 .xlsx 都可以；每个文件先检查，确认后才写入。</p>
          {busy && (
            <div className="progress" role="status">
              正在读取{progress?.total ? `：${progress.done} / ${progress.total} 个文件` : '…'}
            </div>
          )}
        </div>
      )}
      {preview && <FilesTable preview={preview} collection={collection} choices={choices} selected={selected} onSelect={setSelected} onChoice={setChoice} />}
      {preview && selected !== null && <FileRows previewId={preview.previewId} file={preview.files.find((f) => f.index === selected)!} collection={collection} />}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}

function FilesTable(props: {
  preview: ReceivePreview;
  collection: CollectionDetail;
  choices: Map<number, Choice>;
  selected: number | null;
  onSelect: (i: number) => void;
  onChoice: (i: number, c: Partial<Choice>) => void;
}) {
  const { preview, collection, choices } = props;
  return (
    <div className="collect-files">
      <table className="collect-table" aria-label="报送文件">
        <thead>
          <tr>
            <th>采用</th>
            <th>文件</th>
            <th>单位</th>
            <th>检查结果</th>
            <th>第几次</th>
            <th>新增</th>
            <th>有变化</th>
            <th>无变化</th>
            <th>将删去</th>
            <th>有误</th>
          </tr>
        </thead>
        <tbody>
          {preview.files.map((f) => {
            const c = choices.get(f.index);
            const takeable = f.state === 'ok' || f.state === 'duplicate' || f.state === 'ask-unit' || f.state === 'empty';
            return (
              <tr key={f.index} className={props.selected === f.index ? 'selected' : undefined} onClick={() => props.onSelect(f.index)} data-state={f.state}>
                <td>
                  <input type="checkbox" aria-label={`采用 ${f.fileName}`} disabled={!takeable} checked={Boolean(c?.include)} onChange={(e) => props.onChoice(f.index, { include: e.target.checked })} onClick={(e) => e.stopPropagation()} />
                </td>
                <td className="collect-file-name" title={f.fileName}>
                  {f.fileName}
                </td>
                <td>
                  {f.state === 'ask-unit' ? (
                    <select
                      aria-label={`${f.fileName} 的报送单位`}
                      value={c?.unitId ?? ''}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) => props.onChoice(f.index, { unitId: Number(e.target.value), include: true })}
                    >
                      <option value="">（选择单位）</option>
                      {collection.unitStatuses.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    (f.unitName ?? '—')
                  )}
                </td>
                <td className={`collect-check collect-check-${f.state}`}>
                  <span className="collect-state">{STATE_LABEL[f.state]}</span>
                  {f.reason && <span className="collect-reason">{f.reason}</span>}
                </td>
                <td className="num">{f.state === 'refused' || f.state === 'same' ? '' : f.version}</td>
                <td className="num">{f.counts.new || ''}</td>
                <td className="num">{f.counts.changed || ''}</td>
                <td className="num">{f.counts.unchanged || ''}</td>
                <td className="num">{f.counts.removed || ''}</td>
                <td className="num collect-refused">{f.counts.refused || ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type GridRow = ReceiveRow & { key: number };

/** The rows of one file, by class; a changed row shows what it was before. */
function FileRows(props: { previewId: string; file: ReceiveFilePreview; collection: CollectionDetail }) {
  const { file, collection } = props;
  const [classes, setClasses] = useState<ReceiveRowClass[]>([]);
  const [rows, setRows] = useState<{ total: number; rows: GridRow[] } | null>(null);
  useEffect(() => {
    setRows(null);
    if (file.state === 'refused') return;
    let alive = true;
    void api.collect.previewRows({ previewId: props.previewId, index: file.index, classes, offset: 0, limit: 1000 }).then((r) => alive && setRows({ total: r.total, rows: r.rows.map((x, i) => ({ ...x, key: i })) }));
    return () => {
      alive = false;
    };
    // the classes ticked, by their values: a new array of the same classes is not a new question
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.previewId, file.index, file.state, classes.join()]);

  const columns = useMemo<ColDef<GridRow>[]>(
    () => [
      { headerName: '行', width: 64, valueGetter: (p) => p.data?.row ?? '', cellClass: 'cell-mono' },
      { headerName: '情况', width: 84, valueGetter: (p) => (p.data ? CLASS_LABEL[p.data.class] : ''), cellClass: (p) => `collect-row-${p.data?.class ?? ''}` },
      ...collection.fields.map<ColDef<GridRow>>((f) => ({
        headerName: f.label,
        minWidth: f.type === 'longText' ? 200 : 100,
        flex: f.type === 'longText' ? 2 : 1,
        valueGetter: (p) => (p.data?.class === 'refused' ? shownValue(p.data.values[f.label]) : shownValue(p.data?.values[f.key])),
        tooltipValueGetter: (p) => (p.data?.changes?.[f.key] ? `原为：${shownValue(p.data.changes[f.key]![0]) || '（空）'}` : null),
        cellClass: (p) => (p.data?.changes?.[f.key] ? 'collect-cell-changed' : ''),
      })),
      { headerName: '原因', minWidth: 220, flex: 2, valueGetter: (p) => p.data?.reason ?? '', cellClass: 'collect-refused' },
    ],
    [collection.fields],
  );

  if (file.state === 'refused') return <div className="collect-rows-empty muted">该文件被拒收，不会写入任何数据：{file.reason}</div>;
  const toggle = (c: ReceiveRowClass) => setClasses(classes.includes(c) ? classes.filter((x) => x !== c) : [...classes, c]);
  return (
    <div className="collect-rows">
      <div className="toolbar">
        <strong>{file.fileName}</strong>
        <span className="muted small">{file.unitName ? `${file.unitName} 第 ${file.version} 次报送` : ''}{file.previousRows ? `，替换此前的 ${file.previousRows} 行` : ''}</span>
        <span className="spacer" />
        {(Object.keys(CLASS_LABEL) as ReceiveRowClass[]).map((c) => (
          <button key={c} className={classes.includes(c) ? 'chip active' : 'chip'} aria-pressed={classes.includes(c)} onClick={() => toggle(c)} disabled={file.counts[c] === 0}>
            {CLASS_LABEL[c]} {file.counts[c]}
          </button>
        ))}
      </div>
      <div className="collect-rows-grid">
        <AgGridReact<GridRow> theme={gridTheme} localeText={gridLocale} rowData={rows?.rows ?? []} columnDefs={columns} getRowId={(p) => String(p.data.key)} headerHeight={30} rowHeight={28} tooltipShowDelay={200} />
      </div>
      {rows && rows.total > rows.rows.length && <div className="muted small">只显示前 {rows.rows.length} 行，共 {rows.total} 行。</div>}
    </div>
  );
}
