import type { JobProgress } from '../../../shared/contract/jobs';
import type { HandlersOf } from '../../../shared/contract/types';

interface Job {
  progress: JobProgress;
  controller: AbortController;
}

/** Running long operations, by the id their caller gave them; forgotten soon after they end. */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(jobId: string | undefined, phase: string): { signal: AbortSignal; report: (done: number, total?: number | null, phase?: string) => void; end: () => void } {
    const controller = new AbortController();
    if (!jobId) return { signal: controller.signal, report: () => {}, end: () => {} };
    const job: Job = { controller, progress: { jobId, phase, done: 0, total: null, finished: false } };
    this.jobs.set(jobId, job);
    return {
      signal: controller.signal,
      report: (done, total = job.progress.total, p = job.progress.phase) => {
        job.progress = { ...job.progress, done, total, phase: p };
      },
      end: () => {
        job.progress = { ...job.progress, finished: true };
        setTimeout(() => this.jobs.delete(jobId), 60_000).unref?.();
      },
    };
  }

  progress(jobId: string): JobProgress | null {
    return this.jobs.get(jobId)?.progress ?? null;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.progress.finished) return false;
    job.controller.abort();
    return true;
  }

  handlers(): HandlersOf<'jobs'> {
    return {
      'jobs.progress': (i) => this.progress(i.jobId),
      'jobs.cancel': (i) => ({ cancelled: this.cancel(i.jobId) }),
    };
  }
}
