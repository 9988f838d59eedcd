import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../electron/cli/main';

/** The repository root: where outside checks run `npm run -s cli -- …`. */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as outside checks do: `npm run -s cli -- <args>` from the repository root. */
export function npmCli(args: string[]): CliRun {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'cli', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the same entry point in this process (faster), collecting what it prints. */
export async function inProcessCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (t) => out.push(t.endsWith('\n') ? t : t + '\n'), err: (t) => err.push(t.endsWith('\n') ? t : t + '\n') });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** stdout must be exactly one JSON document (whitespace around it allowed), nothing else. */
export function onlyJson(run: CliRun): unknown {
  const text = run.stdout.trim();
  assert.ok(text.length > 0, `no JSON on stdout; stderr: ${run.stderr}`);
  try {
    return JSON.parse(text);
  } catch {
    assert.fail(`stdout is not one JSON document:\n${run.stdout}`);
  }
}

export const CJK = /[\u4e00-\u9fff]/;
