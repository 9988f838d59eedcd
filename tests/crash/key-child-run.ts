import path from 'node:path';
import { runKilledChild } from '../helpers/kill-child';

const CHILD = path.join(__dirname, 'key-child.ts');

/** Runs key-child.ts with `args`, killed as runKilledChild says. */
export const runChild = (args: string[], kill: number | null | 'at-stop', env: Record<string, string> = {}) => runKilledChild(CHILD, args, kill, env);
