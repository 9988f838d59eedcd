import type { LedgerField, LedgerRecord } from '../../../shared/domain/ledger';
import type { SheetColumn } from '../sheet/sheet-types';
import { ChoiceFilter } from '../sheet/ChoiceFilter';
import { shownValue } from './ledger-format';
import type { RefsStore } from './ledger-store';
import { FIELD_CELLS, FIELD_EDITORS, FIELD_WIDTHS } from './LedgerEditors';

const NUMBER_DATE_FILTER = { filterOptions: ['equals', 'greaterThanOrEqual', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] };
const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] };

/** One sheet column per field; its key is the field's key (values are stored under it). */
export function ledgerColumns(fields: LedgerField[], editable: boolean, refs: RefsStore): SheetColumn<LedgerRecord>[] {
  return fields.map((f): SheetColumn<LedgerRecord> => {
    const choice = f.type === 'singleChoice' || f.type === 'status' || f.type === 'multiChoice' || f.type === 'boolean';
    const cell = FIELD_CELLS[f.type];
    return {
      key: f.key,
      label: f.label,
      width: FIELD_WIDTHS[f.type],
      maxWidth: f.type === 'longText' ? 420 : 320,
      hide: f.hidden,
      kind: FIELD_EDITORS[f.type](f),
      value: (r) => r.values[f.key] ?? null,
      text: (r) => shownValue(f, r.values[f.key], refs),
      ...(cell ? { render: (r: LedgerRecord) => (r.values[f.key] === undefined ? null : cell(f, r.values[f.key]!, refs)) } : {}),
      editable,
      long: f.type === 'longText',
      className: f.type === 'number' ? 'cell-number' : f.type === 'date' ? 'cell-mono' : undefined,
      colDef: {
        headerTooltip: f.required ? `${f.label}（必填）` : f.label,
        sortable: f.type !== 'multiChoice',
        filter: choice ? ChoiceFilter : f.type === 'number' ? 'agNumberColumnFilter' : f.type === 'date' ? 'agDateColumnFilter' : 'agTextColumnFilter',
        filterParams: choice
          ? { label: f.label, options: f.type === 'boolean' ? [{ value: '是' }, { value: '否' }] : f.choices.map((c) => ({ value: c.value, color: c.color })) }
          : f.type === 'number' || f.type === 'date'
            ? NUMBER_DATE_FILTER
            : TEXT_FILTER,
      },
    };
  });
}
