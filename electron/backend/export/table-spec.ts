/**
 * What the official-form exporter writes: a generic table, so the roster, ledger categories,
 * task lists and bulletins all go through one formatter and look alike.
 */

/**
 * How a column's values are written:
 * - text / longText: strings (longText gets a wider width limit);
 * - id: 公民身份号码, 警号, phone — always TEXT with number format '@' (never 1.1E+17);
 * - date: 'YYYY-MM-DD' (or 'YYYY-MM' where only the month is known) → a real date cell;
 * - month: 'YYYY-MM' → a real date cell on the 1st with a month-only format;
 * - number / integer: real numbers (integer shows no decimals).
 */
export type ColumnKind = 'text' | 'longText' | 'id' | 'date' | 'month' | 'number' | 'integer';

/** How dates are shown; the 填报日期 line is always written yyyy年m月d日. */
export type DateFormat = 'yyyy-mm-dd' | 'yyyy年m月d日';

export interface ExportColumn {
  /** property of each row record */
  key: string;
  /** header text */
  label: string;
  kind: ColumnKind;
  /**
   * Header group: consecutive columns with the same group get a merged cell above their
   * labels (a two-row header), e.g. 整改情况 over 整改措施 / 完成时限 / 办理状态.
   */
  group?: string;
  /** fixed width in Excel character units; otherwise fitted to the content */
  width?: number;
  /** defaults: text left, id/date centred, numbers right */
  align?: 'left' | 'center' | 'right';
}

export type ExportRecord = Readonly<Record<string, unknown>>;
export type ExportRows = Iterable<ExportRecord> | AsyncIterable<ExportRecord>;

export interface ExportTable {
  /** the merged title row, e.g. "XX局队伍教育整顿征求意见建议整改台账" */
  title: string;
  /** 填报单位 */
  officeName: string;
  /** 填报日期, YYYY-MM-DD */
  reportDate: string;
  dateFormat: DateFormat;
  /** data columns; the 序号 column is added in front of them */
  columns: ExportColumn[];
  rows: ExportRows;
  /** adds a 合计 row: the row count, and sums of number/integer columns */
  totalsRow?: boolean;
  /** measure word of the 合计 count ("共 12 人"); default 条 */
  countUnit?: string;
  sheetName: string;
  /**
   * for the 汇总 sheet of a 报送包: which record property holds the status, the unit, the
   * supervision level (a task list), and the order statuses or levels are listed in
   */
  summary?: { statusKey?: string; unitKey?: string; levelKey?: string; order?: readonly string[] };
  /** adds a 统计 sheet after the table: counts by status and by unit (as a 报送包's 汇总 sheet) */
  statsSheet?: boolean;
  /**
   * paragraphs printed between the 填报单位 line and the table header, each merged across
   * the table and wrapped (a bulletin's text); with them, `columns` may be empty (text only)
   */
  preamble?: string[];
}

/** Page margins in inches (what Excel's page setup shows). */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

export interface ExportOptions {
  /** aborting stops the export and deletes the unfinished file; nothing appears at `out` */
  signal?: AbortSignal;
  /** called with the number of data rows written so far (every few hundred rows and at the end) */
  onProgress?: (rowsWritten: number) => void;
  margins?: Partial<Margins>;
}

export interface ExportResult {
  out: string;
  /** data rows written (all sheets of a 报送包 together, not counting the 汇总 sheet) */
  rows: number;
}

export interface BundleSpec {
  /** title of the 汇总 sheet, e.g. "XX局队伍教育整顿报送材料汇总" */
  title: string;
  officeName: string;
  reportDate: string;
  dateFormat: DateFormat;
  /** one sheet each, in this order, after the 汇总 sheet */
  tables: ExportTable[];
  /** defaults to 汇总 */
  summarySheetName?: string;
}

export interface BundleResult extends ExportResult {
  sheets: { name: string; rows: number }[];
}
