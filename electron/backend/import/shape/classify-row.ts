import type { GridRow } from '../read/grid';
import { headerKey } from './header-text';
import { isEmpty } from './row-index';

/**
 * Rows under the header that are not data: blank rows, the header repeated (a list pasted
 * together from several pages), totals (合计/总计/小计), the signature block under the table
 * (填表人：… 审核人：…) and "以下空白". They are skipped and listed, never imported.
 */
export type SkipReason = '空行' | '重复的表头行' | '合计行' | '签名栏或说明' | '以下空白';

const TOTALS = /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计)/;
const SIGNATURE =
  /^(填\s*表\s*人|填\s*报\s*人|审\s*核\s*人|审\s*批\s*人|复\s*核\s*人|制\s*表\s*人?|统\s*计\s*人|负\s*责\s*人|单位负责人|分管领导|主要领导|经\s*办\s*人|联\s*系\s*人|联系电话|填报日期|制表日期|日\s*期|注|说\s*明|备\s*注)\s*[:：]/;
const BLANK_BELOW = /^[（(]?以下(空白|无内容)[）)]?$/;

export function classifyRow(r: GridRow, headerKeys: readonly string[][]): SkipReason | null {
  let filled = 0;
  let first: unknown = null;
  for (const c of r.cells) {
    if (isEmpty(c)) continue;
    if (filled++ === 0) first = c;
  }
  if (filled === 0) return '空行';
  if (typeof first === 'string') {
    const t = first.trim();
    if (BLANK_BELOW.test(t.replace(/\s/g, ''))) return '以下空白';
    if (TOTALS.test(t)) return '合计行';
  }
  // a signature line has few cells; a person whose 备注 says "注：…" has many
  if (filled <= 4 && r.cells.some((c) => typeof c === 'string' && SIGNATURE.test(c.trim()))) return '签名栏或说明';
  for (const keys of headerKeys) if (repeatsHeader(r, keys)) return '重复的表头行';
  return null;
}

function repeatsHeader(r: GridRow, keys: readonly string[]): boolean {
  let named = 0;
  let same = 0;
  for (let c = 0; c < keys.length; c++) {
    const k = keys[c];
    if (!k) continue;
    named++;
    const v = r.cells[c];
    if (typeof v === 'string' && headerKey(v) === k) same++;
  }
  return same >= 2 && same >= named * 0.6;
}
