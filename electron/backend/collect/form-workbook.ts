import ExcelJS from 'exceljs';
import type { CollectField } from '../../../shared/contract/collect';
import { FIELD_TYPE_LABELS } from '../../../shared/domain/ledger';
import { writeBytesFile } from '../export/atomic-file';
import { toCell } from '../export/cell-value';
import { SEQ_WIDTH, fitWidths } from '../export/column-widths';
import { writeHeading } from '../export/form-heading';
import { sheetOptions } from '../export/print-setup';
import { sheetNames } from '../export/sheet-name';
import { CAPTION_STYLE, HEADER_STYLE, INFO_LEFT_STYLE, INFO_RIGHT_STYLE, PARAGRAPH_STYLE, SEQ_STYLE, TITLE_STYLE, columnStyles, type CellStyle } from '../export/sheet-styles';
import { wrappedLines } from '../export/text-width';
import { exportColumns, shownValue } from './collect-schema';
import { IDENTITY_SHEET, formNumber, writeIdentity, type FormIdentity } from './form-identity';

/**
 * The 填报表 a unit fills in Excel or WPS without LedgerDesk, and the return file LedgerDesk
 * writes for the office above (the same form, filled). The export form's heading, styles and
 * page setup, plus what a form to fill needs: the header protected (no password) and the
 * rows free, a drop-down list for every choice, date and number checks with a hint showing
 * what to write, a 填写说明 sheet with an example per field, and the identity (form-identity.ts).
 */
export interface FormFile {
  identity: FormIdentity;
  fields: readonly CollectField[];
  /** filled rows, values keyed by field key; none for a blank form */
  rows: readonly Readonly<Record<string, unknown>>[];
  /** the 填报日期 of a filled return; a blank form leaves it to the unit */
  reportDate: string | null;
}

export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
/**
 * bordered empty rows of a blank form (a printed form has lines to write on). Their height is
 * left to Excel: a row given a height stops growing when the unit's text wraps.
 */
const BLANK_ROWS = 20;
/** a form is written on: columns at least this wide, whatever the header's length */
const MIN_WIDTH: Record<CollectField['type'], number> = {
  text: 14, longText: 28, number: 10, date: 12, singleChoice: 12, multiChoice: 16, person: 10, people: 24, unit: 14, boolean: 8, status: 11,
};
/** rows the drop-downs and checks cover: far more than any unit returns */
const CHECKED_ROWS = 2000;
const DATE_FORMAT = 'yyyy-mm-dd' as const;
const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };

const TEXT_TYPES = new Set<CollectField['type']>(['text', 'longText', 'singleChoice', 'multiChoice', 'status', 'person', 'people', 'unit', 'boolean']);

function choiceText(f: CollectField, max = 8): string {
  const values = f.choices.map((c) => c.value);
  return values.length > max ? `${values.slice(0, max).join('、')} 等${values.length}项` : values.join('、');
}

/** What to write in a field, as the 填写说明 and the cell's hint say it. */
export function fieldExample(f: CollectField): string {
  switch (f.type) {
    case 'date':
      return '日期，如 2026-03-02';
    case 'number':
      return '数字，如 12 或 3.5';
    case 'boolean':
      return '从下拉列表选择：是 或 否';
    case 'singleChoice':
    case 'status':
      return `从下拉列表选择：${choiceText(f)}`;
    case 'multiChoice':
      return `可填多项，用“、”分开：${choiceText(f)}`;
    case 'person':
      return '姓名，如 张三；重名时写“张三（所在部门）”';
    case 'people':
      return '姓名，多人用“、”分开，如 张三、李四';
    case 'unit':
      return '单位或部门名称，如 第一支部';
    case 'longText':
      return '文字，可多行（单元格内换行：Alt+Enter）';
    case 'text':
      return '文字';
  }
}

function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** An inline list when it fits Excel's 255 characters and has no commas; else a range on the 选项 sheet. */
function listFormula(values: readonly string[], lists: { ws: ExcelJS.Worksheet | null; next: number; add: () => ExcelJS.Worksheet }): string {
  const inline = values.join(',');
  if (inline.length <= 250 && !values.some((v) => v.includes(',') || v.includes('"'))) return `"${inline}"`;
  const ws = lists.ws ?? lists.add();
  const col = lists.next++;
  ws.getCell(1, col).value = '选项';
  values.forEach((v, i) => (ws.getCell(i + 2, col).value = v));
  const letter = columnLetter(col);
  return `${quoteSheet(ws.name)}!$${letter}$2:$${letter}$${values.length + 1}`;
}

function validationFor(f: CollectField, formula: () => string): ExcelJS.DataValidation | null {
  const prompt = { showInputMessage: true, promptTitle: f.label.slice(0, 32), prompt: `${f.required ? '必填。' : ''}${fieldExample(f)}`.slice(0, 250) };
  const error = (text: string) => ({ showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: f.label.slice(0, 32), error: text.slice(0, 250) });
  switch (f.type) {
    case 'singleChoice':
    case 'status':
      return f.choices.length ? { type: 'list', allowBlank: true, formulae: [formula()], ...prompt, ...error(`请从下拉列表中选择：${choiceText(f)}`) } : null;
    case 'boolean':
      return { type: 'list', allowBlank: true, formulae: ['"是,否"'], ...prompt, ...error('只能填“是”或“否”') };
    case 'date':
      return { type: 'date', operator: 'between', allowBlank: true, formulae: [new Date(Date.UTC(1901, 0, 1)), new Date(Date.UTC(2099, 11, 31))], ...prompt, ...error('请填写日期，如 2026-03-02') };
    case 'number':
      return { type: 'decimal', operator: 'between', allowBlank: true, formulae: [-1e12, 1e12], ...prompt, ...error('请填写数字，如 12 或 3.5') };
    default:
      return { type: 'any', allowBlank: true, formulae: [], ...prompt } as unknown as ExcelJS.DataValidation;
  }
}

function put(ws: ExcelJS.Worksheet, r: number, c: number, value: string | number | Date | null, style: CellStyle): void {
  const cell = ws.getCell(r, c);
  cell.value = value;
  cell.style = style;
}

function writeDataSheet(wb: ExcelJS.Workbook, name: string, file: FormFile, lists: Parameters<typeof listFormula>[1]): void {
  const { identity, fields, rows } = file;
  const columns = exportColumns(fields);
  const styles = columns.map((c) => columnStyles(c, DATE_FORMAT));
  const cells = rows.map((r) => columns.map((c) => toCell(c.kind, shownValue(r[c.key]))));
  const widths = [SEQ_WIDTH, ...fitWidths(columns, cells.slice(0, 500), DATE_FORMAT).map((w, i) => Math.max(w, MIN_WIDTH[fields[i]!.type]))];
  const ws = wb.addWorksheet(name, sheetOptions({ first: HEADER_ROW, last: HEADER_ROW }));
  // the column's own style reaches the rows below the bordered ones: free, and typed as the field wants
  ws.columns = widths.map((width, i) => {
    const f = i === 0 ? null : fields[i - 1]!;
    const numFmt = f === null ? '0' : f.type === 'date' ? DATE_FORMAT : TEXT_TYPES.has(f.type) ? '@' : undefined;
    return { width, style: { protection: UNLOCKED, ...(numFmt ? { numFmt } : {}) } };
  });

  writeHeading(ws, { title: `${identity.title}${identity.kind === 'form' ? '填报表' : ''}（${identity.period}）`, officeName: identity.unitName, reportDate: file.reportDate ?? '2000-01-01' }, widths);
  // the right half of row 2: the date (blank on a form to fill) and the 表号 that identifies the file
  const split = Math.max(1, Math.ceil(widths.length / 2));
  const dateText = file.reportDate ? `填报日期：${file.reportDate}` : '填报日期：　　年　月　日';
  const right = `${dateText}　表号：${formNumber(identity)}`;
  put(ws, 2, widths.length > split ? split + 1 : 1, right, widths.length > split ? INFO_RIGHT_STYLE : INFO_LEFT_STYLE);
  const rightWidth = widths.slice(split).reduce((a, b) => a + b, 0);
  ws.getRow(2).height = Math.max(ws.getRow(2).height ?? 24, wrappedLines(right, rightWidth) * 14.5 + 8);

  // header, locked by the sheet protection
  const labels = ['序号', ...columns.map((c) => c.label)];
  const lines = Math.max(1, ...labels.map((l, i) => wrappedLines(l, widths[i]!)));
  labels.forEach((l, i) => put(ws, HEADER_ROW, i + 1, l, HEADER_STYLE));
  ws.getRow(HEADER_ROW).height = Math.max(20, lines * 14.5 + 6);

  // rows: the filled ones, or bordered blank lines; every data cell free
  const unlocked = new Map<CellStyle, CellStyle>();
  const free = (s: CellStyle): CellStyle => {
    let u = unlocked.get(s);
    if (!u) unlocked.set(s, (u = { ...s, protection: UNLOCKED }));
    return u;
  };
  const count = rows.length || BLANK_ROWS;
  for (let i = 0; i < count; i++) {
    const r = FIRST_DATA_ROW + i;
    put(ws, r, 1, rows.length ? i + 1 : null, free(SEQ_STYLE));
    // a filled row that wraps gets its height, as the export form does (LibreOffice does not grow rows)
    const lines = Math.max(1, ...(cells[i] ?? []).map((cell, j) => (typeof cell.value === 'string' ? wrappedLines(cell.value, widths[j + 1]!) : 1)));
    if (lines > 1) ws.getRow(r).height = Math.min(409, lines * 14.5 + 4);
    columns.forEach((c, j) => {
      const out = cells[i]?.[j] ?? { value: null, variant: 'base' as const };
      const style = styles[j]![out.variant];
      const typed = out.value === null && TEXT_TYPES.has(fields[j]!.type) ? { ...style, numFmt: '@' } : style;
      put(ws, r, j + 2, out.value, free(out.value === null ? typed : style));
    });
  }

  const last = FIRST_DATA_ROW + Math.max(count, CHECKED_ROWS) - 1;
  fields.forEach((f, j) => {
    const v = validationFor(f, () => listFormula(f.choices.map((c) => c.value), lists));
    if (!v) return;
    const letter = columnLetter(j + 2);
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}${FIRST_DATA_ROW}:${letter}${last}`, v);
  });

  // header protected, rows free: rows may be inserted, deleted, sorted and sized
  void ws.protect('', {
    selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true,
    insertRows: true, deleteRows: true, sort: true, autoFilter: true, formatCells: true,
  });
}

function writeGuideSheet(wb: ExcelJS.Workbook, name: string, dataSheet: string, file: FormFile): void {
  const { identity, fields } = file;
  const widths = [7, 18, 10, 10, 60];
  const ws = wb.addWorksheet(name, sheetOptions({ first: 6, last: 6, freeze: false }));
  ws.columns = widths.map((width) => ({ width }));
  put(ws, 1, 1, `${identity.title}填写说明`, TITLE_STYLE);
  ws.mergeCells(1, 1, 1, widths.length);
  ws.getRow(1).height = 38;
  const lines = [
    `下发单位：${identity.officeName}　期间：${identity.period}${identity.dueDate ? `　截止日期：${identity.dueDate}` : ''}　表号：${formNumber(identity)}`,
    identity.instructions.trim() ? `填报要求：${identity.instructions.trim()}` : '',
    `请在“${dataSheet}”工作表第 ${FIRST_DATA_ROW} 行起逐行填写，一行一条；行数不够可插入行或接着往下写。表头已保护（无密码），请不要修改表头、删除列、改动工作表名称，也不要删除隐藏的“${IDENTITY_SHEET}”工作表：汇总时靠它们识别本表。用 Excel、WPS 填写后直接保存，原文件报回即可。`,
  ].filter(Boolean);
  lines.forEach((text, i) => {
    const r = 2 + i;
    put(ws, r, 1, text, i === 0 ? INFO_LEFT_STYLE : PARAGRAPH_STYLE);
    ws.mergeCells(r, 1, r, widths.length);
    ws.getRow(r).height = Math.max(20, wrappedLines(text, (widths.reduce((a, b) => a + b, 0) * 11) / 12) * 17 + 6);
  });
  const header = 6;
  put(ws, header - 1, 1, '各栏填写方法', CAPTION_STYLE);
  ws.mergeCells(header - 1, 1, header - 1, widths.length);
  ['序号', '栏目', '类型', '是否必填', '填写方法和示例'].forEach((h, i) => put(ws, header, i + 1, h, HEADER_STYLE));
  const body = columnStyles({ key: '', label: '', kind: 'text' }, DATE_FORMAT).base;
  const centred = columnStyles({ key: '', label: '', kind: 'text', align: 'center' }, DATE_FORMAT).base;
  fields.forEach((f, i) => {
    const r = header + 1 + i;
    put(ws, r, 1, i + 1, SEQ_STYLE);
    put(ws, r, 2, f.label, body);
    put(ws, r, 3, FIELD_TYPE_LABELS[f.type], centred);
    put(ws, r, 4, f.required ? '必填' : '', centred);
    const how = f.type === 'singleChoice' || f.type === 'status' || f.type === 'multiChoice' ? `${fieldExample(f).split('：')[0]}：${f.choices.map((c) => c.value).join('、')}` : fieldExample(f);
    put(ws, r, 5, how, body);
    ws.getRow(r).height = Math.max(18, wrappedLines(how, widths[4]!) * 14.5 + 4);
  });
}

/** Builds the workbook in memory (forms are small) and writes it as exports are written. */
export async function writeFormFile(out: string, file: FormFile): Promise<{ out: string; rows: number }> {
  const wb = new ExcelJS.Workbook();
  const [dataSheet, guideSheet, listSheet] = sheetNames([file.identity.dataSheet ?? file.identity.title, '填写说明', '选项']);
  const identity: FormIdentity = { ...file.identity, dataSheet: dataSheet! };
  const lists = {
    ws: null as ExcelJS.Worksheet | null,
    next: 1,
    add(): ExcelJS.Worksheet {
      return (this.ws = wb.addWorksheet(listSheet!, { state: 'hidden' }));
    },
  };
  writeDataSheet(wb, dataSheet!, { ...file, identity }, lists);
  writeGuideSheet(wb, guideSheet!, dataSheet!, { ...file, identity });
  writeIdentity(wb, identity);
  wb.created = new Date();
  const bytes = await wb.xlsx.writeBuffer();
  const written = await writeBytesFile(out, new Uint8Array(bytes as ArrayBuffer));
  return { out: written, rows: file.rows.length };
}
