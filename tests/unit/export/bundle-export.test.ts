import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { exportBundle } from '../../../electron/backend/export';
import { tempDir } from '../../helpers/temp-db';
import { rowValues } from '../../helpers/inspect-xlsx';
import { ApiError } from '../../../shared/contract/define';
import { OPINION_ROWS, apiOf, readWithOpenpyxl, opinionOffice, opinionTable } from './fixtures';

const practical = [
  { source: '群众来信', content: '开通夜间办证', status: '已完成', unit: '指挥中心' },
  { source: '网上留言', content: '增加停车位', status: '阶段性完成', unit: '' },
];

describe('exportBundle: a 报送包 with a 汇总 sheet', () => {
  it('puts each table on its own sheet and counts each by its own status words on 汇总, first among the tabs', async (t) => {
    const out = path.join(tempDir(t), '报送包.xlsx');
    const progress: number[] = [];
    const result = await exportBundle(
      out,
      {
        title: '市公安局队伍教育整顿报送材料汇总',
        officeName: '市公安局队伍教育整顿领导小组办公室',
        reportDate: '2026-03-02',
        dateFormat: 'yyyy-mm-dd',
        tables: [
          opinionTable({ summary: { statusKey: 'status', unitKey: 'unit' } }),
          opinionTable({ sheetName: '我为群众办实事', title: '我为群众办实事台账', rows: practical, summary: { statusKey: 'status', unitKey: 'unit' } }),
          opinionTable({ sheetName: '征求意见', title: '同名的表', summary: {} }),
        ],
      },
      { onProgress: (n) => progress.push(n) },
    );
    assert.equal(result.rows, 8);
    assert.deepEqual(result.sheets, [
      { name: '征求意见', rows: 3 },
      { name: '我为群众办实事', rows: 2 },
      { name: '征求意见(2)', rows: 3 },
    ]);
    assert.equal(progress.at(-1), 8, 'progress counts rows across sheets');

    const book = readWithOpenpyxl(out);
    assert.deepEqual(book.sheetOrder, ['汇总', '征求意见', '我为群众办实事', '征求意见(2)']);
    assert.equal(book.formulaTags, 0);
    const summary = book.sheets[0]!;
    assert.equal(rowValues(summary, 1)[0], '市公安局队伍教育整顿报送材料汇总');
    assert.deepEqual(summary.pageSetup, { orientation: 'portrait', paperSize: 9, fitToWidth: 1, fitToHeight: 0, fitToPage: true });

    const rows = summary.rows.map((r) => r.map((c) => c.v).slice(0, 3));
    const block = (caption: string) => {
      const at = rows.findIndex((r) => r[0] === caption);
      assert.ok(at > 0, `a table captioned ${caption}: ${JSON.stringify(rows)}`);
      const end = rows.findIndex((r, i) => i > at && r[0] === '合计');
      return rows.slice(at + 1, end + 1);
    };
    // each table on its own, in its own status words, with its own total: nothing added across tables
    assert.deepEqual(block('一、征求意见：按办理状态统计'), [
      ['序号', '办理状态', '记录数'],
      [1, '已完成', 1],
      [2, '整改中', 1],
      [3, '（未填写）', 1],
      ['合计', null, 3],
    ]);
    assert.deepEqual(block('二、我为群众办实事：按办理状态统计'), [
      ['序号', '办理状态', '记录数'],
      [1, '已完成', 1],
      [2, '阶段性完成', 1],
      ['合计', null, 2],
    ]);
    const last = rows.findIndex((r) => r[0] === '三、征求意见(2)：记录数');
    assert.deepEqual(rows.slice(last + 1, last + 3), [['序号', '项目', '记录数'], [1, '记录数', 3]], 'a table with neither status nor unit: its count alone');
    assert.ok(!rows.some((r) => r.includes(8)), 'no grand total adding different tables');

    const opinions = book.sheets[1]!;
    assert.equal(opinions.freeze, 'A5');
    assert.equal(opinions.printTitleRows, '$3:$4', 'print titles belong to their own sheet after the reordering');
    assert.equal(book.sheets[3]!.printTitleRows, '$3:$4');
    assert.equal(rowValues(opinions, 5)[1], OPINION_ROWS[0]!.source);
  });

  it('exports.bundle: the ticked categories, each in its preset, the roster and the task list, behind one 汇总', async (t) => {
    const { backend, category, dir } = opinionOffice(t);
    const api = apiOf(backend);
    const [politics] = backend.units.list().filter((u) => u.name === '政治部');
    backend.roster.create({ name: '张三', unitId: politics!.id });
    await api.tasks.create({ title: '整改窗口排队问题', unitId: politics!.id, dueDate: '2026-04-01' });
    await api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '简表', spec: { title: '意见简表', columns: [{ key: 'content' }, { key: 'status' }] } });
    const out = path.join(dir, '报送包.xlsx');
    const r = await api.exports.bundle({
      path: out,
      title: '{填报单位}队伍教育整顿报送材料',
      parts: [{ target: 'ledger', categoryId: category.id, preset: '简表' }, { target: 'roster', preset: '通讯录' }, { target: 'tasks' }],
    });
    assert.deepEqual([r.rows, r.fileName], [5, '资阳市公安局政治部队伍教育整顿报送材料-2026-03-02.xlsx']);
    assert.deepEqual(r.sheets, [
      { name: '征求意见台账', rows: 3 },
      { name: '花名册', rows: 1 },
      { name: '督办任务清单', rows: 1 },
    ]);
    await assert.rejects(api.exports.bundle({ parts: [] }), (e: unknown) => e instanceof ApiError && /请至少勾选一项/.test(e.message));
    await assert.rejects(
      api.exports.bundle({ parts: [{ target: 'ledger', categoryId: category.id, preset: '无此方案' }] }),
      (e: unknown) => e instanceof ApiError && /导出方案“无此方案”不存在/.test(e.message),
    );

    const book = readWithOpenpyxl(out);
    assert.deepEqual(book.sheetOrder, ['汇总', '征求意见台账', '花名册', '督办任务清单']);
    assert.equal(rowValues(book.sheets[0]!, 1)[0], '资阳市公安局政治部队伍教育整顿报送材料');
    assert.equal(rowValues(book.sheets[1]!, 1)[0], '意见简表', 'each part in its own preset');
    assert.deepEqual(rowValues(book.sheets[1]!, 3), ['序号', '意见内容', '办理状态']);
    assert.equal(rowValues(book.sheets[2]!, 1)[0], '资阳市公安局政治部通讯录');
    const rows = book.sheets[0]!.rows.map((row) => row.map((c) => c.v).slice(0, 3));
    const captions = rows.filter((r) => typeof r[0] === 'string' && /^[一二三]、/.test(r[0])).map((r) => r[0]);
    assert.deepEqual(captions, ['一、征求意见台账：按办理状态统计', '二、花名册：按单位统计人数', '三、督办任务清单：按督办等级统计']);
    const after = (caption: string, n: number) => rows.slice(rows.findIndex((r) => r[0] === caption) + 1).slice(0, n);
    assert.deepEqual(after('一、征求意见台账：按办理状态统计', 5), [['序号', '办理状态', '记录数'], [1, '未办结', 0], [2, '办理中', 2], [3, '已办结', 1], ['合计', null, 3]]);
    assert.deepEqual(after('二、花名册：按单位统计人数', 3), [['序号', '单位', '人数'], [1, '政治部', 1], ['合计', null, 1]]);
    assert.deepEqual(after('三、督办任务清单：按督办等级统计', 7), [
      ['序号', '督办等级', '任务数'],
      [1, '白色领办', 1],
      [2, '蓝色催办', 0],
      [3, '黄色督办', 0],
      [4, '红色查办', 0],
      [5, '已办结', 0],
      ['合计', null, 1],
    ]);
  });
});
