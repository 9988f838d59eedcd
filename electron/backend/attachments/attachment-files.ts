import fs from 'node:fs';
import path from 'node:path';
import { isUnfinishedName, unfinishedPathFor } from '../unfinished-files';

/** The attachments folder of a data file: `attachments/` beside it. */
export function attachmentsDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'attachments');
}

/**
 * Copies every attachment file of `from` that `to` lacks. Stored files never change once
 * written (each has a unique name), so a file already present is the same file: a backup
 * after the first copies only what was attached since. Each copy lands under an unfinished
 * name (removed at the next start if the copy is cut short) and is renamed, so a pulled USB drive leaves no half file under a real name.
 */
export function mirrorAttachments(from: string, to: string): { copied: number } {
  if (path.resolve(from) === path.resolve(to) || !fs.existsSync(from)) return { copied: 0 };
  let copied = 0;
  for (const name of fs.readdirSync(from)) {
    const target = path.join(to, name);
    if (name.endsWith('.partial') || isUnfinishedName(name) || fs.existsSync(target)) continue;
    const source = path.join(from, name);
    if (!fs.statSync(source).isFile()) continue;
    if (copied === 0) fs.mkdirSync(to, { recursive: true });
    const temp = unfinishedPathFor(target);
    fs.copyFileSync(source, temp);
    fs.renameSync(temp, target);
    copied++;
  }
  return { copied };
}
