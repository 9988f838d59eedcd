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
  /** a task list: counted by supervision level (with 已办结 as its own row) */
  hasLevel?: boolean;
  /** the order statuses or levels are listed in (a status field's choices, the four colours); others follow as met */
  order?: readonly string[];
  /** measure word of the table's count: 条 records, 人 people, 项 tasks */
  countUnit?: string;
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

/** One block of the 汇总 sheet: a caption, a header, a row per item, a 合计 row. */
interface Block {
  caption: string;
  nameLabel: string;
  columns: string[];
  /** null: the table has no such column (shown blank, not as a misleading 0) */
  rows: { name: string; counts: (number | null)[] }[];
  /** a single count needs no 合计 under it */
  noTotal?: true;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 一 … 十, 十一 …, 二十一 … (the section numbers of an official document). */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens - 1]}十${ones ? NUMERALS[ones - 1] : ''}`;
}

const COUNT_LABEL: Record<string, string> = { 条: '记录数', 人: '人数', 项: '任务数' };

/** Every key of the given order (a status nobody has yet shows 0), then the others as they were met. */
function ordered(m: Map<string, number>, order: readonly string[] = []): string[] {
  return [...order, ...[...m.keys()].filter((k) => !order.includes(k))];
}

/**
 * The 汇总 sheet counts like with like: one table per part, each with its own 合计 —
 * a ledger's records by its own status words, the roster's people by unit, the tasks by
 * supervision level. Records, people and tasks are never added into one number.
 */
function blocks(parts: readonly SummaryPart[]): Block[] {
  return parts.map((p, i) => {
    const label = COUNT_LABEL[p.countUnit ?? '条'] ?? '数量';
    const head = `${chineseOrdinal(i + 1)}、${p.name}`;
    const list = (by: Map<string, number>, nameLabel: string, caption: string): Block => ({
      caption: `${head}：${caption}`,
      nameLabel,
      columns: [label],
      rows: ordered(by, p.order).map((k) => ({ name: k, counts: [by.get(k) ?? 0] })),
    });
    if (p.hasLevel) return list(p.tally.byLevel, '督办等级', '按督办等级统计');
    if (p.hasStatus) return list(p.tally.byStatus, '办理状态', '按办理状态统计');
    if (p.hasUnit) return list(p.tally.byUnit, '单位', `按单位统计${label}`);
    return { caption: `${head}：${label}`, nameLabel: '项目', columns: [label], rows: [{ name: label, counts: [p.tally.rows] }], noTotal: true };
  });
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

/**
 * A narrow table would leave the title wrapping over a mostly empty page: it is widened to
 * about the page's width at 100% — a portrait page for a list of counts (the 汇总 sheet),
 * a landscape one for a table by unit and status.
 */
const PAGE_UNITS = { portrait: 84, landscape: 120 } as const;

function blockWidths(bs: readonly Block[], orientation: keyof typeof PAGE_UNITS): number[] {
  const cols = 2 + Math.max(...bs.map((b) => b.columns.length));
  const nameWidth = Math.min(30, Math.max(12, ...bs.flatMap((b) => b.rows.map((r) => textWidth(r.name) + 2))));
  const widths = Array.from({ length: cols }, (_, i) => {
    if (i === 0) return 7;
    if (i === 1) return nameWidth;
    const labels = bs.map((b) => b.columns[i - 2] ?? '');
    return Math.min(16, Math.max(10, ...labels.map((l) => textWidth(l) + 2)));
  });
  const target = PAGE_UNITS[orientation];
  const short = target - widths.reduce((a, b) => a + b, 0);
  if (short > 0) {
    widths[1] = Math.min(48, widths[1]! + Math.ceil(short / 2));
    const rest = target - widths.reduce((a, b) => a + b, 0);
    const counts = cols - 2;
    if (rest > 0) for (let i = 2; i < cols; i++) widths[i] = Math.min(30, widths[i]! + Math.floor(rest / counts));
  }
  return widths;
}

function writeBlocksSheet(workbook: WorkbookWriter, spec: SummarySpec, bs: readonly Block[], margins?: Partial<Margins>): ExcelJS.Worksheet {
  const orientation = Math.max(...bs.map((b) => b.columns.length)) <= 1 ? 'portrait' : 'landscape';
  const widths = blockWidths(bs, orientation);
  const cols = widths.length;
  const ws = workbook.addWorksheet(spec.sheetName, sheetOptions(null, margins, orientation));
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
    if (b.noTotal) {
      r++;
      continue;
    }
    put(ws, r, 1, '合计', TOTAL_LABEL_STYLE);
    put(ws, r, 2, null, TOTAL_LABEL_STYLE);
    ws.mergeCells(r, 1, r, 2);
    b.columns.forEach((_, j) => put(ws, r, j + 3, b.rows.reduce((a, row) => a + (row.counts[j] ?? 0), 0), COUNT_TOTAL_STYLE));
    ws.getRow(r).height = ROW_HEIGHT;
    r += 2;
  }
  ws.commit();
  return ws;
}

/** Rows of counts: a little taller than one line, as counting tables are printed. */
const ROW_HEIGHT = 20;

/** The 汇总 sheet of a 报送包: a table of counts per part. Written last, when the counts are known. */
export function writeSummarySheet(workbook: WorkbookWriter, spec: SummarySpec, parts: readonly SummaryPart[], margins?: Partial<Margins>): ExcelJS.Worksheet {
  return writeBlocksSheet(workbook, spec, blocks(parts), margins);
}

/** The 统计 sheet after one table (a preset's "statistics sheet"). */
export function writeStatsSheet(workbook: WorkbookWriter, spec: SummarySpec, part: SummaryPart, margins?: Partial<Margins>): ExcelJS.Worksheet {
  return writeBlocksSheet(workbook, spec, statsBlocks(part), margins);
}
