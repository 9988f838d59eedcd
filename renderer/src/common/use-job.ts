import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/contract/jobs';
import { api } from '../api';

export function newJobId(): string {
  return crypto.randomUUID();
}

/** Polls a long operation's progress while `jobId` is set (every 300 ms). */
export function useJobProgress(jobId: string | null): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!jobId) return;
    let alive = true;
    const tick = async () => {
      const p = await api.jobs.progress({ jobId }).catch(() => null);
      if (alive && p) setProgress(p);
    };
    const timer = setInterval(() => void tick(), 300);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [jobId]);
  return progress;
}
