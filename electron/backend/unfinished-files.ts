import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Files being written (an export, a backup, a restore, a re-encryption) are written under an
 * "unfinished" name and renamed when complete. The name says what it is, in the user's
 * language, and has no .xlsx/.db ending, so nobody opens it for a result:
 *     ~花名册.xlsx.未完成-1234-9f3ab2c1.tmp
 * A program killed mid-write leaves such a file behind; the next start removes it
 * (cleanFolder for the folders the program owns; a marker in the journal for files written
 * elsewhere, such as an export to the desktop). The process id in the name keeps a running
 * program's file (the desktop app and the command line at the same time) from being removed.
 */
const MARK = '未完成';
/** (a copy that SQLite writes has its -journal, -wal and -shm files under the same name) */
const UNFINISHED = new RegExp(`^~.+\\.${MARK}-(\\d+)-[0-9a-f]{8}\\.tmp(-journal|-wal|-shm)?$`);
/** names earlier versions used: `.名单.xlsx.<pid>-<hex>.tmp`, `x.db.partial` (and attachments' `x.pdf.partial`), `x.db.restoring` */
const OLD_NAMES = [/^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/, /\.db\.partial$/, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[.\w]*\.partial$/, /\.db\.restoring$/];

export function unfinishedPathFor(target: string): string {
  const rand = crypto.randomBytes(4).toString('hex');
  return path.join(path.dirname(target), `~${path.basename(target)}.${MARK}-${process.pid}-${rand}.tmp`);
}

export function isUnfinishedName(name: string): boolean {
  return UNFINISHED.test(name);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** Whether `name` is a leftover of a program that is no longer running. */
function isLeftover(name: string): boolean {
  const m = UNFINISHED.exec(name);
  if (m) return !alive(Number(m[1]));
  const old = OLD_NAMES.map((r) => r.exec(name)).find(Boolean);
  if (!old) return false;
  return old[1] === undefined || !alive(Number(old[1]));
}

/** Removes the leftovers in one folder; returns how many. A missing folder has none. */
export function cleanFolder(dir: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!isLeftover(name)) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    } catch {
      /* in use or not ours to remove: left for the next start */
    }
  }
  return removed;
}

/**
 * The journal of unfinished files written outside the program's folders: one small marker per
 * file being written, removed when it is done. The next start removes what the markers name.
 */
export class UnfinishedJournal {
  constructor(
    readonly dir: string,
    /** folders searched by name at every start anyway (cleanFolder): files there need no marker */
    private readonly scanned: string[] = [],
  ) {}

  /** Notes `temp` as being written; call the returned function when it is renamed or removed. */
  track(temp: string): () => void {
    if (this.scanned.some((d) => path.resolve(d) === path.dirname(path.resolve(temp)))) return () => {};
    const marker = path.join(this.dir, `${process.pid}-${crypto.randomBytes(6).toString('hex')}.json`);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(marker, JSON.stringify({ path: path.resolve(temp) }));
    } catch {
      return () => {}; // a folder we cannot write to only means no clean-up after a crash
    }
    return () => fs.rmSync(marker, { force: true });
  }

  /** Removes the files named by markers of programs no longer running, and those markers. */
  clean(): number {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const m = /^(\d+)-[0-9a-f]{12}\.json$/.exec(name);
      if (!m || alive(Number(m[1]))) continue;
      const marker = path.join(this.dir, name);
      try {
        const { path: file } = JSON.parse(fs.readFileSync(marker, 'utf8')) as { path?: unknown };
        // only ever a file with an unfinished name: a marker edited by someone cannot delete a result
        if (typeof file === 'string' && isUnfinishedName(path.basename(file))) {
          for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
            if (!fs.existsSync(f)) continue;
            fs.rmSync(f, { force: true });
            removed++;
          }
        }
      } catch {
        /* an unreadable marker: just dropped */
      }
      fs.rmSync(marker, { force: true });
    }
    return removed;
  }
}

let journal: UnfinishedJournal | null = null;

/** The journal of this process (set when a data file is opened: it lives in that file's backup folder). */
export function useJournal(j: UnfinishedJournal | null): void {
  journal = j;
}

/** Tracks `temp` in this process's journal, if there is one. */
export function trackUnfinished(temp: string): () => void {
  return journal ? journal.track(temp) : () => {};
}
