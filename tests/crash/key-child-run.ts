import { spawn } from 'node:child_process';
import path from 'node:path';

const CHILD = path.join(__dirname, 'key-child.ts');

/**
 * Runs key-child.ts with `args`; kills it `kill` ms after it says BEGIN (never, if null), or,
 * with 'at-stop', as soon as it says it halted at its stop point.
 */
export function runChild(args: string[], kill: number | null | 'at-stop', env: Record<string, string> = {}): Promise<{ killed: boolean; doneMs: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killed) return;
      if (kill === 'at-stop' && /AT [a-z-]+/.test(out)) {
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

