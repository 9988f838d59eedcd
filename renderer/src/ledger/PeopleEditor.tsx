import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { PeopleMatchResult } from '../../../shared/contract/ledger';
import type { FieldValue, LedgerField, LedgerRecord } from '../../../shared/domain/ledger';
import type { Person } from '../../../shared/domain/roster';
import { api, errorMessage } from '../api';
import { rosterCache } from './ledger-store';
import './people-editor.css';

/** Pasted text that is a list of names rather than a search: it holds a separator between two entries. */
const LIST_LIKE = /[、，,;；\n\r\t]|\S[\s\u3000]+\S/;

const idsOf = (v: FieldValue | null | undefined): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : typeof v === 'number' ? [v] : []);

/**
 * 人员名单 (参加人员): people picked from the roster — by typing a name or 警号 and choosing, or
 * by pasting a whole list (a sign-in sheet), which is matched name by name; entries no one on
 * the roster answers to, or that fit several people, are listed under the box and never
 * silently dropped.
 */
export function PeoplePicker(props: { label: string; value: number[]; onChange: (ids: number[]) => void; autoFocus?: boolean; onEnter?: () => void }) {
  const [roster, setRoster] = useState<Person[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [report, setReport] = useState<{ added: number; unmatched: string[]; ambiguous: PeopleMatchResult['ambiguous'] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let alive = true;
    void rosterCache(true).then((p) => alive && setRoster(p));
    if (props.autoFocus) input.current?.focus();
    return () => void (alive = false);
  }, [props.autoFocus]);
  const byId = useMemo(() => new Map((roster ?? []).map((p) => [p.id, p])), [roster]);
  const chosen = new Set(props.value);
  const hits = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q || !roster) return [];
    return roster.filter((p) => !chosen.has(p.id) && (p.name.includes(q) || (p.badge ?? '').toLowerCase().includes(q))).slice(0, 50);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, roster, props.value]);
  useEffect(() => setActive(0), [hits]);

  const add = (ids: number[]) => props.onChange([...props.value, ...ids.filter((id) => !chosen.has(id))]);
  const pasteList = async (text: string) => {
    try {
      const m = await api.ledger.matchPeople({ text });
      const fresh = m.matched.filter((p) => !chosen.has(p.id));
      add(fresh.map((p) => p.id));
      setReport({ added: fresh.length, unmatched: m.unmatched, ambiguous: m.ambiguous });
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="people-picker">
      <div className="people-chips" aria-label={`${props.label}（已选 ${props.value.length} 人）`}>
        {props.value.map((id) => {
          const p = byId.get(id);
          return (
            <span key={id} className="person-chip" title={p ? [p.badge, p.unitName].filter(Boolean).join(' · ') : undefined}>
              {p ? p.name : '…'}
              <button type="button" aria-label={`移除${p?.name ?? ''}`} onMouseDown={(e) => e.preventDefault()} onClick={() => props.onChange(props.value.filter((x) => x !== id))}>
                ×
              </button>
            </span>
          );
        })}
        <input
          ref={input}
          aria-label={props.label}
          value={query}
          placeholder={props.value.length ? '继续添加…' : '输入姓名或警号，或粘贴名单'}
          onChange={(e) => setQuery(e.target.value)}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text');
            if (!LIST_LIKE.test(text.trim())) return;
            e.preventDefault();
            void pasteList(text);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              e.stopPropagation();
              setActive((a) => Math.min(hits.length - 1, Math.max(0, a + (e.key === 'ArrowDown' ? 1 : -1))));
            } else if (e.key === 'Enter' && hits[active] && query.trim()) {
              // Enter on a highlighted name adds it; Enter on an empty box saves (the grid's own Enter)
              e.preventDefault();
              e.stopPropagation();
              add([hits[active]!.id]);
              setQuery('');
            } else if (e.key === 'Enter' && LIST_LIKE.test(query.trim())) {
              e.preventDefault();
              e.stopPropagation();
              void pasteList(query).then(() => setQuery(''));
            } else if (e.key === 'Backspace' && query === '' && props.value.length) {
              props.onChange(props.value.slice(0, -1));
            }
          }}
        />
      </div>
      {hits.length > 0 && (
        <ul className="people-hits" role="listbox" aria-label={`可选人员`}>
          {hits.map((p, i) => (
            <li
              key={p.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                add([p.id]);
                setQuery('');
              }}
              onMouseEnter={() => setActive(i)}
            >
              {p.name}
              <span className="hint">{[p.badge, p.unitName].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
      {report && (
        <div className="people-report" role="status" data-testid="people-report">
          已加入 {report.added} 人
          {report.unmatched.length > 0 && (
            <div className="people-unmatched" role="alert">
              花名册中没有，未加入：{report.unmatched.join('、')}（请核对姓名，或先在花名册中添加）
            </div>
          )}
          {report.ambiguous.length > 0 && (
            <div className="people-unmatched" role="alert">
              重名，未加入：{report.ambiguous.map((a) => `${a.text}（${a.count}人）`).join('、')}（请写成“姓名（单位）”或填写警号）
            </div>
          )}
        </div>
      )}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

type EditorProps = CustomCellEditorProps<LedgerRecord, FieldValue | null> & { field: LedgerField };

/** The grid's editor of a 人员名单 cell: the picker in a popup; Enter or a click elsewhere saves. */
export function PeopleEditor(props: EditorProps) {
  const [ids, setIds] = useState<number[]>(() => idsOf(props.value));
  return (
    <div className="cell-editor people-cell-editor" style={{ width: Math.max(props.column.getActualWidth(), 360) }}>
      <PeoplePicker
        label={`选择${props.field.label}`}
        value={ids}
        autoFocus
        onChange={(next) => {
          setIds(next);
          props.onValueChange(next.length ? next : null);
        }}
      />
      <div className="cell-editor-hint">共 {ids.length} 人；可粘贴整份名单，Enter 保存</div>
    </div>
  );
}
