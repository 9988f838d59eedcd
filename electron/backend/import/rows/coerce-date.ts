import { excelSerialToIso, parseDateText } from '../../../../shared/validation/dates';
import { isMonthOnlyFormat, isTimeOnlyFormat } from '../read/number-format';
import { toAsciiWidth } from '../shape/header-text';
import type { FieldCheck } from '../mapping/target';
import { cleanString, isoDay } from './cell-text';

/**
 * A date from whatever the cell holds: a real date cell (its format tells month precision),
 * an Excel serial (1900 or 1904 system), a number typed as 19850312 or 1985.03, or text
 * (1985.3.12, 1985年3月12日, 1985/03/12, 19850312, 1985-3).
 */
const bad = (label: string, reason: string): FieldCheck => ({ ok: false, reason: `${label}：${reason}` });

export function coerceDate(v: string | number | boolean | Date, format: string | undefined, label: string, allowMonth: boolean, date1904: boolean): FieldCheck {
  if (typeof v === 'boolean') return bad(label, `“${v ? 'TRUE' : 'FALSE'}”不是日期`);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad(label, '日期无效');
    if (isTimeOnlyFormat(format)) return bad(label, '这里是时间，不是日期');
    const day = isoDay(v);
    if (isMonthOnlyFormat(format)) {
      return allowMonth ? { ok: true, value: day.slice(0, 7) } : bad(label, `日期“${day.slice(0, 7)}”缺少日，请写成如1985-03-12`);
    }
    return sane(day, label);
  }
  if (typeof v === 'number') return fromNumber(v, label, allowMonth, date1904);
  return fromText(v, label, allowMonth);
}

function fromText(raw: string, label: string, allowMonth: boolean): FieldCheck {
  // "1985-03-12 00:00:00" as exported by other systems: the time adds nothing
  const s = toAsciiWidth(cleanString(raw)).replace(/[ T]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  const r = parseDateText(s, { allowMonth });
  return r.ok ? { ok: true, value: r.value } : { ok: false, reason: `${label}：${r.reason}` };
}

function fromNumber(n: number, label: string, allowMonth: boolean, date1904: boolean): FieldCheck {
  if (Number.isInteger(n) && n >= 19000101 && n <= 21001231) return fromText(String(n), label, allowMonth);
  if (Number.isInteger(n) && n >= 1900 && n <= 2100) {
    return { ok: false, reason: `${label}：“${n}”只有年份，请写成如1985-03-12` };
  }
  if (!Number.isInteger(n) && n > 1900 && n < 2101) {
    // 1985.03 typed into a number cell is stored as 1985.03; but 1985.10 is stored as 1985.1
    const text = String(n);
    if (/\.1$/.test(text)) {
      return { ok: false, reason: `${label}：“${text}”是数字，无法分辨是1月还是10月，请改为文本，如${text.slice(0, 4)}-10` };
    }
    return fromText(text, label, allowMonth);
  }
  const iso = excelSerialToIso(n, date1904);
  if (!iso) return { ok: false, reason: `${label}：“${n}”不是有效日期` };
  return sane(iso, label);
}

/** Dates before 1900 or after 2100 in an office roster are typing errors. */
function sane(iso: string, label: string): FieldCheck {
  const y = Number(iso.slice(0, 4));
  if (y < 1900 || y > 2100) return { ok: false, reason: `${label}：日期“${iso}”超出合理范围` };
  return { ok: true, value: iso };
}
