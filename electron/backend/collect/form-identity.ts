import type ExcelJS from 'exceljs';
import type { CollectField } from '../../../shared/contract/collect';
import { CODE_CHARS, COLLECTION_CODE_LENGTH, UNIT_CODE_LENGTH } from './collect-schema';

/**
 * How a 填报表 says what it is. Written three times, because each program that may re-save
 * it (Excel, WPS, LibreOffice, openpyxl) keeps at least one of them:
 *  1. a hidden sheet 填报信息 with every item, the fields included (all of them keep hidden sheets);
 *  2. the document properties (subject, keywords, and the codes as JSON in the comments);
 *  3. the 表号 on the 填报单位 line, visible and printed: what survives a copy of the
 *     table into a new workbook.
 */
export interface FormIdentity {
  kind: 'form' | 'return';
  /** the collection's code */
  collection: string;
  /** the unit's code within it */
  unit: string;
  unitName: string;
  office: string;
  officeName: string;
  title: string;
  period: string;
  dueDate: string | null;
  schemaHash: string;
  /** the sheet holding the table */
  dataSheet: string | null;
  /** only in the hidden sheet */
  fields: CollectField[] | null;
  instructions: string;
  filledAt: string | null;
}

export const IDENTITY_SHEET = '填报信息';
export const IDENTITY_MARK = 'LedgerDesk 填报信息（请勿修改或删除本工作表）';
export const PROPERTIES_MARK = 'LedgerDesk填报表';
const FORMAT = '1';
const KIND_NAMES = { form: '填报表', return: '报送文件' } as const;

/** 表号 K7Q2M9X4TR-3F8A: the collection's code and the unit's. */
export const formNumber = (id: Pick<FormIdentity, 'collection' | 'unit'>) => `${id.collection}-${id.unit}`;
const FORM_NUMBER = new RegExp(`表号[:：]\\s*(${CODE_CHARS}{${COLLECTION_CODE_LENGTH}})-(${CODE_CHARS}{${UNIT_CODE_LENGTH}})`);

/** Reads the 表号 out of the text of a sheet's first lines. */
export function parseFormNumber(text: string): { collection: string; unit: string } | null {
  const m = FORM_NUMBER.exec(text.toUpperCase());
  return m ? { collection: m[1]!, unit: m[2]! } : null;
}

/** A cell holds at most 32,767 characters; the fields' JSON is cut into rows under one label. */
const CHUNK = 30_000;

function identityRows(id: FormIdentity): [string, string][] {
  const rows: [string, string][] = [
    [IDENTITY_MARK, ''],
    ['格式版本', FORMAT],
    ['文件类型', KIND_NAMES[id.kind]],
    ['收集编号', id.collection],
    ['单位编号', id.unit],
    ['填报单位', id.unitName],
    ['下发单位', id.officeName],
    ['下发单位编号', id.office],
    ['台账', id.title],
    ['期间', id.period],
    ['截止日期', id.dueDate ?? ''],
    ['数据工作表', id.dataSheet ?? ''],
    ['字段校验码', id.schemaHash],
    ['填报说明', id.instructions],
    ['填写时间', id.filledAt ?? ''],
  ];
  const json = JSON.stringify(id.fields ?? []);
  for (let i = 0; i < json.length; i += CHUNK) rows.push(['字段定义', json.slice(i, i + CHUNK)]);
  return rows;
}

/** Anything with ExcelJS's addWorksheet: the in-memory workbook and the streaming writer. */
interface SheetHost {
  addWorksheet(name: string, options?: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet;
}

const TEXT: Partial<ExcelJS.Style> = { numFmt: '@', alignment: { vertical: 'top' } };

/** The hidden sheet (1) and the document properties (2). Streaming sheets are committed here. */
export function writeIdentity(workbook: SheetHost & Partial<ExcelJS.Workbook>, id: FormIdentity): void {
  const ws = workbook.addWorksheet(IDENTITY_SHEET, { state: 'hidden' });
  ws.columns = [{ width: 16 }, { width: 60 }];
  identityRows(id).forEach(([label, value], i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    row.getCell(2).style = TEXT;
    (row as unknown as { commit?: () => void }).commit?.();
  });
  // no password: it keeps hands off, not people out (the office above can always read it)
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  (ws as unknown as { commit?: () => void }).commit?.();

  const wb = workbook as unknown as Record<string, unknown>;
  wb.creator = '台账督办助手';
  wb.title = `${id.title}${KIND_NAMES[id.kind]}（${id.period}）`;
  wb.subject = `${id.officeName}：${id.title}（${id.period}）`;
  wb.keywords = `${PROPERTIES_MARK} 表号${formNumber(id)}`;
  wb.category = KIND_NAMES[id.kind];
  wb.description = JSON.stringify({ mark: PROPERTIES_MARK, v: FORMAT, kind: id.kind, c: id.collection, u: id.unit, o: id.office, h: id.schemaHash, s: id.dataSheet, n: id.unitName, on: id.officeName });
}

/** The identity from the hidden sheet's label/value rows; null when they are not ours. */
export function identityFromRows(rows: readonly (readonly [string, string])[]): FormIdentity | null {
  if (rows[0]?.[0]?.trim() !== IDENTITY_MARK) return null;
  const get = (label: string) => rows.find((r) => r[0].trim() === label)?.[1]?.trim() ?? '';
  const collection = get('收集编号').toUpperCase();
  const unit = get('单位编号').toUpperCase();
  if (!collection || !unit) return null;
  let fields: CollectField[] | null = null;
  try {
    const json = rows.filter((r) => r[0].trim() === '字段定义').map((r) => r[1]).join('');
    const parsed = json ? (JSON.parse(json) as unknown) : null;
    if (Array.isArray(parsed)) fields = parsed as CollectField[];
  } catch {
    fields = null; // damaged: the collection's own fields are used
  }
  return {
    kind: get('文件类型') === KIND_NAMES.return ? 'return' : 'form',
    collection, unit,
    unitName: get('填报单位'),
    office: get('下发单位编号'),
    officeName: get('下发单位'),
    title: get('台账'),
    period: get('期间'),
    dueDate: get('截止日期') || null,
    schemaHash: get('字段校验码'),
    dataSheet: get('数据工作表') || null,
    fields,
    instructions: get('填报说明'),
    filledAt: get('填写时间') || null,
  };
}

/** The identity from the document properties' comments (2); the fields are not there. */
export function identityFromProperties(description: string | null): FormIdentity | null {
  if (!description) return null;
  try {
    const p = JSON.parse(description) as Record<string, unknown>;
    if (p.mark !== PROPERTIES_MARK || typeof p.c !== 'string' || typeof p.u !== 'string') return null;
    const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
    return {
      kind: p.kind === 'return' ? 'return' : 'form',
      collection: s('c').toUpperCase(), unit: s('u').toUpperCase(), unitName: s('n'), office: s('o'), officeName: s('on'),
      title: '', period: '', dueDate: null, schemaHash: s('h'), dataSheet: s('s') || null, fields: null, instructions: '', filledAt: null,
    };
  } catch {
    return null;
  }
}
