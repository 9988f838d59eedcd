import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs tests/helpers/inspect-xlsx.py: the exported files are read back with openpyxl
 * (Debian's python3-openpyxl), a reader that shares no code with ExcelJS, which wrote them.
 */

export interface InspectedCell {
  ref: string;
  v: string | number | boolean | null;
  /** openpyxl's data type: 's' text, 'n' number, 'd' date, 'f' formula, 'b', 'e' */
  t: string;
  fmt: string;
  quotePrefix: boolean;
  bold: boolean;
  size: number | null;
  font: string | null;
  wrap: boolean;
  h: string | null;
  border: boolean;
}

export interface InspectedSheet {
  name: string;
  merged: string[];
  freeze: string | null;
  printTitleRows: string | null;
  pageSetup: { orientation: string | null; paperSize: number | null; fitToWidth: number | null; fitToHeight: number | null; fitToPage: boolean };
  margins: Record<'left' | 'right' | 'top' | 'bottom' | 'header' | 'footer', number>;
  footer: { left: string | null; center: string | null; right: string | null };
  widths: Record<string, number>;
  heights: Record<string, number>;
  maxRow: number;
  maxCol: number;
  rows: InspectedCell[][];
  /** cells whose four borders are thin, from the raw XML (openpyxl drops merged cells' styles) */
  rawBorders: string[];
}

export interface InspectedWorkbook {
  sheetOrder: string[];
  formulaTags: number;
  sheets: InspectedSheet[];
}

const SCRIPT = path.join(__dirname, 'inspect-xlsx.py');

/** python3 on PATH may be a pyenv or venv without openpyxl; Debian's lives in /usr/bin. */
const CANDIDATES = [process.env.LEDGERDESK_PYTHON, 'python3', '/usr/bin/python3', 'python'].filter((p): p is string => Boolean(p));

let found: string | undefined;

/**
 * The Python that has openpyxl — an outside reader of our workbooks, installed by .ci/run
 * (Debian's python3-openpyxl). Throws, saying how to install it, when none has it: a test
 * that needs a second reader fails rather than skips.
 */
export function openpyxlPython(): string {
  if (found) return found;
  const tried: string[] = [];
  for (const python of CANDIDATES) {
    const r = spawnSync(python, ['-c', 'import openpyxl'], { encoding: 'utf8' });
    if (r.status === 0) return (found = python);
    tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  throw new Error(`no Python with openpyxl (apt-get install -y python3-openpyxl); tried ${tried.join('; ')}`);
}

export function inspectXlsx(python: string, file: string): InspectedWorkbook {
  const r = spawnSync(python, [SCRIPT, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`inspect-xlsx.py failed on ${file}: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as InspectedWorkbook;
}

/** A cell by reference ("C5"), or undefined when the sheet has no such cell. */
export function cellAt(sheet: InspectedSheet, ref: string): InspectedCell | undefined {
  for (const row of sheet.rows) for (const c of row) if (c.ref === ref) return c;
  return undefined;
}

/** Values of sheet row `n` (1-based), from column A. */
export function rowValues(sheet: InspectedSheet, n: number): InspectedCell['v'][] {
  return (sheet.rows[n - 1] ?? []).map((c) => c.v);
}
