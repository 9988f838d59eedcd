import fs from 'node:fs';
import path from 'node:path';
import { unfinishedPathFor } from '../unfinished-files';
import type { SealedPassword } from './recovery-key';

/**
 * The recovery file: in the folder of an encrypted data file and in each folder its backups go
 * to, the passwords of those files sealed to the recovery key (recovery-key.ts). One file per
 * folder, shared by the data files in it; entries are only ever added, so an older backup
 * encrypted with an earlier password can still be opened with the same recovery key.
 */
export const RECOVERY_FILE = 'ledgerdesk-recovery.json';

const NOTE = '台账督办助手的恢复信息：忘记密码时，凭打印的恢复密钥和本文件才能打开这个文件夹中加密的数据文件和备份。请与数据文件放在一起，不要删除。本文件本身不含可用的密码。';

interface RecoveryDocument {
  format: 'ledgerdesk-recovery';
  version: 1;
  说明: string;
  sealed: SealedPassword[];
}

export const recoveryFileIn = (dir: string) => path.join(dir, RECOVERY_FILE);

const isSealed = (s: unknown): s is SealedPassword =>
  !!s && typeof s === 'object' && ['to', 'eph', 'iv', 'tag', 'data'].every((k) => typeof (s as Record<string, unknown>)[k] === 'string');

/** The sealed passwords kept in `dir`; none when there is no (readable) recovery file. */
export function readSealed(dir: string): SealedPassword[] {
  try {
    const doc = JSON.parse(fs.readFileSync(recoveryFileIn(dir), 'utf8')) as Partial<RecoveryDocument>;
    return Array.isArray(doc.sealed) ? doc.sealed.filter(isSealed) : [];
  } catch {
    return [];
  }
}

/** Adds entries to the recovery file in `dir` (written whole under a temp name, then renamed). */
export function addSealed(dir: string, entries: SealedPassword[]): void {
  const existing = readSealed(dir);
  const seen = new Set(existing.map((e) => `${e.to}.${e.eph}`));
  const added = entries.filter((e) => !seen.has(`${e.to}.${e.eph}`));
  if (added.length === 0 && fs.existsSync(recoveryFileIn(dir))) return;
  const doc: RecoveryDocument = { format: 'ledgerdesk-recovery', version: 1, 说明: NOTE, sealed: [...existing, ...added] };
  fs.mkdirSync(dir, { recursive: true });
  const target = recoveryFileIn(dir);
  const temp = unfinishedPathFor(target);
  try {
    fs.writeFileSync(temp, JSON.stringify(doc, null, 1), { flag: 'wx' });
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** Copies what `fromDir`'s recovery file holds into `toDir`'s (a backup folder). */
export function copySealed(fromDir: string, toDir: string): void {
  if (path.resolve(fromDir) === path.resolve(toDir)) return;
  const entries = readSealed(fromDir);
  if (entries.length > 0) addSealed(toDir, entries);
}
