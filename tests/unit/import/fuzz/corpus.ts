import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readZip, writeZip } from '../helpers/zip-tools';
import type { Seed } from './mutate';
import { IMPORT_FIXTURES } from '../../../helpers/fixtures';

export const FIXTURES = IMPORT_FIXTURES;

/**
 * The import fixtures as seeds for mutation: every .xlsx (as written, and with its parts
 * stored so flipped bytes reach the XML), every .xls, every .csv, and each CSV also re-encoded as UTF-8
 * with and without a BOM, so the UTF-8 paths of the decoder are mutated too.
 */
export function loadSeeds(): { xlsx: Seed[]; csv: Seed[]; xls: Seed[] } {
  const names = fs.readdirSync(FIXTURES).sort();
  const xlsx: Seed[] = [];
  const csv: Seed[] = [];
  const xls: Seed[] = [];
  for (const name of names) {
    const file = path.join(FIXTURES, name);
    if (name.endsWith('.xlsx')) {
      const parts = readZip(file);
      xlsx.push({ name, ext: '.xlsx', bytes: fs.readFileSync(file), parts, stored: writeZip(parts.map((p) => ({ ...p, store: true }))) });
    } else if (name.endsWith('.xls')) {
      xls.push({ name, ext: '.xls', bytes: fs.readFileSync(file) });
    } else if (name.endsWith('.csv')) {
      const bytes = fs.readFileSync(file);
      csv.push({ name, ext: '.csv', bytes });
      const text = bytesToText(bytes);
      csv.push({ name: `${name} (UTF-8)`, ext: '.csv', bytes: Buffer.from(text, 'utf8') });
      csv.push({ name: `${name} (UTF-8 BOM)`, ext: '.csv', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) });
    }
  }
  if (xlsx.length === 0 || csv.length === 0 || xls.length === 0) throw new Error(`no .xlsx, .xls or .csv fixtures in ${FIXTURES}`);
  return { xlsx, csv, xls };
}

function bytesToText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}
