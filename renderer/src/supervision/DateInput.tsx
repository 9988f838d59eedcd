import { useEffect, useRef, useState } from 'react';
import { parseDateText } from '../../../shared/validation/dates';
import { useToday } from './use-today';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The days of a month as the calendar lays them out: weeks from Monday, blanks before the 1st. */
function monthGrid(y: number, m: number): (number | null)[] {
  const first = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [...Array.from({ length: first }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)];
}

/** A month calendar under the date box: ‹ › for months, today marked, a day clicked is the date. */
function Calendar(props: { value: string | null; today: string; label: string; onPick: (iso: string) => void; onClose: () => void }) {
  const start = props.value ?? props.today;
  const [y, setY] = useState(Number(start.slice(0, 4)));
  const [m, setM] = useState(Number(start.slice(5, 7)));
  const step = (d: number) => {
    const n = y * 12 + (m - 1) + d;
    setY(Math.floor(n / 12));
    setM((n % 12) + 1);
  };
  return (
    <div className="calendar" role="dialog" aria-label="选择日期" title={props.label} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <div className="calendar-head">
        <button type="button" aria-label="上一月" onClick={() => step(-1)}>
          ‹
        </button>
        <b>
          {y}年{m}月
        </b>
        <button type="button" aria-label="下一月" onClick={() => step(1)}>
          ›
        </button>
      </div>
      <div className="calendar-grid">
        {WEEKDAYS.map((w) => (
          <span key={w} className="calendar-weekday">
            {w}
          </span>
        ))}
        {monthGrid(y, m).map((d, i) =>
          d === null ? (
            <span key={`b${i}`} />
          ) : (
            <button
              key={d}
              type="button"
              aria-label={`${y}年${m}月${d}日`}
              className={[iso(y, m, d) === props.today ? 'today' : '', iso(y, m, d) === props.value ? 'chosen' : ''].join(' ').trim() || undefined}
              onClick={() => props.onPick(iso(y, m, d))}
            >
              {d}
            </button>
          ),
        )}
      </div>
      <div className="calendar-foot">
        <button type="button" className="link" onClick={() => props.onPick(props.today)}>
          今天
        </button>
      </div>
    </div>
  );
}

/**
 * A date typed the way the office types it (2026-03-02, 2026.3.2, 2026年3月2日), shown back as
 * YYYY-MM-DD once it is understood, or picked from a month calendar (the button beside it).
 * The example and the calendar start from the office's today (the backend's clock). A date it
 * cannot read is reported under it in Chinese.
 */
export function DateInput(props: { value: string | null; onChange: (iso: string | null, error: string | null) => void; label: string }) {
  const today = useToday();
  const [text, setText] = useState(props.value ?? '');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false); // no complaint while the date is still being typed
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => setText(props.value ?? ''), [props.value]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
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
    <span className="date-input" ref={box}>
      <span className="date-row">
      <input
        aria-label={props.label}
        placeholder={today ? `如 ${today}` : ''}
        value={text}
        className={error && touched ? 'invalid' : undefined}
        onChange={(e) => take(e.target.value)}
        onBlur={() => (setTouched(true), props.value && !error && setText(props.value))}
      />
      {/* its name does not repeat the field's, so the box alone answers to the field's label */}
      <button type="button" className="date-button" aria-label="打开日历" title="从日历中选择" onClick={() => setOpen((o) => !o)} disabled={!today}>
        ▦
      </button>
      </span>
      {open && today && (
        <Calendar
          value={props.value}
          today={today}
          label={props.label}
          onClose={() => setOpen(false)}
          onPick={(d) => {
            setOpen(false);
            setTouched(true);
            take(d);
          }}
        />
      )}
      {error && touched && <span className="field-error">{error}</span>}
    </span>
  );
}
