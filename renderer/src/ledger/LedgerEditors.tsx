import type { ReactNode } from 'react';
import type { FieldType, FieldValue, LedgerField, RawCell } from '../../../shared/domain/ledger';
import type { CellKind, PickOption } from '../sheet/sheet-types';
import { MULTI_SEPARATOR } from '../sheet/pick-list';
import { checkTyped, parseDate, shownValue } from './ledger-format';
import { rosterCache, unitsCache, type RefsStore } from './ledger-store';

/**
 * How each field type is typed in the sheet — the one table a new field type adds its editor to.
 * Every entry: the text the editor starts from, what the typed text is sent as (the server checks
 * again and has the last word), the reason shown while typing, and a list to pick from.
 */
export const FIELD_EDITORS: Record<FieldType, (f: LedgerField) => CellKind> = {
  text: (f) => textKind(f),
  longText: (f) => ({ ...textKind(f), multiline: true, hint: 'Enter 保存，Alt+Enter 换行' }),
  number: (f) => ({
    ...textKind(f),
    parse: (t) => {
      const s = t.trim().replace(/,/g, '');
      return s === '' ? null : Number.isFinite(Number(s)) ? Number(s) : t;
    },
  }),
  date: (f) => ({ ...textKind(f), parse: (t) => (t.trim() === '' ? null : (parseDate(t) ?? t)), placeholder: '如 2021-03-01' }),
  singleChoice: (f) => choiceKind(f),
  status: (f) => choiceKind(f),
  multiChoice: (f) => ({
    ...choiceKind(f),
    multi: true,
    editText: (v) => (Array.isArray(v) ? v.join('、') : v === null || v === undefined ? '' : String(v)),
    parse: (t) => {
      const parts = t.split(MULTI_SEPARATOR).map((x) => x.trim()).filter(Boolean);
      return parts.length ? parts : null;
    },
  }),
  person: (f) => ({
    ...textKind(f),
    // 姓名, 警号 or 姓名（单位）: the server finds the person; picking from the list sends the id
    options: async () =>
      (await rosterCache()).map((p) => ({ value: p.id, label: p.name, hint: [p.badge, p.unitName].filter(Boolean).join(' · '), key: `${p.name} ${p.badge ?? ''}`.toLowerCase() })),
    placeholder: '姓名或警号',
  }),
  unit: (f) => ({ ...textKind(f), options: async () => (await unitsCache()).map((u) => ({ value: u.id, label: u.name, key: u.name.toLowerCase() })) }),
  boolean: (f) => ({
    ...textKind(f),
    parse: (t) => (t.trim() === '' ? null : t.trim() === '是' ? true : t.trim() === '否' ? false : t),
    options: async () => [
      { value: true, label: '是', key: '是 shi' },
      { value: false, label: '否', key: '否 fou' },
    ],
  }),
};

function textKind(f: LedgerField): CellKind {
  return {
    editText: (_v, shown) => shown,
    parse: (t): RawCell => (t.trim() === '' ? null : t),
    check: (t) => {
      const r = checkTyped(f, t);
      return r.ok ? null : r.reason;
    },
  };
}

function choiceKind(f: LedgerField): CellKind {
  const options: PickOption[] = f.choices.map((c) => ({ value: c.value, label: c.value, color: c.color, key: [c.value, ...(c.aliases ?? [])].join(' ').toLowerCase() }));
  return { ...textKind(f), options: async () => options };
}

/** A cell's look per field type, where it is more than its text (a colour dot, a person's 警号 on hover). */
export const FIELD_CELLS: Partial<Record<FieldType, (f: LedgerField, v: FieldValue, refs: RefsStore) => ReactNode>> = {
  singleChoice: choiceCell,
  status: choiceCell,
  multiChoice: (f, v) =>
    Array.isArray(v) ? (
      <span className="choice">
        {v.map((x) => (
          <span key={x} className="tag">
            <span className="dot" style={{ background: f.choices.find((c) => c.value === x)?.color ?? '#94a3b8' }} />
            {x}
          </span>
        ))}
      </span>
    ) : (
      String(v)
    ),
  person: (f, v, refs) => {
    const p = refs.people.get(String(v));
    return <span title={p ? [p.badge, p.unit].filter(Boolean).join(' · ') : undefined}>{shownValue(f, v, refs)}</span>;
  },
};

function choiceCell(f: LedgerField, v: FieldValue): ReactNode {
  const c = f.choices.find((x) => x.value === v);
  return (
    <span className="choice">
      <span className="dot" style={{ background: c?.color ?? '#94a3b8' }} />
      {String(v)}
    </span>
  );
}

/** Column width to start from, per field type (the sheet then sizes columns to their content). */
export const FIELD_WIDTHS: Record<FieldType, number> = {
  text: 140,
  longText: 260,
  number: 90,
  date: 108,
  singleChoice: 110,
  multiChoice: 160,
  person: 96,
  unit: 130,
  boolean: 72,
  status: 96,
};

export type { FieldValue };
