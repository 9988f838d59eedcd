/**
 * A stranger's clone has only the repository: no test, script, document or comment may point
 * at a path outside it (such as a folder beside the checkout, or this workplace's own folders).
 * Relative paths are resolved from the file that names them; `path.resolve(__dirname, '..', …)`
 * and `path.join(__dirname, …)` are resolved the same way; absolute workplace paths are refused.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.native', 'release', '.tsbuild', 'out']);
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|py|md|json|ya?ml|sh|html|css|txt)$|^run$/;
const WORKPLACE = ['/', 'work', '/'].join(''); // the workplace's folders are not the project's

/** Each place in `content` (of the file at `rel`) that names a path outside `root`. */
export function outsidePaths(root: string, rel: string, content: string): string[] {
  const dir = path.dirname(path.join(root, rel));
  // the Node side is bundled into dist/electron/ (scripts/build.mjs): __dirname is that folder at run time
  const runDir = rel.startsWith('electron/') ? path.join(root, 'dist', 'electron') : dir;
  const found: string[] = [];
  const outside = (from: string, p: string) => path.relative(root, path.resolve(from, p)).startsWith('..');
  for (const m of content.matchAll(/(?:\.\.\/)+[^\s'"`)\]>,;]*/g)) if (outside(dir, m[0])) found.push(m[0]);
  for (const m of content.matchAll(/path\.(?:resolve|join)\(\s*__dirname((?:\s*,\s*['"][^'"]*['"])+)\s*\)/g)) {
    const parts = [...m[1]!.matchAll(/['"]([^'"]*)['"]/g)].map((x) => x[1]!);
    if (outside(runDir, path.join(...parts))) found.push(m[0]);
  }
  for (const m of content.matchAll(new RegExp(`${WORKPLACE}[\\w./-]*`, 'g'))) found.push(m[0]);
  return found;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), out);
    } else if (TEXT.test(e.name) && e.name !== 'package-lock.json') out.push(path.relative(ROOT, path.join(dir, e.name)));
  }
  return out;
}

describe('the repository is self-contained', () => {
  it('no file names a path outside the repository', () => {
    const files = walk(ROOT);
    assert.ok(files.includes('README.md') && files.some((f) => f.startsWith('tests/')), 'walked the tree');
    const found = files.flatMap((rel) => outsidePaths(ROOT, rel, fs.readFileSync(path.join(ROOT, rel), 'utf8')).map((p) => `${rel}: ${p}`));
    assert.deepEqual(found, []);
  });

  it('the check finds such paths, and lets paths inside the repository through', () => {
    const up = '..' + '/';
    assert.deepEqual(outsidePaths(ROOT, 'README.md', `见 \`${up}shared/CLI.md\``), [`${up}shared/CLI.md`]);
    const fourUp = ['path.resolve(__dirname', "'..'", "'..'", "'..'", "'..'", "'shared'", "'fixtures')"].join(', ');
    assert.deepEqual(outsidePaths(ROOT, 'tests/unit/x/a.test.ts', fourUp).length, 1);
    assert.deepEqual(outsidePaths(ROOT, 'tests/unit/x/a.test.ts', `const F = '${up}${up}${up}${up}shared/fixtures';`).length, 1);
    assert.deepEqual(outsidePaths(ROOT, 'bench/x.ts', `read('${WORKPLACE}shared/fixtures/a.xlsx')`).length, 1);
    assert.deepEqual(outsidePaths(ROOT, 'renderer/src/roster/a.ts', `import x from '${up}${up}${up}shared/domain/roster';`), []);
    assert.deepEqual(outsidePaths(ROOT, 'tests/unit/x/a.test.ts', `path.resolve(__dirname, '..', '..', 'fixtures', 'import')`), []);
  });
});
