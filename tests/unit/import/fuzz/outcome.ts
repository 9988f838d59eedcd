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

/** Words of our own messages (and part names such as xl/workbook.xml); any other Latin word in a damage message is a library talking. */
const OUR_WORDS = new Set(['excel', 'wps', 'xlsx', 'xls', 'xml', 'csv', 'zip']);
// part names and, in “…”, names taken from the file itself (a sheet called Sheet1) are not a library's words
const foreignWords = (message: string) => (message.replace(/[\w/.-]+\.(?:xml|rels)\b/g, '').replace(/“[^”]*”/g, '').match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !OUR_WORDS.has(w.toLowerCase()));

export const looksLikeJsError = (message: string) => JS_ERROR.test(message);

/** What is wrong with a successful result, or null. */
export function resultProblem(r: ParsedImport | InspectResult): string | null {
  if (!Array.isArray(r.sheets)) return 'no sheet list';
  if (!('rows' in r)) return null; // an inspection: sheets, and a header when one was found
  if (!Array.isArray(r.rows) || !Array.isArray(r.refused) || !Array.isArray(r.skipped)) return 'rows, refused or skipped missing';
  for (const row of r.rows) if (!Number.isInteger(row.row) || row.row < 1) return `row number ${row.row}`;
  for (const x of r.refused) {
    if (!Number.isInteger(x.row) || x.row < 1) return `refused row number ${x.row}`;
    const p = messageProblem(x.reason);
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
  const foreign = e.code === 'IMPORT_FILE_DAMAGED' ? foreignWords(e.message) : [];
  if (foreign.length) return { kind: 'broken', problem: `damage told in a library's English (${foreign.join(' ')}): ${e.message.slice(0, 300)}` };
  return { kind: 'refused', code: e.code, message: e.message };
}
