import { z } from 'zod';
import { returns } from './define';

export interface AppInfo {
  dbPath: string;
  schemaVersion: number;
  actor: string;
  appVersion: string;
  /** true until the office has any unit or person, or has set 本单位: the first-run choice is offered */
  isEmpty: boolean;
  officeName: string;
  /** 本单位's level (省级 …), null until set */
  officeLevel: OfficeLevel | null;
  /** 本单位's own unit in the organisation tree, null when not placed */
  officeUnitId: number | null;
}

/** The levels a campaign office sits at, as it names them. */
export const OFFICE_LEVELS = ['省级', '市级', '县级', '基层'] as const;
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];
export const OFFICE_LEVEL_HINTS: Record<OfficeLevel, string> = { 省级: '省（区、市）厅局', 市级: '市（州）局', 县级: '县（区）局', 基层: '所、队、站' };

export const appContract = {
  'app.info': returns<AppInfo>()(z.object({})),
  'app.loadDemo': returns<{ units: number; people: number }>()(z.object({})),
  'app.setOfficeName': returns<AppInfo>()(z.object({ name: z.string().trim().min(1).max(60) })),
  /**
   * 本单位: the name printed as 填报单位 on every form, its level, and its place in the tree —
   * an existing unit, a new unit of that name (under `parentId`, or at the top), or none.
   */
  'app.setOffice': returns<AppInfo>()(
    z.object({
      name: z.string().trim().min(1, '请填写本单位名称').max(60, '本单位名称最多60个字'),
      level: z.enum(OFFICE_LEVELS).nullable().default(null),
      place: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('none') }),
          z.object({ kind: z.literal('existing'), unitId: z.number().int().positive() }),
          z.object({ kind: z.literal('new'), parentId: z.number().int().positive().nullable().default(null) }),
        ])
        .default({ kind: 'none' }),
    }),
  ),
  /**
   * Switches to another data file (creating it when `create`). In the desktop app the file
   * is chosen with the native dialog, which then calls this same method.
   */
  'app.openDataFile': returns<AppInfo>()(
    z.object({ path: z.string().trim().min(1, '请输入数据文件路径').max(1000), create: z.boolean().default(false) }),
  ),
};

/** Methods served by the host (which owns the open database) rather than by a service: those that close and reopen the file. */
export const HOST_METHODS = ['app.openDataFile', 'backup.restore', 'lock.setPassword', 'lock.clear', 'lock.recover', 'lock.restoreNewestBackup'] as const;
export type HostMethod = (typeof HOST_METHODS)[number];
