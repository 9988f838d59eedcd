import type { LedgerField, LedgerRecord } from '../../../shared/domain/ledger';
import type { SheetColumn } from '../sheet/sheet-types';
import { ChoiceFilter } from '../sheet/ChoiceFilter';
import { shownValue } from './ledger-format';
import type { RefsStore } from './ledger-store';
import { FIELD_SHEET } from './LedgerEditors';

const NUMBER_DATE_FILTER = { filterOptions: ['equals', 'greaterThanOrEqual', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] };
const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset'] };
const AG_FILTER = { number: 'agNumberColumnFilter', date: 'agDateColumnFilter', text: 'agTextColumnFilter' } as const;

/** One sheet column per field; its key is the field's key (values are stored under it). */
export function ledgerColumns(fields: LedgerField[], editable: boolean, refs: RefsStore): SheetColumn<LedgerRecord>[] {
  return fields.map((f): SheetColumn<LedgerRecord> => {
    const t = FIELD_SHEET[f.type];
    const cell = t.cell;
    return {
      key: f.key,
      label: f.label,
      width: t.width,
      maxWidth: f.type === 'longText' ? 420 : 320,
      hide: f.hidden,
      kind: t.editor(f),
      value: (r) => r.values[f.key] ?? null,
      text: (r) => shownValue(f, r.values[f.key], refs),
      ...(cell ? { render: (r: LedgerRecord) => (r.values[f.key] === undefined ? null : cell(f, r.values[f.key]!, refs)) } : {}),
      editable,
      long: f.type === 'longText',
      className: f.type === 'number' ? 'cell-number' : f.type === 'date' ? 'cell-mono' : undefined,
      colDef: {
        headerTooltip: f.required ? `${f.label}（必填）` : f.label,
        sortable: f.type !== 'multiChoice',
        filter: t.filter === 'choice' ? ChoiceFilter : AG_FILTER[t.filter],
        filterParams:
          t.filter === 'choice'
            ? { label: f.label, options: f.type === 'boolean' ? [{ value: '是' }, { value: '否' }] : f.choices.map((c) => ({ value: c.value, color: c.color })) }
            : t.filter === 'text'
              ? TEXT_FILTER
              : NUMBER_DATE_FILTER,
      },
    };
  });
}
