// Runs every tests/**/*.test.ts with Node's test runner (Node 20's runner only discovers .js
// files by itself, so the TypeScript test files are listed here).
//   node scripts/run-tests.mjs [folder or file …]   default: tests/
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

function collect(p, out) {
  const st = fs.statSync(p);
  if (st.isFile()) {
    if (p.endsWith('.test.ts')) out.push(p);
    return out;
  }
  for (const name of fs.readdirSync(p).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    collect(path.join(p, name), out);
  }
  return out;
}

const files = (roots.length ? roots : ['tests']).flatMap((r) => collect(r, []));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...passThrough, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
