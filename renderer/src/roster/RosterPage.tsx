import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Person, PersonField } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import type { AuditEntry } from '../../../shared/domain/audit';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { ConfirmDialog, Modal } from '../common/Modal';
import { AuditList } from '../common/AuditList';
import { Sheet } from '../sheet/Sheet';
import { useSheet } from '../sheet/sheet-controller';
import type { PageQuery, SheetData, SheetWriter } from '../sheet/sheet-types';
import { LinesToggle, QuickSearchBox, SheetToolbar, usePanelToggle, useQuickSearch } from '../sheet/SheetToolbar';
import { ROSTER_FIELD_ORDER, personText, rosterColumns, toRosterFilters } from './roster-columns';
import { personValues } from './person-diff';
import { PersonForm } from './PersonForm';
import { ExportDialog, type ExportRequest } from '../exports';

/** A person to show, from the global search: the roster opens searched for it, with them selected. */
export interface PersonFocus {
  personId: number;
  query: string;
  nonce: number;
}

type View = Omit<PageQuery, 'startRow' | 'endRow'>;
const isField = (k: string): k is PersonField => (ROSTER_FIELD_ORDER as string[]).includes(k);

/** 花名册: the roster on the sheet, read page by page from SQLite (sort, filter and search in SQL). */
export function RosterPage(props: { focus?: PersonFocus | null }) {
  const [units, setUnits] = useState<Unit[]>([]);
  const search = useQuickSearch(props.focus?.query ?? '');
  const applied = search.applied;
  const [total, setTotal] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<Person[] | null>(null);
  const [focused, setFocused] = useState<Person | null>(null);
  const [expanded, setExpanded] = useState<Person | null>(null);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [panel, setPanel] = usePanelToggle('roster');
  const [lines, setLines] = useState<1 | 3>(1);
  const [exporting, setExporting] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const lastView = useRef<View>({ sortModel: [], filterModel: {} });
  const sheet = useSheet<Person>();
  const { notify } = useStatus();

  useEffect(() => {
    api.units.list({}).then(setUnits, (err) => notify(errorMessage(err), 'error'));
  }, [notify]);

  const queryOf = (v: View) => ({
    sort: v.sortModel.filter((s) => isField(s.colId)).map((s) => ({ field: s.colId as PersonField, dir: s.sort })),
    filters: toRosterFilters(v.filterModel as Parameters<typeof toRosterFilters>[0]),
    search: applied,
  });

  const data: SheetData<Person> = {
    mode: 'paged',
    version: applied,
    read: (q) => api.roster.rows({ startRow: q.startRow, endRow: q.endRow, ...queryOf(q) }),
    locate: async (id, v) => (await api.roster.rowIndex({ id, ...queryOf(v) })).index,
  };

  useEffect(() => {
    if (!props.focus) return;
    search.jump(props.focus.query);
    setPanel(true);
    sheet.focusRow(props.focus.personId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.focus?.nonce]);

  const refreshHistory = useCallback(() => {
    if (!focused) return setHistory([]);
    api.audit.forRecord({ entity: 'person', entityId: focused.id }).then(setHistory, () => setHistory([]));
  }, [focused]);
  useEffect(() => {
    if (panel || expanded) refreshHistory();
  }, [refreshHistory, panel, expanded]);

  const writer: SheetWriter<Person> = useMemo(
    () => ({
      canCreate: true,
      apply: (edits, creates) => api.roster.applyBatch({ edits: edits as never, creates: creates as never }),
      remove: async (ids) => void (await api.roster.delete({ ids })),
      // people taken away come back as new rows (the roster keeps no recycle bin)
      restore: async (rows) => (await api.roster.applyBatch({ edits: [], creates: rows.map((p) => ({ values: personValues(p) })) })).created.map((p) => p.id),
    }),
    [],
  );

  const deletePeople = async (people: Person[]) => {
    setConfirmDelete(null);
    try {
      await api.roster.delete({ ids: people.map((p) => p.id) });
      sheet.reload();
      let restored = people;
      sheet.undo.push({
        label: `删除 ${people.length} 人`,
        undo: async () => {
          restored = (await api.roster.applyBatch({ edits: [], creates: restored.map((p) => ({ values: personValues(p) })) })).created;
          sheet.reload();
        },
        redo: async () => {
          await api.roster.delete({ ids: restored.map((p) => p.id) });
          sheet.reload();
        },
      });
      notify(`已删除 ${people.length} 人（可按 Ctrl+Z 撤销）`, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  /** Exports through the export dialog: the sheet's current view (its filter, search and sort) or the whole roster. */
  const shownFields = () => (sheet.api?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter(isField);
  const exportView = () => setExporting(`筛选、排序后的 ${total ?? 0} 人，表格中显示的列`);
  const runExport = async ({ scope, ...rest }: ExportRequest) =>
    api.exports.roster({ ...rest, ...(scope === 'view' ? { ids: await api.roster.viewIds(queryOf(lastView.current)), fields: shownFields() } : {}) });

  const columns = useMemo(() => rosterColumns(units), [units]);
  const narrowed = !!applied || Object.keys(sheet.api?.getFilterModel() ?? {}).length > 0;

  const details = (p: Person) => (
    <>
      <dl className="record-fields">
        {ROSTER_FIELD_ORDER.map((f) => (
          <div key={f} className="record-field">
            <dt>{columns.find((c) => c.key === f)?.label}</dt>
            <dd className={personText(p, f) ? undefined : 'muted'}>{personText(p, f) || '—'}</dd>
          </div>
        ))}
      </dl>
      <h3>修改记录</h3>
      <AuditList entries={history} />
    </>
  );

  return (
    <div className="page roster-page">
      <div className="toolbar">
        <h1>花名册</h1>
        <button className="primary" onClick={() => setAdding(true)}>
          新增人员
        </button>
        <button
          onClick={() =>
            void sheet.selectedRows().then((sel) => {
              if (sel.length === 0) notify('请先选中要删除的人员（点击行号可选中整行）', 'info');
              else setConfirmDelete(sel);
            })
          }
        >
          删除所选
        </button>
        <button onClick={() => void exportView()} title="按当前的查找、筛选、排序和显示的列导出为 Excel">
          导出 Excel…
        </button>
        <span className="sep" />
        <SheetToolbar controller={sheet} />
        <span className="sep" />
        <LinesToggle lines={lines} onChange={setLines} title="备注显示多行" />
        <span className="spacer" />
        <QuickSearchBox search={search} controller={sheet} inputRef={searchBox} label="快速查找" placeholder="快速查找：姓名、警号、身份证号、单位…" />
        <span className="muted" data-testid="roster-count">
          共 {total ?? 0} 人
        </span>
        <button className={panel ? 'ghost active' : 'ghost'} onClick={() => setPanel(!panel)} aria-pressed={panel} title="在右侧显示所选人员的信息和修改记录">
          详情
        </button>
      </div>
      <div className="split">
        <Sheet<Person>
          controller={sheet}
          columns={columns}
          data={data}
          rowId={(p) => p.id}
          writer={writer}
          onActiveRow={setFocused}
          onExpand={setExpanded}
          onFind={() => searchBox.current?.focus()}
          onLoaded={(n, v) => {
            setTotal(n);
            lastView.current = v;
          }}
          search={search.chip}
          lines={lines}
          autoSize
          testId="roster-sheet"
          emptyText={narrowed ? '没有符合当前查找或筛选的人员' : '花名册为空：点击“新增人员”，或从 Excel 复制后在表格中粘贴'}
        />
        {panel && (
          <aside className="side-panel" aria-label="人员详情">
            <div className="panel-head">
              <h2>{focused ? focused.name : '人员详情'}</h2>
              {focused && (
                <button className="ghost small-button" onClick={() => setExpanded(focused)} title="在大窗口中查看（也可双击行号）">
                  展开
                </button>
              )}
              <button className="ghost small-button" onClick={() => setPanel(false)} aria-label="关闭详情" title="关闭详情">
                ×
              </button>
            </div>
            {focused ? (
              <>
                <div className="muted small">
                  {focused.unitName ?? '未指定单位'} · {focused.badge ?? '无警号'}
                </div>
                {details(focused)}
              </>
            ) : (
              <div className="empty">点击表格中的人员，查看其信息和修改记录。</div>
            )}
          </aside>
        )}
      </div>
      {expanded && (
        <Modal title={expanded.name} width={640} onClose={() => (setExpanded(null), sheet.focus())}>
          <div className="record-expanded">{details(focused?.id === expanded.id ? focused : expanded)}</div>
        </Modal>
      )}
      {adding && (
        <PersonForm
          units={units}
          defaultUnitId={null}
          onClose={() => (setAdding(false), sheet.focus())}
          onCreated={(p) => {
            setAdding(false);
            sheet.reload();
            sheet.focusRow(p.id);
            let current = p;
            sheet.undo.push({
              label: `新增${p.name}`,
              undo: async () => {
                await api.roster.delete({ ids: [current.id] });
                sheet.reload();
              },
              redo: async () => {
                current = (await api.roster.applyBatch({ edits: [], creates: [{ values: personValues(current) }] })).created[0] ?? current;
                sheet.reload();
              },
            });
            notify(`已新增：${p.name}`, 'success');
          }}
        />
      )}
      {exporting !== null && <ExportDialog heading="导出花名册" target="roster" viewLabel={exporting} countUnit="人" onExport={runExport} onClose={() => setExporting(null)} />}
      {confirmDelete && (
        <ConfirmDialog
          title="删除人员"
          message={<p>确定删除所选的 {confirmDelete.length} 人吗？删除后可用“撤销”恢复；删除记录会保留在修改记录中。</p>}
          confirmLabel="删除"
          danger
          onCancel={() => setConfirmDelete(null)}
          onConfirm={() => void deletePeople(confirmDelete)}
        />
      )}
    </div>
  );
}
