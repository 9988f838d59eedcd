/**
 * Files the importer has never seen: make-import-fixtures.py writes the five office shapes with a
 * new seed into a temporary folder, and each must import as the .expect.json written beside it
 * says. The seed is printed in every failure (FIXTURE_SEED=n repeats a run).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { listImportFixtures } from '../../helpers/fixtures';
import { checkFixture } from '../../helpers/import-expectations';
import { openpyxlPython } from '../../helpers/inspect-xlsx';
import { tempDir } from '../../helpers/temp-db';

const GENERATOR = path.resolve(__dirname, '..', '..', 'fixtures', 'import', 'make-import-fixtures.py');
const SEED = Number(process.env.FIXTURE_SEED ?? 1000 + Math.floor(Math.random() * 1_000_000));

describe(`fixtures made with a new seed (${SEED})`, () => {
  it('every shape imports as the generator says it should', async (t) => {
    const out = tempDir(t);
    const run = spawnSync(openpyxlPython(), [GENERATOR, '--seed', String(SEED), '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const made = listImportFixtures(out);
    assert.deepEqual(
      made.map((f) => path.basename(f.file)),
      ['opinions_two_row_header.xlsx', 'roster_bad.xlsx', 'roster_clean.xlsx', 'roster_gbk.csv', 'roster_messy.xlsx'],
    );
    for (const f of made) {
      await t.test(`${path.basename(f.file)} (seed ${SEED})`, async () => {
        await checkFixture(f.file, f.expectFile);
      });
    }
  });
});
