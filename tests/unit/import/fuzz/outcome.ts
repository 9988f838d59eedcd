import { ImportFileError, type ParsedImport } from '../../../../electron/backend/import/index';
import type { InspectResult } from '../../../../electron/backend/import/index';

const CJK = /[\u4e00-\u9fff]/g;
const STACK = /\n\s*at\s|\bat\s+[\w.<>]+\s+\(|\.(?:ts|js|mjs|cjs):\d+/;
/** JavaScript's own errors: a bug in our code that a damaged file provoked, told as damage */
const JS_ERROR = /TypeError|ReferenceError|SyntaxError|Cannot read propert|is not a function|is not iterable|of undefined|of null|Maximum call stack/;

/** What is wrong with a message the user would read, or null when it is fine. */
export function messageProblem(message: string): string | null {
  if ((message.match(CJK) ?? []).length < 4) return 'not a Chinese message';
  if (STACK.test(message)) return 'carries a stack trace';
  if (message.length > 800) return `too long (${message.length} characters)`;
  return null;
}

/** Words of our own messages; any other Latin word in a message is a library or our internals talking. */
const OUR_WORDS = new Set(['excel', 'wps', 'xlsx', 'xlsm', 'xltx', 'xltm', 'xls', 'xml', 'csv', 'zip', 'pdf', 'rtf', 'html', 'mht', 'docx', 'pptx', 'ods', 'xlsb', 'doc', 'ppt', 'txt']);
/** Names taken from the file itself (a sheet called Sheet1: in “…” or after 第N个工作表（…）), and references such as XFD40, are not words. */
const fromTheFile = (message: string) => message.replace(/“[^”]*”/g, '').replace(/第\d+个工作表（[^）]*）/g, '').replace(/\b[A-Z]{1,3}\d+\b/g, '');
export const foreignWords = (message: string) => (fromTheFile(message).match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !OUR_WORDS.has(w.toLowerCase()));
/** A zip part's file name (xl/worksheets/sheet1.xml) in a message: the clerk knows sheets, not parts. */
const PART_NAME = /[\w/.-]+\.(?:xml|rels)\b/;

export const looksLikeJsError = (message: string) => JS_ERROR.test(message);

/** What is wrong with a successful result, or null. */
export function resultProblem(r: ParsedImport | InspectResult): string | null {
  if (!Array.isArray(r.sheets)) return 'no sheet list';
  if (!('rows' in r)) return null; // an inspection: sheets, and a header when one was found
  if (!Array.isArray(r.rows) || !Array.isArray(r.refused) || !Array.isArray(r.skipped)) return 'rows, refused or skipped missing';
  for (const row of r.rows) if (!Number.isInteger(row.row) || row.row < 1) return `row number ${row.row}`;
  for (const x of r.refused) {
    if (!Number.isInteger(x.row) || x.row < 1) return `refused row number ${x.row}`;
    const p = messageProblem(x.reason) ?? (looksLikeJsError(x.reason) ? 'is a JavaScript error' : null);
    if (p) return `refusal reason ${p}: ${x.reason.slice(0, 200)}`;
  }
  return null;
}

export type Outcome =
  | { kind: 'parsed'; rows: number; refused: number }
  | { kind: 'inspected' }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'broken'; problem: string };

/** Sorts a settled read into an outcome; anything that is not one of ours is 'broken'. */
export function classify(settled: { ok: true; value: ParsedImport | InspectResult } | { ok: false; error: unknown }): Outcome {
  if (settled.ok) {
    const problem = resultProblem(settled.value);
    if (problem) return { kind: 'broken', problem };
    return 'rows' in settled.value ? { kind: 'parsed', rows: settled.value.rows.length, refused: settled.value.refused.length } : { kind: 'inspected' };
  }
  const e = settled.error;
  if (!(e instanceof ImportFileError)) return { kind: 'broken', problem: `not an ImportFileError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  const problem = messageProblem(e.message);
  if (problem) return { kind: 'broken', problem: `${e.code} message ${problem}: ${e.message.slice(0, 300)}` };
  if (looksLikeJsError(e.message)) return { kind: 'broken', problem: `a JavaScript error told as a refusal: ${e.message.slice(0, 300)}` };
  const part = PART_NAME.exec(fromTheFile(e.message));
  if (part) return { kind: 'broken', problem: `a zip part name (${part[0]}) in the message: ${e.message.slice(0, 300)}` };
  const foreign = foreignWords(e.message);
  if (foreign.length) return { kind: 'broken', problem: `English internals in the message (${foreign.join(' ')}): ${e.message.slice(0, 300)}` };
  return { kind: 'refused', code: e.code, message: e.message };
}
