import type { CollectField, CollectionUnitStatus } from '../../../shared/contract/collect';
import { writeTableSheet } from '../export/table-sheet';
import { writeWorkbookFile, type WorkbookWriter } from '../export/workbook-file';
import { writeHeading } from '../export/form-heading';
import { sheetOptions } from '../export/print-setup';
import { sheetNames } from '../export/sheet-name';
import { BORDER, HEADER_STYLE, SEQ_STYLE, TOTAL_LABEL_STYLE, type CellStyle } from '../export/sheet-styles';
import type { ExportOptions, ExportRecord, ExportResult } from '../export';
import { exportColumns, shownValue } from './collect-schema';
import { formNumber, writeIdentity, type FormIdentity } from './form-identity';

export interface ConsolidatedSpec {
  title: string;
  period: string;
  officeName: string;
  reportDate: string;
  fields: readonly CollectField[];
  units: readonly CollectionUnitStatus[];
  rows: Iterable<{ unit: string; values: Record<string, unknown> }>;
  /** our return to a collection from the office above: its identity is written in too */
  asReturn: FormIdentity | null;
}

/** The column naming which unit sent each row. */
export const UNIT_COLUMN = '报送单位';
const UNIT_KEY = '__unit';

const font = { name: '宋体', charset: 134, size: 11 } as const;
const cell = (horizontal: 'left' | 'center'): CellStyle => ({ font, alignment: { horizontal, vertical: 'middle', wrapText: true }, border: BORDER });
const LEFT = cell('left');
const CENTER = cell('center');
const COUNT: CellStyle = { ...CENTER, numFmt: '0' };
const STATE = { submitted: '已报送', missing: '未报送', late: '逾期未报' } as const;

/** The 汇总 sheet: one line per unit asked — returned or not, when, which time, how many rows. */
function writeUnitSheet(workbook: WorkbookWriter, name: string, spec: ConsolidatedSpec, counts: Map<string, Map<string, number>>, statusField: CollectField | null, margins: ExportOptions['margins']): void {
  const statuses = statusField ? statusField.choices.map((c) => c.value) : [];
  const header = ['序号', '单位', '报送情况', '报送时间', '第几次报送', '条数', ...statuses];
  const widths = [7, 24, 12, 20, 11, 9, ...statuses.map((s) => Math.max(9, Math.min(14, s.length * 2.2 + 2)))];
  const ws = workbook.addWorksheet(name, sheetOptions({ first: 3, last: 3 }, margins));
  ws.columns = widths.map((width) => ({ width }));
  writeHeading(ws, { title: `${spec.title}报送情况汇总（${spec.period}）`, officeName: spec.officeName, reportDate: spec.reportDate }, widths);
  const put = (r: number, c: number, v: string | number | null, s: CellStyle) => {
    const x = ws.getCell(r, c);
    x.value = v;
    x.style = s;
  };
  header.forEach((h, i) => put(3, i + 1, h, HEADER_STYLE));
  ws.getRow(3).height = 24;
  ws.getRow(3).commit();
  let r = 4;
  spec.units.forEach((u, i) => {
    const byStatus = counts.get(u.name);
    put(r, 1, i + 1, SEQ_STYLE);
    put(r, 2, u.name, LEFT);
    put(r, 3, u.state === 'submitted' && u.receivedLate ? '逾期报送' : STATE[u.state], CENTER);
    put(r, 4, u.receivedAt ? u.receivedAt.slice(0, 16).replace('T', ' ') : '', CENTER);
    put(r, 5, u.version || null, COUNT);
    put(r, 6, u.state === 'submitted' ? u.rows : null, COUNT);
    statuses.forEach((s, j) => put(r, 7 + j, u.state === 'submitted' ? (byStatus?.get(s) ?? 0) : null, COUNT));
    ws.getRow(r).height = 20;
    ws.getRow(r).commit();
    r++;
  });
  const submitted = spec.units.filter((u) => u.state === 'submitted');
  put(r, 1, '合计', TOTAL_LABEL_STYLE);
  put(r, 2, `共 ${spec.units.length} 个单位`, TOTAL_LABEL_STYLE);
  put(r, 3, `已报 ${submitted.length}`, TOTAL_LABEL_STYLE);
  put(r, 4, '', TOTAL_LABEL_STYLE);
  put(r, 5, '', TOTAL_LABEL_STYLE);
  put(r, 6, submitted.reduce((a, u) => a + u.rows, 0), { ...TOTAL_LABEL_STYLE, numFmt: '0' });
  statuses.forEach((s, j) => put(r, 7 + j, [...counts.values()].reduce((a, m) => a + (m.get(s) ?? 0), 0), { ...TOTAL_LABEL_STYLE, numFmt: '0' }));
  ws.getRow(r).commit();
  ws.commit();
}

/**
 * 汇总报送: a 汇总 sheet by unit, then every row in force under a 报送单位 column, in the
 * official form (streamed: a province's consolidation may be large). As our return to the
 * office above it also carries that collection's identity and 表号.
 */
export async function writeConsolidated(out: string, spec: ConsolidatedSpec, options: ExportOptions = {}): Promise<ExportResult> {
  const statusField = spec.fields.find((f) => f.type === 'status') ?? null;
  // counted before writing: the 汇总 sheet comes first and a streamed sheet cannot be revisited
  const rows: ExportRecord[] = [];
  const counts = new Map<string, Map<string, number>>();
  for (const r of spec.rows) {
    const record: Record<string, unknown> = { [UNIT_KEY]: r.unit };
    for (const f of spec.fields) record[f.key] = shownValue(r.values[f.key]);
    rows.push(record);
    if (statusField) {
      const s = String(r.values[statusField.key] ?? '');
      const m = counts.get(r.unit) ?? new Map<string, number>();
      m.set(s, (m.get(s) ?? 0) + 1);
      counts.set(r.unit, m);
    }
  }
  const [summaryName, dataName] = sheetNames(['汇总', spec.asReturn?.dataSheet ?? spec.title]);
  const officeLine = spec.asReturn ? `${spec.asReturn.unitName}　表号：${formNumber(spec.asReturn)}` : spec.officeName;
  return writeWorkbookFile(out, options.signal, async (workbook, signal) => {
    writeUnitSheet(workbook, summaryName!, spec, counts, statusField, options.margins);
    const tally = await writeTableSheet(
      workbook,
      {
        title: `${spec.title}汇总表（${spec.period}）`,
        officeName: officeLine,
        reportDate: spec.reportDate,
        dateFormat: 'yyyy-mm-dd',
        columns: [{ key: UNIT_KEY, label: UNIT_COLUMN, kind: 'text' }, ...exportColumns(spec.fields)],
        rows,
        totalsRow: true,
        countUnit: '条',
        sheetName: dataName!,
        summary: { ...(statusField ? { statusKey: statusField.key } : {}), unitKey: UNIT_KEY },
      },
      { signal, onRows: options.onProgress, margins: options.margins },
    );
    if (spec.asReturn) writeIdentity(workbook as unknown as Parameters<typeof writeIdentity>[0], { ...spec.asReturn, dataSheet: dataName! });
    return { out, rows: tally.rows };
  });
}
