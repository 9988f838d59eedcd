// Export benchmark: 100,000 roster-shaped records × 12 columns, our full official-form
// export against ExcelJS's streaming writer writing the same values with no formatting.
//   node --import tsx bench/export-bench.ts [--rows 100000]
// Each side runs in a child process of its own, so its peak RSS (the OS's max resident set
// size) is its own. Targets: within 1.1× of ExcelJS's bare streaming write (values only,
// useStyles off; issue 11), under 600 MB (issue 6).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { exportTable } from '../electron/backend/export/export-table';
import type { ExportColumn, ExportRecord } from '../electron/backend/export/table-spec';

const COLUMNS: ExportColumn[] = [
  { key: 'name', label: '姓名', kind: 'text' },
  { key: 'sex', label: '性别', kind: 'text', align: 'center' },
  { key: 'badge', label: '警号/工号', kind: 'id' },
  { key: 'idNumber', label: '公民身份号码', kind: 'id' },
  { key: 'birthDate', label: '出生日期', kind: 'date' },
  { key: 'politicalStatus', label: '政治面貌', kind: 'text' },
  { key: 'unitName', label: '所在单位', kind: 'text', group: '工作信息' },
  { key: 'post', label: '职务', kind: 'text', group: '工作信息' },
  { key: 'rank', label: '职级', kind: 'text', group: '工作信息' },
  { key: 'phone', label: '联系电话', kind: 'id' },
  { key: 'joinedDate', label: '入职时间', kind: 'date' },
  { key: 'category', label: '人员类别', kind: 'text' },
];

/** Deterministic records (a seeded PRNG), the same in both children. */
function records(n: number): ExportRecord[] {
  let a = 20210301;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const pad = (x: number) => String(x).padStart(2, '0');
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟强磊军洋勇杰涛明超芳娜敏静丽艳娟秀霞';
  const units = ['政治部', '指挥中心', '刑侦支队', '治安支队', '交警支队', '雁江分局', '安岳县局', '乐至县局', '经侦支队', '网安支队'];
  const out: ExportRecord[] = [];
  for (let i = 0; i < n; i++) {
    const y = 1965 + Math.floor(rnd() * 35);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    out.push({
      name: pick(surnames.split('')) + pick(given.split('')) + (rnd() < 0.6 ? pick(given.split('')) : ''),
      sex: rnd() < 0.78 ? '男' : '女',
      badge: String(100000 + i),
      idNumber: `512001${y}${pad(m)}${pad(d)}${pad(i % 100)}${i % 10}${rnd() < 0.1 ? 'X' : i % 7}`,
      birthDate: `${y}-${pad(m)}-${pad(d)}`,
      politicalStatus: pick(['中共党员', '中共党员', '共青团员', '群众']),
      unitName: pick(units),
      post: pick(['科员', '科长', '大队长', '民警', '教导员']),
      rank: pick(['一级警员', '二级警长', '一级警长', '三级高级警长']),
      phone: `138${String(10000000 + i).slice(-8)}`,
      joinedDate: rnd() < 0.2 ? `${y + 22}-${pad(m)}` : `${y + 22}-${pad(m)}-${pad(d)}`,
      category: pick(['在职民警', '辅警', '职工']),
    });
  }
  return out;
}

/**
 * The baseline: rows added and committed in a plain loop, with the writer options our
 * exporter uses. With `yieldEvery` it also gives the event loop a turn every so many rows,
 * as our exporter does (so a cancel can arrive). With `useStyles` false ExcelJS skips style
 * bookkeeping altogether (with it on, every unstyled cell gets a fresh style object whose
 * XML is rebuilt, which our shared style objects avoid): the floor for writing these values.
 */
async function plain(file: string, rows: ExportRecord[], yieldEvery = 0, useStyles = true): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles, useSharedStrings: false });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(COLUMNS.map((c) => c.label)).commit();
  let i = 0;
  for (const r of rows) {
    ws.addRow(COLUMNS.map((c) => r[c.key] ?? null)).commit();
    if (yieldEvery && ++i % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
}

async function formatted(file: string, rows: ExportRecord[]): Promise<void> {
  await exportTable(file, {
    title: '市公安局队伍教育整顿领导小组办公室花名册',
    officeName: '市公安局队伍教育整顿领导小组办公室',
    reportDate: '2026-03-02',
    dateFormat: 'yyyy-mm-dd',
    columns: COLUMNS,
    rows,
    totalsRow: true,
    sheetName: '花名册',
  });
}

interface ChildResult {
  mode: string;
  ms: number;
  maxRssMB: number;
  bytes: number;
}

async function child(mode: string, n: number): Promise<void> {
  const rows = records(n);
  const file = path.join(os.tmpdir(), `ledgerdesk-bench-${process.pid}-${mode}.xlsx`);
  const t0 = performance.now();
  if (mode === 'plain') await plain(file, rows);
  else if (mode === 'plain-yield') await plain(file, rows, 500);
  else if (mode === 'plain-nostyles') await plain(file, rows, 0, false);
  else await formatted(file, rows);
  const ms = performance.now() - t0;
  const bytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });
  const result: ChildResult = { mode, ms, maxRssMB: process.resourceUsage().maxRSS / 1024, bytes };
  process.stdout.write(JSON.stringify(result));
}

function runChild(mode: string, n: number): ChildResult {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, '--rows', String(n)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = Number(args[args.indexOf('--rows') + 1] ?? 100000) || 100000;
  const childMode = args.includes('--child') ? args[args.indexOf('--child') + 1] : undefined;
  if (childMode) return child(childMode, n);

  console.log(`export bench: ${n.toLocaleString('en')} rows × ${COLUMNS.length} columns (each side in its own process)`);
  const base = runChild('plain', n);
  const baseYield = runChild('plain-yield', n);
  const baseBare = runChild('plain-nostyles', n);
  const ours = runChild('formatted', n);
  const row = (label: string, r: ChildResult) =>
    console.log(`  ${label.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   peak RSS ${r.maxRssMB.toFixed(0).padStart(4)} MB   ${(r.bytes / 1048576).toFixed(1)} MB file`);
  row('ExcelJS streaming writer, values only', base);
  row('ExcelJS streaming writer, values only, yielding', baseYield);
  row('ExcelJS streaming writer, values only, useStyles off', baseBare);
  row('LedgerDesk official form (all formatting)', ours);
  const ratio = ours.ms / base.ms;
  const bareRatio = ours.ms / baseBare.ms;
  console.log(`  ratio ${bareRatio.toFixed(2)}× against the bare writer (useStyles off; target ≤ 1.1×) — ${bareRatio <= 1.1 ? 'ok' : 'OVER'}; ${ratio.toFixed(2)}× against the plain loop with styles on`);
  console.log(`  machine load (uptime): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  peak ${ours.maxRssMB.toFixed(0)} MB (target < 600 MB) — ${ours.maxRssMB < 600 ? 'ok' : 'OVER'}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
