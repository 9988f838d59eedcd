import { z } from 'zod';
import { returns } from './define';

/**
 * Long operations (reading a large workbook, writing a large export) take a `jobId` chosen
 * by the caller; while they run, the UI polls their progress and may cancel them.
 */
export interface JobProgress {
  jobId: string;
  phase: string;
  done: number;
  total: number | null;
  finished: boolean;
}

export const jobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '任务编号无效');

export const jobsContract = {
  'jobs.progress': returns<JobProgress | null>()(z.object({ jobId })),
  /** Cancelling changes nothing: the operation stops and leaves the data as it was. */
  'jobs.cancel': returns<{ cancelled: boolean }>()(z.object({ jobId })),
};
