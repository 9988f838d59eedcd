import { appContract } from './app';
import { attachmentsContract } from './attachments';
import { auditContract } from './audit';
import { backupContract } from './backup';
import { importsContract } from './imports';
import { jobsContract } from './jobs';
import { lockContract } from './lock';
import { ledgerContract } from './ledger';
import { exportsContract } from './exports';
import { rosterContract } from './roster';
import { unitsContract } from './units';
import { supervisionContract } from './supervision';
import { collectContract } from './collect';

/**
 * The whole backend API, declared once. The Electron IPC, the preload, the loopback
 * test bridge and the renderer's client are all derived from this object.
 * Adding a method: one entry in a domain file here, one handler in its service.
 */
export const contract = {
  ...appContract,
  ...unitsContract,
  ...rosterContract,
  ...auditContract,
  ...backupContract,
  ...jobsContract,
  ...importsContract,
  ...ledgerContract,
  ...attachmentsContract,
  ...exportsContract,
  ...supervisionContract,
  ...lockContract,
  ...collectContract,
};

export { ApiError } from './define';
export type { Envelope, ApiErrorData } from './define';
export type * from './types';
