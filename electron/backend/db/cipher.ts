import fs from 'node:fs';
import type { Database } from 'better-sqlite3';

/**
 * Encryption at rest (SQLite3 Multiple Ciphers, inside better-sqlite3-multiple-ciphers): a data
 * file with a password is a SQLCipher 4 database (AES-256 per page, HMAC-SHA512, the key derived
 * from the password with PBKDF2-HMAC-SHA512 and the random salt in the file's first 16 bytes).
 * So the password alone opens the file, here or in any SQLCipher 4 tool; without it the file is
 * noise. Without a password nothing of this runs: the file is plain SQLite, as before.
 */
const CIPHER_PRAGMAS = ["cipher = 'sqlcipher'", 'legacy = 4'];

const SQLITE_MAGIC = 'SQLite format 3\0';

/** The same typed characters always give the same key (input methods may compose differently). */
export function keyBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

/** Sets the cipher and the key on a just-opened connection, before anything is read. */
export function applyKey(db: Database, password: string): void {
  for (const p of CIPHER_PRAGMAS) db.pragma(p);
  db.key(keyBytes(password));
}

/** Makes an open (plain or keyed) connection's file encrypted with `password`, or plain with null. Not in WAL mode. */
export function changeKey(db: Database, password: string | null): void {
  for (const p of CIPHER_PRAGMAS) db.pragma(p);
  db.rekey(password === null ? Buffer.alloc(0) : keyBytes(password));
}

export type FileKind = 'missing' | 'empty' | 'plain' | 'encrypted' | 'foreign';

/**
 * What a file looks like from its first bytes, without SQLite: a plain SQLite file starts
 * with its magic string; an encrypted one with 16 random bytes, and like every SQLite file its
 * size is a whole number of pages (4 KiB for SQLCipher 4) — which random other files
 * (a spreadsheet, a text) almost never are.
 */
export function fileKind(file: string): FileKind {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'missing';
  }
  if (!stat.isFile()) return 'foreign';
  if (stat.size === 0) return 'empty';
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === SQLITE_MAGIC) return 'plain';
  return stat.size >= 4096 && stat.size % 4096 === 0 ? 'encrypted' : 'foreign';
}

export const isNotADatabase = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === 'SQLITE_NOTADB';
};
