import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { exportBundle } from '../../../electron/backend/export';
import { tempDir } from '../../helpers/temp-db';
import { rowValues } from '../../helpers/inspect-xlsx';
import { OPINION_ROWS, inspectOrSkip, opinionTable } from './fixtures';

const practical = [
  { source: '群众来信', content: '开通夜间办证', status: '已完成', unit: '指挥中心' },
  { source: '网上留言', content: '增加停车位', status: '阶段性完成', unit: '' },
];

describe('exportBundle: a 报送包 with a 汇总 sheet', () => {
  it('puts each table on its own sheet and counts by status and unit on 汇总, first among the tabs', async (t) => {
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

    const book = inspectOrSkip(t, out);
    if (!book) return;
    assert.deepEqual(book.sheetOrder, ['汇总', '征求意见', '我为群众办实事', '征求意见(2)']);
    assert.equal(book.formulaTags, 0);
    const summary = book.sheets[0]!;
    assert.equal(rowValues(summary, 1)[0], '市公安局队伍教育整顿报送材料汇总');
    assert.deepEqual(summary.pageSetup, { orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, fitToPage: true });

    const rows = summary.rows.map((r) => r.map((c) => c.v));
    const at = (first: string) => rows.findIndex((r) => r[0] === first || r[1] === first);
    const statusHeader = rows[at('台账')]!;
    assert.deepEqual(statusHeader, ['序号', '台账', '已完成', '整改中', '（未填写）', '阶段性完成', '合计']);
    assert.deepEqual(rows[at('台账') + 1], [1, '征求意见', 1, 1, 1, 0, 3]);
    assert.deepEqual(rows[at('台账') + 2], [2, '我为群众办实事', 1, 0, 0, 1, 2]);
    assert.deepEqual(rows[at('台账') + 3], [3, '征求意见(2)', null, null, null, null, 3], 'a table without a status column shows blanks, not zeros');
    assert.deepEqual(rows[at('台账') + 4], ['合计', '共 3 项', 2, 1, 1, 1, 8]);

    const unitHeader = at('单位');
    assert.deepEqual(rows[unitHeader]!.slice(0, 5), ['序号', '单位', '征求意见', '我为群众办实事', '合计']);
    assert.deepEqual(rows[unitHeader + 1]!.slice(0, 5), [1, '政治部', 2, 0, 2]);
    assert.deepEqual(rows[unitHeader + 2]!.slice(0, 5), [2, '指挥中心', 1, 1, 2]);
    assert.deepEqual(rows[unitHeader + 3]!.slice(0, 5), [3, '（未填写）', 0, 1, 1]);
    assert.deepEqual(rows[unitHeader + 4]!.slice(0, 5), ['合计', '共 3 项', 3, 2, 5]);

    const opinions = book.sheets[1]!;
    assert.equal(opinions.freeze, 'A5');
    assert.equal(opinions.printTitleRows, '$3:$4', 'print titles belong to their own sheet after the reordering');
    assert.equal(book.sheets[3]!.printTitleRows, '$3:$4');
    assert.equal(rowValues(opinions, 5)[1], OPINION_ROWS[0]!.source);
  });
});
