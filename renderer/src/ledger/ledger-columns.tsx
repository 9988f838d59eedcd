import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps, CustomFilterProps } from 'ag-grid-react';
import type { FieldValue, LedgerField, LedgerRecord } from '../../../shared/domain/ledger';
import type { RefusedCells } from '../roster/refusals';
import { shownValue } from './ledger-format';
import type { RefsStore } from './ledger-store';
import { ListEditor, TextEditor } from './LedgerEditors';
import { PeopleEditor } from './PeopleEditor';

export interface LedgerGridContext {
  refused: RefusedCells;
  refs: RefsStore;
  fields: Map<string, LedgerField>;
}

/** The saved value (a choice with its colour dot), or a refused one in red with its reason. */
export function LedgerCell(props: CustomCellRendererProps<LedgerRecord, FieldValue | undefined, LedgerGridContext>) {
  const key = props.colDef?.colId ?? '';
  const field = props.context.fields.get(key);
  if (!props.data) return props.node.rowIndex !== null ? <span className="muted">…</span> : null;
  const refusal = props.context.refused.get(props.data.id, key);
  if (refusal) {
    return (
      <span className="cell-refused" title={`未保存：${refusal.reason}（按 Esc 放弃）`} data-refused-reason={refusal.reason}>
        {refusal.value || '（空）'}
      </span>
    );
  }
  if (!field) return null;
  const v = props.data.values[key];
  if (v === undefined) return null;
  if (field.type === 'singleChoice' || field.type === 'status') {
    const c = field.choices.find((x) => x.value === v);
    return (
      <span className="choice">
        <span className="dot" style={{ background: c?.color ?? '#94a3b8' }} />
        {String(v)}
      </span>
    );
  }
  if (field.type === 'multiChoice' && Array.isArray(v)) {
    return (
      <span className="choice">
        {v.map((x) => (
          <span key={x} className="tag">
            <span className="dot" style={{ background: field.choices.find((c) => c.value === x)?.color ?? '#94a3b8' }} />
            {x}
          </span>
        ))}
      </span>
    );
  }
  if (field.type === 'person') {
    const p = props.context.refs.people.get(String(v));
    return <span title={p ? [p.badge, p.unit].filter(Boolean).join(' · ') : undefined}>{shownValue(field, v, props.context.refs)}</span>;
  }
  return <>{shownValue(field, v, props.context.refs)}</>;
}

/** Filter model of a choice column: the ticked values (AG Grid's set filter is Enterprise). */
export interface ChoiceFilterModel {
  filterType: 'choice';
  values: string[];
}

export function ChoiceFilter(props: CustomFilterProps<LedgerRecord, LedgerGridContext, ChoiceFilterModel> & { field: LedgerField }) {
  const { field } = props;
  // the grid's model is the truth: a saved view may set it from outside this component
  const picked = props.model?.values ?? [];
  const options = field.type === 'boolean' ? [{ value: '是', color: '' }, { value: '否', color: '' }] : field.choices;
  const apply = (next: string[]) => {
    props.onModelChange(next.length ? { filterType: 'choice', values: next } : null);
    // the infinite row model reads the model as it was before this change: ask once more after it lands
    setTimeout(() => props.api.onFilterChanged());
  };
  return (
    <div className="choice-filter" role="group" aria-label={`筛选${field.label}`}>
      {options.map((c) => (
        <label key={c.value} className="check">
          <input type="checkbox" checked={picked.includes(c.value)} onChange={(e) => apply(e.target.checked ? [...picked, c.value] : picked.filter((x) => x !== c.value))} />
          {c.color && <span className="dot" style={{ background: c.color }} />}
          {c.value}
        </label>
      ))}
      <div className="choice-filter-foot">
        <button onClick={() => apply([])} disabled={picked.length === 0}>
          清除
        </button>
      </div>
    </div>
  );
}

const WIDTHS: Record<LedgerField['type'], number> = {
  text: 140,
  longText: 260,
  number: 90,
  date: 108,
  singleChoice: 110,
  multiChoice: 160,
  person: 96,
  people: 220,
  unit: 130,
  boolean: 72,
  status: 96,
};

/** One column per field; `colId` is the field's key (values are stored under it). */
export function ledgerColumns(fields: LedgerField[], editable: boolean): ColDef<LedgerRecord>[] {
  return fields.map((f): ColDef<LedgerRecord> => {
    const list = f.type === 'singleChoice' || f.type === 'status' || f.type === 'multiChoice' || f.type === 'person' || f.type === 'unit' || f.type === 'boolean';
    const choice = f.type === 'singleChoice' || f.type === 'status' || f.type === 'multiChoice' || f.type === 'boolean';
    return {
      colId: f.key,
      headerName: f.label,
      headerTooltip: f.required ? `${f.label}（必填）` : f.label,
      width: WIDTHS[f.type],
      hide: f.hidden,
      valueGetter: (p) => p.data?.values[f.key] ?? null,
      cellRenderer: LedgerCell,
      cellClass: f.type === 'number' ? 'cell-number' : f.type === 'date' ? 'cell-mono' : undefined,
      editable,
      cellEditor: f.type === 'people' ? PeopleEditor : list ? ListEditor : TextEditor,
      cellEditorParams: { field: f },
      cellEditorPopup: true,
      cellEditorPopupPosition: f.type === 'longText' ? 'over' : list ? 'under' : 'over',
      filter: choice ? ChoiceFilter : f.type === 'number' ? 'agNumberColumnFilter' : f.type === 'date' ? 'agDateColumnFilter' : 'agTextColumnFilter',
      filterParams: choice
        ? { field: f }
        : f.type === 'number' || f.type === 'date'
          ? { filterOptions: ['equals', 'greaterThanOrEqual', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] }
          : { filterOptions: ['contains', 'equals', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] },
      sortable: f.type !== 'multiChoice',
    };
  });
}
