import { spawn } from 'node:child_process';

/**
 * Runs a crash-test child (a TypeScript file run with tsx) and kills it with SIGKILL `kill` ms
 * after it says BEGIN (never, if null), or, with 'at-stop', as soon as it says it halted at its
 * stop point ("AT …"): a kill known to land inside the write. The children say "DONE <ms>"
 * once their write committed.
 */
export function runKilledChild(
  script: string,
  args: string[],
  kill: number | null | 'at-stop',
  env: Record<string, string> = {},
): Promise<{ killed: boolean; doneMs: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killed) return;
      if (kill === 'at-stop' && /AT \S+/.test(out)) {
        killed = true;
        child.kill('SIGKILL');
      } else if (typeof kill === 'number' && out.includes('BEGIN')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), kill);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const done = /DONE (\d+)/.exec(out);
      if (signal === 'SIGKILL' || code === 0) resolve({ killed: signal === 'SIGKILL', doneMs: done ? Number(done[1]) : null });
      else reject(new Error(`child failed (${code}): ${err}`));
    });
  });
}
