import { z } from 'zod';
import { returns } from './define';

export interface AppInfo {
  dbPath: string;
  schemaVersion: number;
  actor: string;
  appVersion: string;
  /** true until the office has any unit or person: the first-run choice is offered */
  isEmpty: boolean;
  officeName: string;
}

export const appContract = {
  'app.info': returns<AppInfo>()(z.object({})),
  'app.loadDemo': returns<{ units: number; people: number }>()(z.object({})),
  'app.setOfficeName': returns<AppInfo>()(z.object({ name: z.string().trim().min(1).max(60) })),
  /**
   * Switches to another data file (creating it when `create`). In the desktop app the file
   * is chosen with the native dialog, which then calls this same method.
   */
  'app.openDataFile': returns<AppInfo>()(
    z.object({ path: z.string().trim().min(1, '请输入数据文件路径').max(1000), create: z.boolean().default(false) }),
  ),
};

/** Methods served by the host (which owns the open database) rather than by a service: those that close and reopen the file. */
export const HOST_METHODS = ['app.openDataFile', 'backup.restore', 'lock.setPassword', 'lock.clear', 'lock.recover'] as const;
export type HostMethod = (typeof HOST_METHODS)[number];
