import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { fileKind } from '../../../electron/backend/db/cipher';
import { CJK } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-db';

const PASSWORD = '督办2026春';

/** The command line in this process, with its environment and standard input given. */
async function cli(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: opts.env ?? {},
    readStdin: async () => opts.stdin ?? '',
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('CLI: lock set and LEDGERDESK_PASSWORD', () => {
  it('lock set --password-stdin encrypts the file and prints the recovery key once; every command then needs the password', async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'office.db');
    assert.equal((await cli(['init', '--db', db, '--demo'])).status, 0);

    const set = await cli(['lock', 'set', '--db', db, '--password-stdin', '--json'], { stdin: `${PASSWORD}\n` });
    assert.equal(set.status, 0, set.stderr);
    const doc = JSON.parse(set.stdout) as { db: string; encrypted: boolean; recoveryKey: string; recoveryFile: string };
    assert.equal(doc.encrypted, true);
    assert.match(doc.recoveryKey, /^(\d{6}-){7}\d{6}$/);
    assert.ok(fs.existsSync(doc.recoveryFile));
    assert.equal(fileKind(db), 'encrypted');

    // missing or wrong: exit 1, a Chinese reason naming the variable, and the file untouched
    const before = digest(db);
    for (const env of [{}, { LEDGERDESK_PASSWORD: 'not-it' }] as Record<string, string>[]) {
      for (const args of [['check', '--db', db, '--json'], ['import', 'roster', path.join(dir, 'none.csv'), '--db', db], ['roster', 'list', '--db', db, '--json']]) {
        const r = await cli(args, { env });
        assert.equal(r.status, 1, `${args.join(' ')} ${JSON.stringify(env)}`);
        assert.match(r.stderr, /LEDGERDESK_PASSWORD/);
        assert.match(r.stderr, CJK);
        assert.match(r.stderr, /未做任何改动/);
        assert.equal(r.stdout, '', 'nothing on stdout');
      }
    }
    assert.equal(digest(db), before, 'nothing changed');

    // with the password every command works
    const env = { LEDGERDESK_PASSWORD: PASSWORD };
    const check = await cli(['check', '--db', db, '--json'], { env });
    assert.equal(check.status, 0, check.stderr);
    assert.equal((JSON.parse(check.stdout) as { counts: { people: number } }).counts.people, 360);
    for (const args of [
      ['roster', 'list', '--db', db, '--json'],
      ['ledger', 'list', '--db', db, '--json'],
      ['tasks', 'board', '--db', db, '--json'],
      ['export', 'roster', '--db', db, '--out', path.join(dir, '花名册.xlsx')],
      ['backup', '--db', db, '--out', path.join(dir, 'copy.db')],
    ]) {
      const r = await cli(args, { env });
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.equal(fileKind(path.join(dir, 'copy.db')), 'encrypted', 'a backup written afterwards is encrypted too');

    // changing it: the current password from the variable, the new one on stdin; no new recovery key
    const change = await cli(['lock', 'set', '--db', db, '--password-stdin', '--json'], { env, stdin: 'second-密码\r\n' });
    assert.equal(change.status, 0, change.stderr);
    assert.equal((JSON.parse(change.stdout) as { recoveryKey: string | null }).recoveryKey, null);
    assert.equal((await cli(['check', '--db', db], { env })).status, 1, 'the old password no longer opens it');
    assert.equal((await cli(['check', '--db', db], { env: { LEDGERDESK_PASSWORD: 'second-密码' } })).status, 0);
  });

  it('refuses a short password from stdin, and a change without the current one, changing nothing', async (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'office.db');
    assert.equal((await cli(['init', '--db', db])).status, 0);
    const short = await cli(['lock', 'set', '--db', db, '--password-stdin'], { stdin: '12345\n' });
    assert.equal(short.status, 1);
    assert.match(short.stderr, /密码至少需要 6 个字符/);
    assert.equal(fileKind(db), 'plain');
    assert.equal((await cli(['lock', 'set', '--db', db, '--password-stdin'], { stdin: `${PASSWORD}\n` })).status, 0);
    const before = digest(db);
    const noCurrent = await cli(['lock', 'set', '--db', db, '--password-stdin'], { stdin: 'other-password\n' });
    assert.equal(noCurrent.status, 1);
    assert.match(noCurrent.stderr, /LEDGERDESK_PASSWORD/);
    assert.equal(digest(db), before);
    const noFlag = await cli(['lock', 'set', '--db', db]);
    assert.equal(noFlag.status, 2, 'without --password-stdin: a usage error');
  });
});
