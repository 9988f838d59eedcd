import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { CellKind, PickOption, RawCell } from './sheet-types';
import { completeLast, matchOptions } from './pick-list';

/** What the editor overlay is doing: nothing (the input catcher over the active cell), or editing a cell. */
export interface EditorState {
  kind: CellKind;
  label: string;
  /** 'enter': typing replaced the cell (arrows save and move, as in Excel); 'edit': F2 or a double click (arrows move the caret) */
  mode: 'enter' | 'edit';
}

export interface SheetEditorHandle {
  textarea: HTMLTextAreaElement | null;
  /** what Enter saves: a picked option's value, or the typed text parsed by the cell's kind */
  result(): { raw: RawCell; text: string };
  /** arrow keys inside an open pick list; true when the list used the key */
  listKey(e: KeyboardEvent): boolean;
  /** the highlighted option completes a several-value cell (Enter on the list); true when it did */
  completeMulti(): boolean;
}

/**
 * One textarea that always holds the keyboard focus while a sheet is in use, lying over the
 * active cell. Not editing, it is invisible and empty: whatever is typed — a Latin key, or a
 * Chinese input method's composition — lands in it, and the first character makes it the cell's
 * editor with that text, so nothing typed is lost however fast, and a composition finishes
 * where it started. Below it: the reason a value will be refused, or a list to pick from.
 */
export const SheetEditor = forwardRef<SheetEditorHandle, {
  state: EditorState | null;
  box: { left: number; top: number; width: number; height: number; hostWidth: number } | null;
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void;
  onInput(): void;
  onCompositionStart(): void;
  onCopy(e: React.ClipboardEvent<HTMLTextAreaElement>): void;
  onCut(e: React.ClipboardEvent<HTMLTextAreaElement>): void;
  onPaste(e: React.ClipboardEvent<HTMLTextAreaElement>): void;
  onPick(): void;
}>(function SheetEditor(props, ref) {
  const { state, box } = props;
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [options, setOptions] = useState<PickOption[] | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    setText(area.current?.value ?? '');
    setActive(0);
    if (!state?.kind.options) return setOptions(null);
    let alive = true;
    setOptions(null);
    void state.kind.options().then((o) => alive && setOptions(o));
    return () => {
      alive = false;
    };
  }, [state]);

  const multi = !!state?.kind.multi;
  const shown = useMemo(() => (options ? matchOptions(options, text, multi) : []), [options, text, multi]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const picked = (): PickOption | undefined => {
    if (!options || multi) return undefined;
    const t = (area.current?.value ?? '').trim();
    if (t === '') return undefined; // an emptied cell is saved empty
    return shown[active];
  };

  useImperativeHandle(ref, () => ({
    get textarea() {
      return area.current;
    },
    result() {
      const t = area.current?.value ?? '';
      const o = picked();
      if (o) return { raw: o.value, text: o.label };
      return { raw: state ? state.kind.parse(t) : t, text: t };
    },
    listKey(e) {
      if (!options || shown.length === 0) return false;
      if (e.key === 'ArrowDown') setActive((a) => Math.min(shown.length - 1, a + 1));
      else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
      else return false;
      return true;
    },
    completeMulti() {
      const el = area.current;
      const o = shown[active];
      if (!multi || !el || !o || !el.value.trim() || /[、,，;；\n]\s*$/.test(el.value)) return false;
      el.value = completeLast(el.value, o.label);
      setText(el.value);
      return true;
    },
  }));

  const reason = state ? state.kind.check(text) : null;
  // kept inside the sheet: at the right edge a long-text editor opens leftwards, and a list below the cell slides left
  const width = box ? (state?.kind.multiline ? Math.max(box.width, 320) : box.width) : 1;
  const left = box ? Math.max(0, Math.min(box.left, box.hostWidth - width - 2)) : 0;
  const listShift = box ? Math.min(0, box.hostWidth - 2 - (left + 260)) : 0;
  const style: CSSProperties = box ? { left, top: box.top, width, height: state?.kind.multiline ? undefined : box.height } : { left: 0, top: 0, width: 1, height: 1 };
  const choose = (o: PickOption) => {
    const el = area.current;
    if (!el) return;
    if (multi) {
      el.value = completeLast(el.value, o.label);
      setText(el.value);
      el.focus();
      return;
    }
    el.value = o.label;
    setText(o.label);
    setActive(shown.indexOf(o));
    props.onPick();
  };

  return (
    <div className={state ? 'sheet-editor editing' : 'sheet-editor'} style={style} data-testid={state ? 'sheet-editor' : undefined}>
      <textarea
        ref={area}
        data-sheet-sink={state ? 'editing' : 'ready'}
        className={reason ? 'invalid' : undefined}
        aria-label={state ? `编辑${state.label}` : '在选中的单元格中输入'}
        aria-invalid={!!reason}
        spellCheck={false}
        autoComplete="off"
        wrap={state?.kind.multiline ? 'soft' : 'off'}
        rows={state?.kind.multiline ? 4 : 1}
        placeholder={state?.kind.placeholder}
        onKeyDown={props.onKeyDown}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
          props.onInput();
        }}
        onCompositionStart={props.onCompositionStart}
        onCopy={props.onCopy}
        onCut={props.onCut}
        onPaste={props.onPaste}
      />
      {state && reason && (
        <div className="sheet-editor-error" role="alert">
          {reason}
        </div>
      )}
      {state && !reason && options === null && state.kind.hint && <div className="sheet-editor-hint">{state.kind.hint}</div>}
      {state && state.kind.options && (
        <ul ref={list} className="sheet-pick" style={listShift ? { marginLeft: listShift } : undefined} role="listbox" aria-label={`选择${state.label}`} aria-multiselectable={multi || undefined}>
          {options === null && <li className="muted">正在读取…</li>}
          {options !== null && shown.length === 0 && <li className="muted">没有匹配的选项</li>}
          {shown.map((o, i) => (
            <li
              key={`${String(o.value)}-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {o.color && <span className="dot" style={{ background: o.color }} />}
              <span>{o.label}</span>
              {o.hint && <span className="hint">{o.hint}</span>}
            </li>
          ))}
          {multi && <li className="sheet-pick-foot muted small">多个值用“、”分开；Enter 选中当前项，再按 Enter 保存</li>}
        </ul>
      )}
    </div>
  );
});
