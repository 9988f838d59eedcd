import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openpyxlPython } from '../../helpers/inspect-xlsx';

const TOOL = path.join(__dirname, 'openpyxl-tool.py');

function run(args: string[]): string {
  const r = spawnSync(openpyxlPython(), [TOOL, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl-tool ${args[0]} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** Types rows (by header label) into a 填报表 with openpyxl and saves it as `dst`: a unit filling it without LedgerDesk. */
export function fillWithOpenpyxl(src: string, dst: string, rows: Record<string, unknown>[]): string {
  const json = `${dst}.rows.json`;
  fs.writeFileSync(json, JSON.stringify(rows));
  run(['fill', src, dst, json]);
  fs.rmSync(json);
  return dst;
}

export const retagIdentity = (src: string, dst: string, label: string, value: string) => (run(['retag', src, dst, label, value]), dst);
export const stripIdentitySheet = (src: string, dst: string) => (run(['strip', src, dst]), dst);
export const copyToNewWorkbook = (src: string, dst: string, tableOnly = false) => (run([tableOnly ? 'copy-table' : 'copy', src, dst]), dst);

export interface Dumped {
  properties: { title: string | null; subject: string | null; keywords: string | null; description: string | null };
  sheets: { name: string; state: string; protected: boolean; validations: { type: string | null; sqref: string; formula1: string | null }[]; rows: unknown[][]; locked: Record<string, boolean> }[];
}

export const dumpWithOpenpyxl = (file: string): Dumped => JSON.parse(run(['dump', file])) as Dumped;

/** LibreOffice re-saving the file as .xlsx (what a unit on a LibreOffice desktop sends back). */
export function resaveWithLibreOffice(src: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = path.join(outDir, '.lo-profile');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, src], { encoding: 'utf8', timeout: 180_000 });
  const out = path.join(outDir, path.basename(src));
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`soffice failed: ${r.stderr || r.error?.message}`);
  return out;
}
