import fs from 'node:fs';
import path from 'node:path';

/** The attachments folder of a data file: `attachments/` beside it. */
export function attachmentsDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'attachments');
}

/**
 * Copies every attachment file of `from` that `to` lacks. Stored files never change once
 * written (each has a unique name), so a file already present is the same file: a backup
 * after the first copies only what was attached since. Each copy lands under a temporary
 * name and is renamed, so a pulled USB drive leaves no half file under a real name.
 */
export function mirrorAttachments(from: string, to: string): { copied: number } {
  if (path.resolve(from) === path.resolve(to) || !fs.existsSync(from)) return { copied: 0 };
  let copied = 0;
  for (const name of fs.readdirSync(from)) {
    const target = path.join(to, name);
    if (name.endsWith('.partial') || fs.existsSync(target)) continue;
    const source = path.join(from, name);
    if (!fs.statSync(source).isFile()) continue;
    if (copied === 0) fs.mkdirSync(to, { recursive: true });
    fs.copyFileSync(source, `${target}.partial`);
    fs.renameSync(`${target}.partial`, target);
    copied++;
  }
  return { copied };
}
