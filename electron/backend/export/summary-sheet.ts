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
const COUNT_STYLE: CellStyle = { font, numFmt: '0', alignment: { horizontal: 'center', vertical: 'middle' }, border: BORDER };
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

/**
 * The 统计 sheet a preset adds after one table: counts by status, and by unit (split by
 * status when the table has both); the row count alone when it has neither.
 */
function statsBlocks(part: SummaryPart): Block[] {
  const statuses = part.hasStatus ? [...part.tally.byStatus.keys()] : [];
  const out: Block[] = [];
  if (part.hasStatus) {
    out.push({ caption: '一、按办理状态统计', nameLabel: '办理状态', columns: ['数量'], rows: statuses.map((s) => ({ name: s, counts: [part.tally.byStatus.get(s) ?? 0] })) });
  }
  if (part.hasUnit) {
    out.push({
      caption: `${out.length ? '二' : '一'}、按单位统计`,
      nameLabel: '单位',
      columns: [...statuses, '合计'],
      rows: [...part.tally.byUnit.entries()].map(([unit, n]) => ({ name: unit, counts: [...statuses.map((s) => part.tally.byUnitStatus.get(unit)?.get(s) ?? 0), n] })),
    });
  }
  if (out.length === 0) out.push({ caption: '一、记录数', nameLabel: '台账', columns: ['合计'], rows: [{ name: part.name, counts: [part.tally.rows] }] });
  return out;
}

/** A narrow table would leave the title wrapping over a mostly empty page: widen it to about this. */
const MIN_TOTAL_WIDTH = 100;

function blockWidths(bs: readonly Block[]): number[] {
  const cols = 2 + Math.max(...bs.map((b) => b.columns.length));
  const nameWidth = Math.min(30, Math.max(12, ...bs.flatMap((b) => b.rows.map((r) => textWidth(r.name) + 2))));
  const widths = Array.from({ length: cols }, (_, i) => {
    if (i === 0) return 7;
    if (i === 1) return nameWidth;
    const labels = bs.map((b) => b.columns[i - 2] ?? '');
    return Math.min(16, Math.max(10, ...labels.map((l) => textWidth(l) + 2)));
  });
  const short = MIN_TOTAL_WIDTH - widths.reduce((a, b) => a + b, 0);
  if (short > 0) {
    widths[1] = Math.min(36, widths[1]! + Math.ceil(short / 2));
    const rest = MIN_TOTAL_WIDTH - widths.reduce((a, b) => a + b, 0);
    const counts = cols - 2;
    if (rest > 0) for (let i = 2; i < cols; i++) widths[i] = Math.min(24, widths[i]! + Math.ceil(rest / counts));
  }
  return widths;
}

function writeBlocksSheet(workbook: WorkbookWriter, spec: SummarySpec, bs: readonly Block[], margins?: Partial<Margins>): ExcelJS.Worksheet {
  const widths = blockWidths(bs);
  const cols = widths.length;
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
      ws.getRow(r).height = ROW_HEIGHT;
      r++;
    });
    put(ws, r, 1, '合计', TOTAL_LABEL_STYLE);
    put(ws, r, 2, `共 ${b.rows.length} 项`, TOTAL_LABEL_STYLE);
    b.columns.forEach((_, j) => put(ws, r, j + 3, b.rows.reduce((a, row) => a + (row.counts[j] ?? 0), 0), COUNT_TOTAL_STYLE));
    ws.getRow(r).height = ROW_HEIGHT;
    r += 2;
  }
  ws.commit();
  return ws;
}

/** Rows of counts: a little taller than one line, as counting tables are printed. */
const ROW_HEIGHT = 20;

/** The 汇总 sheet of a 报送包: counts by status per table, and by unit. Written last, when the counts are known. */
export function writeSummarySheet(workbook: WorkbookWriter, spec: SummarySpec, parts: readonly SummaryPart[], margins?: Partial<Margins>): ExcelJS.Worksheet {
  return writeBlocksSheet(workbook, spec, blocks(parts), margins);
}

/** The 统计 sheet after one table (a preset's "statistics sheet"). */
export function writeStatsSheet(workbook: WorkbookWriter, spec: SummarySpec, part: SummaryPart, margins?: Partial<Margins>): ExcelJS.Worksheet {
  return writeBlocksSheet(workbook, spec, statsBlocks(part), margins);
}
