import type ExcelJS from 'exceljs';
import type { DateFormat, Margins } from './table-spec';
import { writeHeading } from './form-heading';
import { looksLikeFormula } from './formula-guard';
import { sheetOptions } from './print-setup';
import { BORDER, CAPTION_STYLE, HEADER_STYLE, SEQ_STYLE, TOTAL_LABEL_STYLE, guardedStyle, type CellStyle } from './sheet-styles';
import type { Tally } from './tally';
import { textWidth } from './text-width';
import type { WorkbookWriter } from './workbook-file';

export interface SummaryPart {
  /** the table's sheet name */
  name: string;
  tally: Tally;
  hasStatus: boolean;
  hasUnit: boolean;
}

export interface SummarySpec {
  title: string;
  officeName: string;
  reportDate: string;
  dateFormat: DateFormat;
  sheetName: string;
}

const font = { name: '宋体', charset: 134, size: 11 } as const;
const NAME_STYLE: CellStyle = { font, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: BORDER };
const COUNT_STYLE: CellStyle = { font, numFmt: '0', alignment: { horizontal: 'right', vertical: 'middle' }, border: BORDER };
const COUNT_TOTAL_STYLE: CellStyle = { ...COUNT_STYLE, font: { ...font, bold: true } };

const union = (maps: Map<string, number>[]) => [...new Set(maps.flatMap((m) => [...m.keys()]))];

/** One block of the 汇总 sheet: a caption, a header, a row per item, a 合计 row. */
interface Block {
  caption: string;
  nameLabel: string;
  columns: string[];
  /** null: the table has no such column (shown blank, not as a misleading 0) */
  rows: { name: string; counts: (number | null)[] }[];
}

function blocks(parts: readonly SummaryPart[]): Block[] {
  const withStatus = parts.filter((p) => p.hasStatus);
  const statuses = union(withStatus.map((p) => p.tally.byStatus));
  const out: Block[] = [
    {
      caption: statuses.length ? '一、按台账和办理状态统计' : '一、各台账记录数',
      nameLabel: '台账',
      columns: [...statuses, '合计'],
      rows: parts.map((p) => ({
        name: p.name,
        counts: [...statuses.map((s) => (p.hasStatus ? (p.tally.byStatus.get(s) ?? 0) : null)), p.tally.rows],
      })),
    },
  ];
  const withUnit = parts.filter((p) => p.hasUnit);
  if (withUnit.length) {
    const units = union(withUnit.map((p) => p.tally.byUnit));
    out.push({
      caption: '二、按单位统计',
      nameLabel: '单位',
      columns: [...withUnit.map((p) => p.name), '合计'],
      rows: units.map((u) => {
        const counts = withUnit.map((p) => p.tally.byUnit.get(u) ?? 0);
        return { name: u, counts: [...counts, counts.reduce((a, b) => a + b, 0)] };
      }),
    });
  }
  return out;
}

function put(ws: ExcelJS.Worksheet, r: number, c: number, value: string | number | null, style: CellStyle): void {
  const cell = ws.getCell(r, c);
  cell.value = value;
  cell.style = typeof value === 'string' ? guardedStyle(style, value, looksLikeFormula) : style;
}

/** The 汇总 sheet of a 报送包: counts by status per table, and by unit. Written last, when the counts are known. */
export function writeSummarySheet(workbook: WorkbookWriter, spec: SummarySpec, parts: readonly SummaryPart[], margins?: Partial<Margins>): ExcelJS.Worksheet {
  const bs = blocks(parts);
  const cols = 2 + Math.max(...bs.map((b) => b.columns.length));
  const nameWidth = Math.min(30, Math.max(10, ...bs.flatMap((b) => b.rows.map((r) => textWidth(r.name) + 2))));
  const widths = Array.from({ length: cols }, (_, i) => {
    if (i === 0) return 7;
    if (i === 1) return nameWidth;
    const labels = bs.map((b) => b.columns[i - 2] ?? '');
    return Math.min(16, Math.max(8, ...labels.map((l) => textWidth(l) + 2)));
  });
  const ws = workbook.addWorksheet(spec.sheetName, sheetOptions(null, margins));
  ws.columns = widths.map((width) => ({ width }));
  let r = writeHeading(ws, spec, widths);
  for (const b of bs) {
    put(ws, r, 1, b.caption, CAPTION_STYLE);
    ws.mergeCells(r, 1, r, cols);
    ws.getRow(r).height = 24;
    r++;
    const header = ['序号', b.nameLabel, ...b.columns];
    header.forEach((h, i) => put(ws, r, i + 1, h, HEADER_STYLE));
    ws.getRow(r).height = 30;
    r++;
    b.rows.forEach((row, i) => {
      put(ws, r, 1, i + 1, SEQ_STYLE);
      put(ws, r, 2, row.name, NAME_STYLE);
      row.counts.forEach((n, j) => put(ws, r, j + 3, n, COUNT_STYLE));
      r++;
    });
    put(ws, r, 1, '合计', TOTAL_LABEL_STYLE);
    put(ws, r, 2, `共 ${b.rows.length} 项`, TOTAL_LABEL_STYLE);
    b.columns.forEach((_, j) => put(ws, r, j + 3, b.rows.reduce((a, row) => a + (row.counts[j] ?? 0), 0), COUNT_TOTAL_STYLE));
    r += 2;
  }
  ws.commit();
  return ws;
}
