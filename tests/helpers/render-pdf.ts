import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * A second reader's print of an exported workbook: LibreOffice (headless) prints the .xlsx
 * to PDF as it would on paper — its page setup, fit-to-width, repeated header — and
 * poppler's pdftotext reads back where every word landed. Neither shares code with ExcelJS.
 */

export interface PrintedWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PrintedPage {
  width: number;
  height: number;
  words: PrintedWord[];
}

/** Prints `xlsx` to PDF with LibreOffice in its own profile (so parallel runs do not clash); returns the PDF's path. */
export function printWithLibreOffice(xlsx: string, outDir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerdesk-lo-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, xlsx], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const pdf = path.join(outDir, `${path.basename(xlsx, '.xlsx')}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${xlsx}`);
  return pdf;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every page of `pdf` with its words and their boxes (points, origin top left). */
export function readPrintedPages(pdf: string): PrintedPage[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: PrintedPage[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words: PrintedWord[] = [];
    for (const w of m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: unescape(w[5]!) });
    }
    pages.push({ width: Number(m[1]), height: Number(m[2]), words });
  }
  return pages;
}

const CJK_ONLY = /^[\u4e00-\u9fff]{2,}$/;

/**
 * The printed size of a word set in a CJK font, in points: every 汉字 is one em wide, so a
 * word of n of them is n ems across. Null for words with other characters.
 */
export function printedPoints(word: PrintedWord): number | null {
  if (!CJK_ONLY.test(word.text)) return null;
  return (word.x1 - word.x0) / [...word.text].length;
}
