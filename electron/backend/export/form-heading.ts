import type ExcelJS from 'exceljs';
import { chineseDate } from './cell-value';
import { looksLikeFormula } from './formula-guard';
import { INFO_LEFT_STYLE, INFO_RIGHT_STYLE, TITLE_STYLE, guardedStyle, type CellStyle } from './sheet-styles';
import { wrappedLines } from './text-width';

/** 18 pt title characters are about 18/11 as wide as the body's, in column units. */
const TITLE_SCALE = 18 / 11;

export interface Heading {
  title: string;
  officeName: string;
  reportDate: string;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, value: string, style: CellStyle): void {
  const cell = ws.getCell(row, col);
  cell.value = value;
  cell.style = guardedStyle(style, value, looksLikeFormula);
}

/**
 * Rows 1–2 of every form: the title merged across the table, then 填报单位 on the left
 * half and 填报日期 on the right half. Returns the next free row (3).
 */
export function writeHeading(ws: ExcelJS.Worksheet, heading: Heading, widths: readonly number[]): number {
  const cols = widths.length;
  const total = widths.reduce((a, b) => a + b, 0);
  put(ws, 1, 1, heading.title, TITLE_STYLE);
  if (cols > 1) ws.mergeCells(1, 1, 1, cols);
  const lines = Math.min(3, wrappedLines(heading.title, total / TITLE_SCALE));
  ws.getRow(1).height = 12 + lines * 26;

  const split = Math.max(1, Math.ceil(cols / 2));
  const office = `填报单位：${heading.officeName}`;
  const date = `填报日期：${chineseDate(heading.reportDate)}`;
  put(ws, 2, 1, office, INFO_LEFT_STYLE);
  if (split > 1) ws.mergeCells(2, 1, 2, split);
  if (cols > split) {
    put(ws, 2, split + 1, date, INFO_RIGHT_STYLE);
    if (cols > split + 1) ws.mergeCells(2, split + 1, 2, cols);
  }
  // Merged cells do not grow to fit: a long office name gets the lines it needs.
  const width = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
  const infoLines = Math.max(wrappedLines(office, width(0, split)), cols > split ? wrappedLines(date, width(split, cols)) : 1);
  ws.getRow(2).height = Math.max(24, infoLines * 14.5 + 8);
  return 3;
}
