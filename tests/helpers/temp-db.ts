import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openBackend, type Backend, type BackendOptions } from '../../electron/backend/backend';
import { fixedClock } from '../../electron/backend/clock';

/**
 * Real SQLite files in a temp folder per test, removed when the test ends.
 * No mocks of our own code: the backend under test is the one the app runs.
 */

/** Fixed "now" for every backend opened here: 2026-03-02 09:00 in Beijing. */
export const TEST_NOW = '2026-03-02T01:00:00.000Z';
export const TEST_ACTOR = '测试员';

/** A fresh folder for this test, deleted (with everything in it) after the test. */
export function tempDir(t: TestContext, prefix = 'ledgerdesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestBackend {
  backend: Backend;
  dir: string;
  dbPath: string;
}

/** Opens a backend on a new database file in a temp folder, with a fixed clock and actor. */
export function openTestBackend(t: TestContext, opts: BackendOptions & { file?: string } = {}): TestBackend {
  const dir = tempDir(t);
  const dbPath = path.join(dir, opts.file ?? 'ledger.db');
  const backend = openBackend(dbPath, { clock: fixedClock(TEST_NOW), actor: TEST_ACTOR, ...opts });
  // Close before the folder is removed (after-hooks run in reverse order of registration).
  t.after(() => {
    try {
      backend.close();
    } catch {
      /* already closed by the test */
    }
  });
  return { backend, dir, dbPath };
}

/** Backend options the host and bridge tests pass on (same clock and actor). */
export const testBackendOptions = (): BackendOptions => ({ clock: fixedClock(TEST_NOW), actor: TEST_ACTOR });

/**
 * Builds a valid 18-character ID number (GB 11643) from its parts, computing the check
 * character with an implementation written here, independently of the one under test.
 */
export function makeIdNumber(birth: string, sex: '男' | '女', area = '110105', seq = 12): string {
  const ymd = birth.replace(/-/g, '');
  const sexDigit = sex === '男' ? 1 + ((seq % 5) * 2) : (seq % 5) * 2;
  const first17 = `${area}${ymd}${String(seq % 100).padStart(2, '0')}${sexDigit}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** Every audit line in the file, oldest first (read with SQL, not through the service). */
export function auditRows(backend: Backend): {
  entity: string;
  entity_id: number;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  actor: string;
  at: string;
  batch_id: string | null;
}[] {
  return backend.ctx.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as ReturnType<typeof auditRows>;
}
