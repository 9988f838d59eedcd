import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { FieldValue, LedgerField, LedgerRecord } from '../../../shared/domain/ledger';
import { checkTyped, parseDate } from './ledger-format';
import { rosterCache, unitsCache } from './ledger-store';

type EditorProps = CustomCellEditorProps<LedgerRecord, FieldValue | null> & { field: LedgerField };

/** First character typed on a cell replaces its content, as in Excel. */
function typedKey(props: EditorProps): string | null {
  const key = props.eventKey;
  return key && key.length === 1 ? key : null;
}

/** Text, long text, number and date: checked on every keystroke, the reason shown under the cell. */
export function TextEditor(props: EditorProps) {
  const { field } = props;
  const [text, setText] = useState(() => typedKey(props) ?? (props.value === null || props.value === undefined ? '' : String(props.value)));
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const send = (t: string) => {
    if (field.type === 'date') props.onValueChange(t.trim() === '' ? null : (parseDate(t) ?? t));
    else if (field.type === 'number') props.onValueChange(t.trim() === '' ? null : Number.isFinite(Number(t.replace(/,/g, ''))) ? Number(t.replace(/,/g, '')) : t);
    else props.onValueChange(t === '' ? null : t);
  };
  useEffect(() => {
    send(text);
    input.current?.focus();
    const n = input.current?.value.length ?? 0;
    input.current?.setSelectionRange(n, n);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const check = checkTyped(field, text);
  const onChange = (v: string) => {
    setText(v);
    send(v);
  };
  return (
    <div className={check.ok ? 'cell-editor' : 'cell-editor invalid'} style={{ width: Math.max(props.column.getActualWidth(), field.type === 'longText' ? 320 : 0) }}>
      {field.type === 'longText' ? (
        <textarea
          ref={input}
          className="ledger-textarea"
          value={text}
          rows={4}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            // Alt+Enter starts a new line, as in Excel; Enter saves
            if (e.key === 'Enter' && e.altKey) {
              e.stopPropagation();
              const el = e.currentTarget;
              const at = el.selectionStart;
              onChange(text.slice(0, at) + '\n' + text.slice(el.selectionEnd));
              setTimeout(() => el.setSelectionRange(at + 1, at + 1));
            }
          }}
        />
      ) : (
        <input ref={input} autoFocus value={text} aria-invalid={!check.ok} spellCheck={false} placeholder={field.type === 'date' ? '如 2021-03-01' : undefined} onChange={(e) => onChange(e.target.value)} />
      )}
      {!check.ok && (
        <div className="cell-editor-error" role="alert">
          {check.reason}
        </div>
      )}
      {field.type === 'longText' && check.ok && <div className="cell-editor-hint">Enter 保存，Alt+Enter 换行</div>}
    </div>
  );
}

interface Option {
  value: FieldValue | null;
  label: string;
  hint?: string;
  color?: string;
  /** lower-cased text the search box matches */
  key: string;
}

const same = (a: unknown, b: unknown) => a === b || (a !== null && b !== null && String(a) === String(b));

/**
 * A list to pick from, with a search box (typing on the cell starts the search): choices,
 * status, yes/no, units, people (by name or 警号). Arrow keys move, Enter saves and moves on.
 */
export function ListEditor(props: EditorProps) {
  const { field } = props;
  const multi = field.type === 'multiChoice';
  const [options, setOptions] = useState<Option[] | null>(null);
  const [query, setQuery] = useState(() => typedKey(props) ?? '');
  const [picked, setPicked] = useState<string[]>(() => (multi && Array.isArray(props.value) ? (props.value as string[]) : []));
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let alive = true;
    const clear: Option[] = field.required || multi ? [] : [{ value: null, label: '（清空）', key: '' }];
    const load = async (): Promise<Option[]> => {
      switch (field.type) {
        case 'boolean':
          return [{ value: true, label: '是', key: '是 shi' }, { value: false, label: '否', key: '否 fou' }];
        case 'unit':
          return (await unitsCache()).map((u) => ({ value: u.id, label: u.name, key: u.name.toLowerCase() }));
        case 'person':
          return (await rosterCache(true)).map((p) => ({
            value: p.id,
            label: p.name,
            hint: [p.badge, p.unitName].filter(Boolean).join(' · '),
            key: `${p.name} ${p.badge ?? ''}`.toLowerCase(),
          }));
        default:
          return field.choices.map((c) => ({ value: c.value, label: c.value, color: c.color, key: [c.value, ...(c.aliases ?? [])].join(' ').toLowerCase() }));
      }
    };
    void load().then((o) => alive && setOptions([...clear, ...o]));
    input.current?.focus();
    return () => {
      alive = false;
    };
  }, [field, multi]);

  const shown = useMemo(() => {
    if (!options) return [];
    const q = query.trim().toLowerCase();
    const hits = q ? options.filter((o) => o.value !== null && o.key.includes(q)) : options;
    return hits.slice(0, 200);
  }, [options, query]);

  // the highlighted option is the value the grid saves on Enter (it reads the editor first)
  useEffect(() => {
    if (multi || !options) return;
    const start = query ? 0 : Math.max(0, shown.findIndex((o) => same(o.value, props.value)));
    setActive(start);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, options]);
  useEffect(() => {
    if (multi) return props.onValueChange(picked.length ? picked : null);
    const o = shown[active];
    props.onValueChange(o ? o.value : query.trim() === '' ? (props.value ?? null) : (query as FieldValue));
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, shown, picked]);

  const toggle = (v: string) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v]));

  return (
    <div className="list-editor" style={{ minWidth: Math.max(props.column.getActualWidth(), 200) }}>
      <input
        ref={input}
        value={query}
        placeholder={field.type === 'person' ? '按姓名或警号查找…' : '查找…'}
        aria-label={`选择${field.label}`}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            e.stopPropagation();
            setActive((a) => Math.min(shown.length - 1, Math.max(0, a + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === ' ' && multi && shown[active]) {
            e.preventDefault();
            toggle(String(shown[active]!.value));
          }
        }}
      />
      <ul ref={list} role="listbox" aria-multiselectable={multi || undefined}>
        {options === null && <li className="muted">正在读取…</li>}
        {options !== null && shown.length === 0 && <li className="muted">没有匹配的{field.type === 'person' ? '人员' : '选项'}</li>}
        {shown.map((o, i) => {
          const on = multi ? picked.includes(String(o.value)) : same(o.value, props.value);
          return (
            <li
              key={`${String(o.value)}-${i}`}
              data-index={i}
              role="option"
              aria-selected={on}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                if (multi) return toggle(String(o.value));
                props.onValueChange(o.value);
                setTimeout(() => props.stopEditing());
              }}
              onMouseEnter={() => setActive(i)}
            >
              {multi && <input type="checkbox" readOnly checked={on} tabIndex={-1} />}
              {o.color && <span className="dot" style={{ background: o.color }} />}
              <span className={o.value === null ? 'muted' : undefined}>{o.label}</span>
              {o.hint && <span className="hint">{o.hint}</span>}
            </li>
          );
        })}
      </ul>
      {multi && <div className="list-editor-foot muted small">点击或按空格勾选，Enter 保存</div>}
    </div>
  );
}
