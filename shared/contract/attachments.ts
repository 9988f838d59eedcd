import { z } from 'zod';
import { returns } from './define';

/** What an attachment belongs to: a ledger record, or a task (its completion evidence). */
export const ATTACHMENT_OWNERS = ['record', 'task'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

/** Largest file accepted as an attachment (it is copied beside the database). */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;
/** Largest file sent back whole to a browser tab (the desktop app opens files in place). */
export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;

/** A file size as people read it: 812 B, 34 KB, 2.5 MB. */
export const sizeText = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * What the desktop app opens with the system's program: documents and images, by the stored
 * file's extension (the shown name is only a label). Anything else — a program, a script, a
 * shortcut, a web page, an archive, an Office file with macros — is only shown in its folder.
 */
export const OPENABLE_EXTENSIONS = [
  '.pdf', '.ofd', '.txt', '.csv', '.rtf',
  '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.wps', '.et', '.dps', '.odt', '.ods', '.odp',
  '.jpg', '.jpeg', '.png', '.gif', '.bmp', '.tif', '.tiff', '.webp',
] as const;

export interface Attachment {
  id: number;
  owner: AttachmentOwner;
  ownerId: number;
  /** the name the user knows (the copy is stored under a unique name) */
  fileName: string;
  size: number;
  sha256: string;
  addedAt: string;
  actor: string;
  /** the stored file's extension, lower case ('' when it has none) */
  storedType: string;
  /** a document or image by OPENABLE_EXTENSIONS: opened with the system's program; else only shown in its folder */
  openable: boolean;
  /** the shown name's extension is not the stored file's (a data folder from elsewhere may say 整改报告.pdf for a program) */
  nameMismatch: boolean;
}

const id = z.number().int().positive();
const owner = z.enum(ATTACHMENT_OWNERS);

export const attachmentsContract = {
  'attachments.list': returns<Attachment[]>()(z.object({ owner, ownerId: id })),
  /**
   * Copies the file at `path` into the attachments folder beside the database. In the desktop
   * app the path comes from the open dialog; in a browser tab from `imports.stageFile`.
   */
  'attachments.add': returns<Attachment>()(
    z.object({
      owner,
      ownerId: id,
      path: z.string().trim().min(1, '请选择文件').max(1000, '文件路径过长'),
      fileName: z.string().trim().min(1).max(255, '文件名过长（最多255个字符）').optional(),
    }),
  ),
  /** Takes the attachment off its owner's list; the copy stays on disk so restore can bring it back. */
  'attachments.remove': returns<Attachment>()(z.object({ id })),
  'attachments.restore': returns<Attachment>()(z.object({ id })),
  /** The file's bytes, for a browser tab to save (files over MAX_DOWNLOAD_BYTES are refused). */
  'attachments.download': returns<{ fileName: string; dataBase64: string }>()(z.object({ id })),
};
