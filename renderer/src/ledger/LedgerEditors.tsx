import type { ReactNode } from 'react';
import type { FieldType, FieldValue, LedgerField, RawCell } from '../../../shared/domain/ledger';
import type { CellKind, PickOption } from '../sheet/sheet-types';
import { MULTI_SEPARATOR } from '../sheet/pick-list';
import { checkTyped, parseDate, shownValue } from './ledger-format';
import { rosterCache, unitsCache, type RefsStore } from './ledger-store';

/** What the sheet needs to know of one field type. */
export interface FieldTypeInSheet {
  /** how it is typed: the text the editor starts from, what the typed text is sent as (the server checks again), the reason shown while typing, a list to pick from */
  editor(f: LedgerField): CellKind;
  /** its cell where it is more than its text (a colour dot, a person's 警号 on hover); its text is `shownValue` */
  cell?(f: LedgerField, v: FieldValue, refs: RefsStore): ReactNode;
  /** the width a column starts from (the sheet then sizes columns to their content) */
  width: number;
  /** the column filter: ticked values, a number or date range, or text */
  filter: 'choice' | 'number' | 'date' | 'text';
}

/**
 * Every field type in the sheet — the one table a new field type adds its entry to (TypeScript
 * asks for it): its editor, its cell, its width and its filter.
 */
export const FIELD_SHEET: Record<FieldType, FieldTypeInSheet> = {
  text: { editor: (f) => textKind(f), width: 140, filter: 'text' },
  longText: { editor: (f) => ({ ...textKind(f), multiline: true, hint: 'Enter 保存，Alt+Enter 换行' }), width: 260, filter: 'text' },
  number: {
    editor: (f) => ({
      ...textKind(f),
      parse: (t) => {
        const s = t.trim().replace(/,/g, '');
        return s === '' ? null : Number.isFinite(Number(s)) ? Number(s) : t;
      },
    }),
    width: 90,
    filter: 'number',
  },
  date: { editor: (f) => ({ ...textKind(f), parse: (t) => (t.trim() === '' ? null : (parseDate(t) ?? t)), placeholder: '如 2021-03-01' }), width: 108, filter: 'date' },
  singleChoice: { editor: (f) => choiceKind(f), cell: choiceCell, width: 110, filter: 'choice' },
  status: { editor: (f) => choiceKind(f), cell: choiceCell, width: 96, filter: 'choice' },
  multiChoice: {
    editor: (f) => ({
      ...choiceKind(f),
      multi: true,
      editText: (v) => (Array.isArray(v) ? v.join('、') : v === null || v === undefined ? '' : String(v)),
      parse: (t) => {
        const parts = t.split(MULTI_SEPARATOR).map((x) => x.trim()).filter(Boolean);
        return parts.length ? parts : null;
      },
    }),
    cell: (f, v) =>
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
    width: 160,
    filter: 'choice',
  },
  person: {
    editor: (f) => ({
      ...textKind(f),
      // 姓名, 警号 or 姓名（单位）: the server finds the person; picking from the list sends the id
      options: async () =>
        (await rosterCache()).map((p) => ({ value: p.id, label: p.name, hint: [p.badge, p.unitName].filter(Boolean).join(' · '), key: `${p.name} ${p.badge ?? ''}`.toLowerCase() })),
      placeholder: '姓名或警号',
    }),
    cell: (f, v, refs) => {
      const p = refs.people.get(String(v));
      return <span title={p ? [p.badge, p.unit].filter(Boolean).join(' · ') : undefined}>{shownValue(f, v, refs)}</span>;
    },
    width: 96,
    filter: 'text',
  },
  people: {
    // 人员名单 (参加人员): names or 警号 separated by 、 — typed, picked from the roster, or a pasted
    // sign-in list; the server matches each entry and refuses the cell naming any it cannot place
    editor: (f) => ({
      ...textKind(f),
      multi: true,
      options: async () =>
        (await rosterCache()).map((p) => ({ value: p.name, label: p.name, hint: [p.badge, p.unitName].filter(Boolean).join(' · '), key: `${p.name} ${p.badge ?? ''}`.toLowerCase() })),
      placeholder: '姓名或警号，用“、”隔开；也可粘贴名单',
    }),
    width: 220,
    filter: 'text',
  },
  unit: { editor: (f) => ({ ...textKind(f), options: async () => (await unitsCache()).map((u) => ({ value: u.id, label: u.name, key: u.name.toLowerCase() })) }), width: 130, filter: 'text' },
  boolean: {
    editor: (f) => ({
      ...textKind(f),
      parse: (t) => (t.trim() === '' ? null : t.trim() === '是' ? true : t.trim() === '否' ? false : t),
      options: async () => [
        { value: true, label: '是', key: '是 shi' },
        { value: false, label: '否', key: '否 fou' },
      ],
    }),
    width: 72,
    filter: 'choice',
  },
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

function choiceCell(f: LedgerField, v: FieldValue): ReactNode {
  const c = f.choices.find((x) => x.value === v);
  return (
    <span className="choice">
      <span className="dot" style={{ background: c?.color ?? '#94a3b8' }} />
      {String(v)}
    </span>
  );
}
