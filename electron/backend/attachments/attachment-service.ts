import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HandlersOf } from '../../../shared/contract/types';
import { MAX_ATTACHMENT_BYTES, MAX_DOWNLOAD_BYTES, OPENABLE_EXTENSIONS, sizeText, type Attachment, type AttachmentOwner } from '../../../shared/contract/attachments';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import { ErrorCode, fail } from '../errors';
import { attachmentsDirFor } from './attachment-files';

interface DbAttachment {
  id: number;
  owner: AttachmentOwner;
  owner_id: number;
  file_name: string;
  stored_name: string;
  size: number;
  sha256: string;
  added_at: string;
  actor: string;
  removed_at: string | null;
}

const extOf = (name: string) => path.extname(name).toLowerCase();
const OPENABLE = new Set<string>(OPENABLE_EXTENSIONS);

const toAttachment = (r: DbAttachment): Attachment => {
  const storedType = extOf(r.stored_name);
  return {
    id: r.id,
    owner: r.owner,
    ownerId: r.owner_id,
    fileName: r.file_name,
    size: r.size,
    sha256: r.sha256,
    addedAt: r.added_at,
    actor: r.actor,
    storedType,
    openable: OPENABLE.has(storedType),
    nameMismatch: extOf(r.file_name) !== storedType,
  };
};

/** The first bytes of a program (Windows .exe/.dll, Linux ELF, a script): never handed to the system to open. */
function looksLikeProgram(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.subarray(0, 2).toString('latin1') === 'MZ' || head.toString('latin1') === '\x7fELF' || head.subarray(0, 2).toString('latin1') === '#!';
}

/** Each owner's audit trail: an attachment shows in the history of its record or task. */
const AUDIT_ENTITY: Record<AttachmentOwner, string> = { record: 'ledger_record', task: 'task' };
const OWNER_TABLE: Record<AttachmentOwner, string> = { record: 'ledger_records', task: 'tasks' };
const OWNER_NAME: Record<AttachmentOwner, string> = { record: '记录', task: '任务' };


/**
 * Attachments (附件) of ledger records and tasks. The file is copied into `attachments/`
 * beside the database under a unique name (the user's file may move or change later; the
 * copy is what was attached), with its size and SHA-256. Removing only marks the row.
 */
export class AttachmentService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /** The folder beside the database file; created on the first attachment. */
  dir(): string {
    return attachmentsDirFor(this.ctx.dbPath);
  }

  private row(id: number): DbAttachment {
    return (this.db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as DbAttachment | undefined) ?? fail(ErrorCode.notFound, '该附件不存在');
  }

  private assertOwner(owner: AttachmentOwner, ownerId: number): void {
    if (!this.db.prepare(`SELECT 1 FROM ${OWNER_TABLE[owner]} WHERE id = ?`).get(ownerId)) fail(ErrorCode.notFound, `该${OWNER_NAME[owner]}不存在或已被彻底删除`);
    // a record in the recycle bin or in an archived category is read-only, its attachments too
    if (owner === 'record') {
      const r = this.db.prepare('SELECT r.deleted_at AS deletedAt, c.archived, c.name FROM ledger_records r JOIN ledger_categories c ON c.id = r.category_id WHERE r.id = ?').get(ownerId) as { deletedAt: string | null; archived: 0 | 1; name: string };
      if (r.deletedAt) fail(ErrorCode.conflict, '该记录在回收站中，请先恢复再修改附件');
      if (r.archived) fail(ErrorCode.conflict, `“${r.name}”已归档，不能再修改，请先取消归档`);
    }
  }

  list(owner: AttachmentOwner, ownerId: number): Attachment[] {
    return (this.db.prepare('SELECT * FROM attachments WHERE owner = ? AND owner_id = ? AND removed_at IS NULL ORDER BY id').all(owner, ownerId) as DbAttachment[]).map(toAttachment);
  }

  /** Copies the file, then records it; a copy whose row could not be written is deleted again. */
  add(input: { owner: AttachmentOwner; ownerId: number; path: string; fileName?: string | undefined }): Attachment {
    this.assertOwner(input.owner, input.ownerId);
    const source = input.path;
    const shown = input.fileName ?? path.basename(source);
    let st: fs.Stats;
    try {
      st = fs.statSync(source);
    } catch {
      return fail(ErrorCode.notFound, `找不到文件“${source}”，请确认文件仍在原处`);
    }
    if (st.isDirectory()) fail(ErrorCode.validation, `“${shown}”是文件夹，请选择文件`);
    if (!st.isFile()) fail(ErrorCode.validation, `“${shown}”不是普通文件，不能作为附件`);
    if (st.size > MAX_ATTACHMENT_BYTES) fail(ErrorCode.validation, `文件“${shown}”有 ${sizeText(st.size)}，超过附件上限 ${sizeText(MAX_ATTACHMENT_BYTES)}`);
    const dir = this.dir();
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch {
      fail(ErrorCode.dbIo, `无法创建附件文件夹“${dir}”，请检查数据文件所在文件夹的权限`);
    }
    const ext = path.extname(shown).slice(0, 16).replace(/[^.\w]/g, '');
    const storedName = `${randomUUID()}${ext}`;
    const target = path.join(dir, storedName);
    const { size, sha256 } = copyWithHash(source, target, shown);
    try {
      return this.db.transaction(() => {
        const id = Number(
          this.db
            .prepare('INSERT INTO attachments (owner, owner_id, file_name, stored_name, size, sha256, added_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(input.owner, input.ownerId, shown, storedName, size, sha256, this.ctx.clock.now().toISOString(), this.ctx.actor).lastInsertRowid,
        );
        this.audit.record([{ entity: AUDIT_ENTITY[input.owner], entityId: input.ownerId, action: 'create', field: '附件', newValue: `${shown}（${sizeText(size)}）` }]);
        return toAttachment(this.row(id));
      })();
    } catch (err) {
      fs.rmSync(target, { force: true });
      throw err;
    }
  }

  remove(id: number): Attachment {
    return this.db.transaction(() => {
      const r = this.row(id);
      if (r.removed_at !== null) return toAttachment(r);
      this.assertOwner(r.owner, r.owner_id);
      this.db.prepare('UPDATE attachments SET removed_at = ? WHERE id = ?').run(this.ctx.clock.now().toISOString(), id);
      this.audit.record([{ entity: AUDIT_ENTITY[r.owner], entityId: r.owner_id, action: 'delete', field: '附件', oldValue: r.file_name, newValue: null }]);
      return toAttachment(r);
    })();
  }

  restore(id: number): Attachment {
    return this.db.transaction(() => {
      const r = this.row(id);
      if (r.removed_at === null) return toAttachment(r);
      this.assertOwner(r.owner, r.owner_id);
      this.db.prepare('UPDATE attachments SET removed_at = NULL WHERE id = ?').run(id);
      this.audit.record([{ entity: AUDIT_ENTITY[r.owner], entityId: r.owner_id, action: 'restore', field: '附件', oldValue: null, newValue: r.file_name }]);
      return toAttachment(r);
    })();
  }

  /**
   * Where the copy of a listed attachment is, for the desktop app to open it with the system
   * viewer. Resolved here from the id, so the page can never name a file of its choosing.
   */
  pathOf(id: number): string {
    const r = this.row(id);
    if (r.removed_at !== null) fail(ErrorCode.notFound, `附件“${r.file_name}”已被移除`);
    const file = path.join(this.dir(), path.basename(r.stored_name));
    if (!fs.existsSync(file)) fail(ErrorCode.notFound, `附件“${r.file_name}”的文件已不在附件文件夹“${this.dir()}”中`);
    return file;
  }

  /**
   * What the desktop app may do with an attachment: open it with the system's program only when
   * the stored file is a document or image (by its own extension, not the shown name) and does
   * not start like a program; anything else is shown in its folder, never launched.
   */
  openTarget(id: number): { file: string; action: 'open' | 'reveal'; reason: string | null } {
    const file = this.pathOf(id);
    const a = toAttachment(this.row(id));
    if (!a.openable) return { file, action: 'reveal', reason: `“${a.fileName}”实际是 ${a.storedType || '无扩展名'} 文件，不是文档或图片，为安全起见不直接打开，已在文件夹中显示。` };
    if (looksLikeProgram(file)) return { file, action: 'reveal', reason: `“${a.fileName}”的内容是一个程序，为安全起见不直接打开，已在文件夹中显示。` };
    return { file, action: 'open', reason: null };
  }

  download(id: number): { fileName: string; dataBase64: string } {
    const r = this.row(id);
    if (r.size > MAX_DOWNLOAD_BYTES) fail(ErrorCode.validation, `附件“${r.file_name}”有 ${sizeText(r.size)}，请在桌面程序中打开`);
    return { fileName: r.file_name, dataBase64: fs.readFileSync(this.pathOf(id)).toString('base64') };
  }

  handlers(): HandlersOf<'attachments'> {
    return {
      'attachments.list': (i) => this.list(i.owner, i.ownerId),
      'attachments.add': (i) => this.add(i),
      'attachments.remove': (i) => this.remove(i.id),
      'attachments.restore': (i) => this.restore(i.id),
      'attachments.download': (i) => this.download(i.id),
    };
  }
}

/** One pass over the source: written to `target` (new, never overwritten) and hashed; fsynced before the row is written. */
function copyWithHash(source: string, target: string, shown: string): { size: number; sha256: string } {
  let src: number;
  try {
    src = fs.openSync(source, 'r');
  } catch {
    return fail(ErrorCode.validation, `无法读取文件“${shown}”：没有读取权限，或文件正被其他程序独占`);
  }
  const hash = createHash('sha256');
  let dst: number | null = null;
  let size = 0;
  try {
    dst = fs.openSync(target, 'wx');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(src, buf, 0, buf.length, null);
      } catch {
        return fail(ErrorCode.validation, `读取文件“${shown}”时出错，文件可能已损坏或所在磁盘已移除`);
      }
      if (n === 0) break;
      size += n;
      if (size > MAX_ATTACHMENT_BYTES) fail(ErrorCode.validation, `文件“${shown}”超过附件上限 ${sizeText(MAX_ATTACHMENT_BYTES)}`);
      hash.update(buf.subarray(0, n));
      fs.writeSync(dst, buf, 0, n);
    }
    fs.fsyncSync(dst);
    return { size, sha256: hash.digest('hex') };
  } catch (err) {
    if (dst !== null) {
      fs.closeSync(dst);
      dst = null;
    }
    fs.rmSync(target, { force: true });
    const code = (err as { code?: string }).code;
    if (code === 'ENOSPC') fail(ErrorCode.dbFull, '磁盘已满，无法保存附件');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') fail(ErrorCode.dbIo, `无法写入附件文件夹“${path.dirname(target)}”，请检查文件夹权限`);
    throw err;
  } finally {
    if (dst !== null) fs.closeSync(dst);
    fs.closeSync(src);
  }
}
