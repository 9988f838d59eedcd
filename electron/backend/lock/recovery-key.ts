import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';

/**
 * The recovery key (恢复密钥): 128 random bits shown once when a password is first set, written
 * as 8 groups of 6 digits (as BitLocker does: each group is a 16-bit number times 11, so a
 * mistyped group is caught and named). Digits only: an input method cannot turn them into
 * Chinese characters.
 *
 * The program never keeps the key. It keeps the key's public half (X25519), and seals each
 * password the file is encrypted with to it; the sealed passwords go into the recovery file
 * beside the data file and beside its backups (recovery-file.ts). Whoever holds the key can
 * unseal them, and so open the file with a forgotten password; the recovery file alone
 * reveals nothing.
 */
const GROUPS = 8;
const SECRET_BYTES = 16;
const INFO = 'ledgerdesk recovery key v1';

/** PKCS#8 header of a raw X25519 private key (RFC 8410). */
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

function privateKeyOf(secret: Buffer): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

const rawPublic = (key: KeyObject): string => {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' }) as { x: string };
  return jwk.x; // base64url of the 32 raw bytes
};

const publicKeyObject = (x: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });

/** The text form of a secret: 8 groups of 6 digits. */
export function formatRecoveryKey(secret: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(String(secret.readUInt16BE(i * 2) * 11).padStart(6, '0'));
  return groups.join('-');
}

/** Reads what was typed or pasted; the Chinese reason when it cannot be a recovery key. */
export function parseRecoveryKey(text: string): { secret: Buffer } | { problem: string } {
  const digits = text.normalize('NFKC').replace(/[\s\-—－_.,，。]/g, '');
  if (!/^\d*$/.test(digits)) return { problem: '恢复密钥只由数字组成（8 组，每组 6 位）' };
  if (digits.length !== GROUPS * 6) return { problem: `恢复密钥应为 ${GROUPS * 6} 位数字（8 组，每组 6 位），现在是 ${digits.length} 位` };
  const secret = Buffer.alloc(SECRET_BYTES);
  for (let i = 0; i < GROUPS; i++) {
    const n = Number(digits.slice(i * 6, i * 6 + 6));
    if (n % 11 !== 0 || n / 11 > 0xffff) return { problem: `恢复密钥第 ${i + 1} 组数字有误，请对照打印的恢复密钥检查` };
    secret.writeUInt16BE(n / 11, i * 2);
  }
  return { secret };
}

/** A new recovery key: its text (shown once) and its public half (kept). */
export function newRecoveryKey(): { text: string; publicKey: string } {
  const secret = randomBytes(SECRET_BYTES);
  return { text: formatRecoveryKey(secret), publicKey: recoveryPublicKey(secret) };
}

export function recoveryPublicKey(secret: Buffer): string {
  return rawPublic(privateKeyOf(secret));
}

/** One password sealed to a recovery key's public half. */
export interface SealedPassword {
  /** the recovery key it is sealed to (its public half) */
  to: string;
  /** the one-time public key of this sealing */
  eph: string;
  iv: string;
  tag: string;
  data: string;
}

function boxKey(shared: Buffer, eph: string, to: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${eph}.${to}`), 'ledgerdesk sealed password v1', 32));
}

export function sealPassword(publicKey: string, password: string): SealedPassword {
  const eph = generateKeyPairSync('x25519');
  const ephPublic = rawPublic(eph.publicKey);
  const key = boxKey(diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(publicKey) }), ephPublic, publicKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return { to: publicKey, eph: ephPublic, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The passwords sealed to this secret's key (none when it is another key, or a damaged entry). */
export function unsealPasswords(secret: Buffer, sealed: SealedPassword[]): string[] {
  const privateKey = privateKeyOf(secret);
  const mine = rawPublic(privateKey);
  const out: string[] = [];
  for (const s of sealed) {
    if (s.to !== mine) continue;
    try {
      const key = boxKey(diffieHellman({ privateKey, publicKey: publicKeyObject(s.eph) }), s.eph, s.to);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
      out.push(Buffer.concat([decipher.update(Buffer.from(s.data, 'base64')), decipher.final()]).toString('utf8'));
    } catch {
      /* damaged or forged: not a candidate */
    }
  }
  return out;
}
