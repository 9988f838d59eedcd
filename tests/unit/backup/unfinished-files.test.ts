import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UnfinishedJournal, cleanFolder, unfinishedPathFor } from '../../../electron/backend/unfinished-files';
import { tempDir } from '../../helpers/temp-db';

/** The id of a process that has ended (a child that already exited). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('unfinished files', () => {
  it('are named so nobody takes them for a result: ~name.未完成-pid-hex.tmp, without the real ending', (t) => {
    const dir = tempDir(t);
    const temp = path.basename(unfinishedPathFor(path.join(dir, '花名册.xlsx')));
    assert.match(temp, new RegExp(`^~花名册\\.xlsx\\.未完成-${process.pid}-[0-9a-f]{8}\\.tmp$`));
    assert.ok(!temp.endsWith('.xlsx') && !temp.endsWith('.db'));
  });

  it("a folder's leftovers of ended programs are removed, a running program's kept, results never touched", (t) => {
    const dir = tempDir(t);
    const dead = deadPid();
    const names = {
      deadExport: `~花名册.xlsx.未完成-${dead}-0a1b2c3d.tmp`,
      deadCopyJournal: `~ledger.db.未完成-${dead}-0a1b2c3d.tmp-journal`,
      oldExport: `.花名册.xlsx.${dead}-0a1b2c3d.tmp`,
      oldBackup: 'daily-2026-11-22.db.partial',
      oldRestore: 'ledger.db.restoring',
      running: `~台账.xlsx.未完成-${process.pid}-0a1b2c3d.tmp`,
      result: '花名册.xlsx',
      resultDb: 'daily-2026-11-22.db',
      userTemp: '~$花名册.xlsx',
    };
    for (const n of Object.values(names)) fs.writeFileSync(path.join(dir, n), 'x');
    assert.equal(cleanFolder(dir), 5);
    assert.deepEqual(fs.readdirSync(dir).sort(), [names.running, names.result, names.resultDb, names.userTemp].sort());
  });

  it('the journal removes unfinished files written elsewhere, but never a file without an unfinished name', (t) => {
    const dir = tempDir(t);
    const journal = new UnfinishedJournal(path.join(dir, 'journal'));
    const elsewhere = path.join(dir, '桌面');
    fs.mkdirSync(elsewhere);
    const temp = unfinishedPathFor(path.join(elsewhere, '报送.xlsx'));
    journal.track(temp);
    fs.writeFileSync(temp, 'half');
    const precious = path.join(elsewhere, '报送.xlsx');
    fs.writeFileSync(precious, 'the user’s file');
    // markers as a killed program would have left them: its id in the name, an edited one pointing at a result
    const dead = deadPid();
    for (const f of fs.readdirSync(journal.dir)) fs.renameSync(path.join(journal.dir, f), path.join(journal.dir, f.replace(/^\d+/, String(dead))));
    fs.writeFileSync(path.join(journal.dir, `${dead}-aaaaaaaaaaaa.json`), JSON.stringify({ path: precious }));
    assert.equal(journal.clean(), 1);
    assert.equal(fs.existsSync(temp), false);
    assert.equal(fs.readFileSync(precious, 'utf8'), 'the user’s file');
    assert.deepEqual(fs.readdirSync(journal.dir), []);
  });
});
