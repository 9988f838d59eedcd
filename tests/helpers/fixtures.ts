import fs from 'node:fs';
import path from 'node:path';

/**
 * The import fixtures every test reads: spreadsheets shaped like the ones offices send
 * (tests/fixtures/import/, each with a `.expect.json` saying what a correct import finds).
 * `LEDGERDESK_FIXTURES` points every fixture user at another folder of the same layout
 * (e.g. files from an office, to check them the same way); nothing is read from outside the
 * repository otherwise.
 */
export const IMPORT_FIXTURES = process.env.LEDGERDESK_FIXTURES ?? path.resolve(__dirname, '..', 'fixtures', 'import');

/** The path of one import fixture, e.g. `importFixture('roster_bad.xlsx')`. */
export function importFixture(name: string): string {
  return path.join(IMPORT_FIXTURES, name);
}

/** Every fixture with its expectations, in IMPORT_FIXTURES and its sub-folders (e.g. generated/). */
export function listImportFixtures(dir = IMPORT_FIXTURES): { file: string; name: string; expectFile: string }[] {
  const out: { file: string; name: string; expectFile: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listImportFixtures(full));
    else if (entry.name.endsWith('.expect.json')) {
      const file = full.slice(0, -'.expect.json'.length);
      out.push({ file, name: path.relative(IMPORT_FIXTURES, file), expectFile: full });
    }
  }
  return out;
}
