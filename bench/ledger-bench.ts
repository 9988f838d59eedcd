// Ledger benchmark (issue 4): 200,000 records in one category — first page, sort by a date
// column, filter by a choice — and search across 1,000,000 records in all categories with
// a 2-character and a longer query. Target: each under 100 ms.
//   node --import tsx bench/ledger-bench.ts [--records 200000] [--total 1000000]
// Records are written straight into the tables the service uses (rows + search tokens),
// without the per-field audit lines, so that filling a million rows takes a minute, not ten.
// Every figure is then read through the service, as the grid and the search box ask.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../electron/backend/backend';
import { SearchIndex, rebuildNumberIndex } from '../electron/backend/ledger/search-index';
import { DbRefs } from '../electron/backend/ledger/refs';
import type { FieldValue } from '../shared/domain/ledger';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '200000' }, total: { type: 'string', default: '1000000' } } });
const N = Number(args.records);
const TOTAL = Math.max(N, Number(args.total));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
const backend = openBackend(path.join(dir, 'bench.db'), { actor: 'bench' });
const { db } = backend.ctx;
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
const topics = ['执法规范化', '窗口服务', '警务保障', '信息公开', '基层减负', '会见预约', '队伍作风', '交通秩序', '户籍办理', '治安防控'];
const statuses = ['未办结', '办理中', '已办结'];
let seed = 42;
const rand = (n: number) => {
  // 32-bit LCG (Math.imul keeps the low bits exact); the high bits are the random ones
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const idNumber = () => `5120${String(rand(100)).padStart(2, '0')}19${60 + rand(40)}${String(1 + rand(12)).padStart(2, '0')}${String(1 + rand(28)).padStart(2, '0')}${String(rand(1000)).padStart(3, '0')}${rand(10)}`;

for (let u = 0; u < 30; u++) backend.units.create({ name: `单位${u + 1}`, parentId: null, kind: 'department' });
const unitIds = db.prepare('SELECT id FROM units').pluck().all() as number[];

function fill(categoryId: number, count: number): void {
  const fields = backend.ledger.categories.fields(categoryId);
  const index = new SearchIndex(db);
  const refs = new DbRefs(db);
  const insert = db.prepare("INSERT INTO ledger_records (category_id, data, created_at, updated_at) VALUES (?, ?, '2021-05-01T00:00:00Z', '2021-05-01T00:00:00Z')");
  const step = 50_000;
  for (let done = 0; done < count; done += step) {
    db.transaction(() => {
      for (let i = done; i < Math.min(count, done + step); i++) {
        const name = surnames[rand(surnames.length)]! + given[rand(given.length)]! + (rand(2) ? given[rand(given.length)]! : '');
        const values: Record<string, FieldValue> = {
          source: '座谈会',
          content: `${name}反映：建议进一步加强${topics[rand(topics.length)]}（来信人身份证号${idNumber()}）`,
          aspect: '工作作风',
          unit: unitIds[rand(unitIds.length)]!,
          deadline: `202${rand(5)}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`,
          status: statuses[rand(3)]!,
        };
        const id = Number(insert.run(categoryId, JSON.stringify(values)).lastInsertRowid);
        index.write(id, fields, values, refs, true);
      }
    })();
  }
}

const time = (label: string, f: () => unknown, reps = 5): number => {
  f(); // warm the statement cache and the pages, as a second look at the grid would
  const start = process.hrtime.bigint();
  let r: unknown;
  for (let i = 0; i < reps; i++) r = f();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / reps;
  console.log(`${label.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms   ${describe(r)}`);
  return ms;
};
const describe = (r: unknown) =>
  Array.isArray(r) ? (r as { name?: string; count?: number }[]).map((g) => `${g.name}:${g.count}`).join(' ') : r && typeof r === 'object' && 'total' in r ? `total ${(r as { total: number }).total}` : '';

const main = backend.ledger.categories.create({ templateKey: 'opinions', name: '大台账' });
let t0 = Date.now();
fill(main.id, N);
console.log(`filled ${N} records in one category: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const others = Math.max(0, TOTAL - N);
t0 = Date.now();
for (let k = 0; others > 0 && k < 8; k++) fill(backend.ledger.categories.create({ templateKey: 'opinions', name: `台账${k + 1}` }).id, Math.ceil(others / 8));
if (others > 0) console.log(`filled ${others} more records in 8 categories: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
db.exec('ANALYZE');

const page = (over: object) => backend.ledger.rows({ categoryId: main.id, startRow: 0, endRow: 100, sort: [], filters: [], search: '', deleted: false, ...over });
const results = [
  time(`open: first page of ${N}`, () => page({})),
  time('sort by 完成时限 (date) desc', () => page({ sort: [{ field: 'deadline', dir: 'desc' }] })),
  time('sort by 完成时限, page at row 150,000 (offset)', () => page({ sort: [{ field: 'deadline', dir: 'asc' }], startRow: 150_000, endRow: 150_100 })),
  time('filter 办理状态 = 已办结', () => page({ filters: [{ field: 'status', op: 'equals', value: '已办结' }] })),
  time('filter 办理状态 in (未办结, 办理中)', () => page({ filters: [{ field: 'status', op: 'in', values: ['未办结', '办理中'] }] })),
  time(`search all ${TOTAL}: 2 characters (王伟)`, () => backend.ledger.handlers()['ledger.search']({ query: '王伟', perGroup: 20 })),
  time(`search all ${TOTAL}: 3 characters (李娜反)`, () => backend.ledger.handlers()['ledger.search']({ query: '李娜反', perGroup: 20 })),
  time(`search all ${TOTAL}: 4 characters (警务保障)`, () => backend.ledger.handlers()['ledger.search']({ query: '警务保障', perGroup: 20 })),
  time(`search all ${TOTAL}: inside an ID (19770815)`, () => backend.ledger.handlers()['ledger.search']({ query: '19770815', perGroup: 20 })),
  time('search within the category grid (王伟)', () => page({ search: '王伟' })),
  time('search within the category grid (19770815)', () => page({ search: '19770815' })),
];
console.log(`slowest: ${Math.max(...results).toFixed(2)} ms (target < 100 ms each)`);
// what opening a file saved before migration 006 costs once: cutting the number index from every record
t0 = Date.now();
db.transaction(() => rebuildNumberIndex(db))();
console.log(`migration 006 on ${TOTAL} records (number index rebuilt): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
backend.close();
fs.rmSync(dir, { recursive: true, force: true });
