import { useEffect, useState } from 'react';
import { parseDateText } from '../../../shared/validation/dates';

/**
 * A date typed the way the office types it (2026-03-02, 2026.3.2, 2026年3月2日), shown back as
 * YYYY-MM-DD once it is understood. A text box rather than the browser's date picker, whose
 * format follows the system locale; a date it cannot read is reported under it in Chinese.
 */
export function DateInput(props: { value: string | null; onChange: (iso: string | null, error: string | null) => void; label: string }) {
  const [text, setText] = useState(props.value ?? '');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false); // no complaint while the date is still being typed
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const take = (raw: string) => {
    setText(raw);
    if (raw.trim() === '') return setError(null), props.onChange(null, null);
    const p = parseDateText(raw);
    if (p.ok) return setError(null), props.onChange(p.value, null);
    const msg = `${props.label}：${p.reason}`;
    setError(msg);
    props.onChange(props.value, msg);
  };
  return (
    <span className="date-input">
      <input
        aria-label={props.label}
        placeholder="如 2026-03-02"
        value={text}
        className={error && touched ? 'invalid' : undefined}
        onChange={(e) => take(e.target.value)}
        onBlur={() => (setTouched(true), props.value && !error && setText(props.value))}
      />
      {error && touched && <span className="field-error">{error}</span>}
    </span>
  );
}
