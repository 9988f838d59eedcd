import { z } from 'zod';
import { returns } from './define';
import { jobId } from './jobs';
import { PERSON_FIELDS } from '../domain/roster';

export interface ExportOutcome {
  /** where the file was written (desktop app), or null when it comes back as data (browser) */
  out: string | null;
  rows: number;
  fileName: string;
  dataBase64: string | null;
}

export const exportsContract = {
  /**
   * The roster as an official-form workbook. With `ids` it is the grid's current view (its
   * filter and sort); with `fields`, only those columns, in that order.
   */
  'exports.roster': returns<ExportOutcome>()(
    z.object({
      path: z.string().trim().min(1).max(1000).optional(),
      preset: z.string().max(40).optional(),
      ids: z.array(z.number().int().positive()).max(1_000_000).optional(),
      fields: z.array(z.enum(PERSON_FIELDS)).min(1).optional(),
      jobId: jobId.optional(),
    }),
  ),
};
