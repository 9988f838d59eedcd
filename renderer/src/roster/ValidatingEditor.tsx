import { useEffect, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { Person, PersonField } from '../../../shared/domain/roster';
import { checkPersonField } from '../../../shared/validation/person';

/** First character typed on a cell replaces its content, as in Excel. */
function startingText(props: CustomCellEditorProps<Person, string>): string {
  const key = props.eventKey;
  if (key && key.length === 1) return key;
  return props.value === null || props.value === undefined ? '' : String(props.value);
}

/**
 * A text editor that checks the value on every keystroke with the same rules the backend
 * applies, and says why a value is wrong before the user presses Enter.
 */
export function ValidatingEditor(props: CustomCellEditorProps<Person, string> & { field: PersonField }) {
  const [text, setText] = useState(() => startingText(props));
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    props.onValueChange(text);
    input.current?.focus();
    // put the caret at the end rather than selecting: the user is typing
    const n = input.current?.value.length ?? 0;
    input.current?.setSelectionRange(n, n);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const check = checkPersonField(props.field, text);
  return (
    <div className={check.ok ? 'cell-editor' : 'cell-editor invalid'} style={{ width: props.column.getActualWidth() }}>
      <input
        ref={input}
        value={text}
        aria-invalid={!check.ok}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          props.onValueChange(e.target.value);
        }}
      />
      {!check.ok && (
        <div className="cell-editor-error" role="alert">
          {check.reason}
        </div>
      )}
    </div>
  );
}
