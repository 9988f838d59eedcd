import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { rowValues } from '../../helpers/inspect-xlsx';
import { supervisionBackend, taskInput } from '../supervision/helpers';
import { apiOf, readWithOpenpyxl } from './fixtures';

test('exports.plan: a week’s plan as an official form — its heading, tasks unit by unit, 结转 noted, a 合计', async (t) => {
  const { backend, units, dir } = supervisionBackend(t);
  backend.app.setOfficeName('市公安局政治部');
  const s = backend.supervision.tasks;
  s.create(taskInput({ title: '上周未完的整改', unitId: units.a, dueDate: '2026-02-25' }));
  s.create(taskInput({ title: '集中学习', unitId: units.b, dueDate: '2026-03-03' }));
  s.create(taskInput({ title: '督导考核', unitId: units.a, dueDate: '2026-03-06' }));
  s.create(taskInput({ title: '下周的事', unitId: units.a, dueDate: '2026-03-10' }));
  const out = path.join(dir, '周清单.xlsx');
  const r = await apiOf(backend).exports.plan({ period: 'week', path: out });
  assert.deepEqual([r.rows, r.fileName], [3, '市公安局政治部2026年第10周工作清单（3月2日至3月8日）-2026-03-02.xlsx']);

  const book = readWithOpenpyxl(out);
  const sheet = book.sheets[0]!;
  assert.equal(sheet.name, '2026年第10周工作清单');
  assert.equal(rowValues(sheet, 1)[0], '市公安局政治部2026年第10周工作清单（3月2日至3月8日）');
  assert.deepEqual(rowValues(sheet, 3), ['序号', '责任单位', '任务名称', '责任人', '完成时限', '进度', '状态', '督办等级', '备注']);
  const body = [4, 5, 6].map((n) => rowValues(sheet, n).filter((_, i) => [1, 2, 8].includes(i)));
  assert.deepEqual(body, [
    ['刑侦支队', '上周未完的整改', '结转'],
    ['刑侦支队', '督导考核', null],
    ['政治部', '集中学习', null],
  ]);
  assert.deepEqual(rowValues(sheet, 7).slice(0, 2), ['合计', '共 3 项']);
  assert.equal(sheet.pageSetup.paperSize, 9);

  const oneUnit = await apiOf(backend).exports.plan({ period: 'month', date: '2026-03-15', unitId: units.b, path: path.join(dir, 'm.xlsx') });
  assert.equal(oneUnit.rows, 1);
});
