import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planClear, planFill, planPaste, textKey } from '../../../renderer/src/sheet/paste-plan';
import { moveSelection, rangeOf, selectAll, single } from '../../../renderer/src/sheet/selection';
import { completeLast, matchOptions } from '../../../renderer/src/sheet/pick-list';
import { describeFilter } from '../../../renderer/src/sheet/filter-chips';

/** The sheet's plans as Excel users expect them; the browser tests drive the same code through the keyboard. */
const range = (top: number, left: number, bottom = top, right = left) => ({ top, left, bottom, right });

describe('sheet: paste, fill and clear plans', () => {
  const columns = ['a', 'b', null, 'd']; // column 2 cannot be edited
  it('lays a block from the top-left cell, skips a column that cannot be edited, adds rows past the end', () => {
    const plan = planPaste([['1', '2', 'x', '4'], ['5', '', 'y', '8'], ['9', '10', 'z', '12']], { range: range(1, 0), columns, rowIds: [11, 12], total: 3, canCreate: true });
    assert.deepEqual(plan.edits, [
      { id: 11, values: { a: '1', b: '2', d: '4' } },
      { id: 12, values: { a: '5', b: null, d: '8' } },
    ]);
    assert.deepEqual(plan.creates, [{ values: { a: '9', b: '10', d: '12' } }]);
    assert.equal(plan.texts.get(textKey('new:0', 'd')), '12', 'a new row’s text is kept for its red mark');
    assert.equal(plan.cells, 9);
  });

  it('puts one copied value into every selected cell', () => {
    const plan = planPaste([['同上']], { range: range(0, 0, 1, 1), columns, rowIds: [1, 2], total: 2, canCreate: true });
    assert.deepEqual(plan.edits, [
      { id: 1, values: { a: '同上', b: '同上' } },
      { id: 2, values: { a: '同上', b: '同上' } },
    ]);
    assert.equal(plan.creates.length, 0);
  });

  it('drops rows past the end where the sheet adds none', () => {
    const plan = planPaste([['1'], ['2']], { range: range(1, 0), columns, rowIds: [7], total: 2, canCreate: false });
    assert.deepEqual(plan.edits, [{ id: 7, values: { a: '1' } }]);
    assert.equal(plan.dropped, 1);
  });

  it('fills down from the range’s first row, or from the row above a one-row range', () => {
    const source = (row: number, col: number) => ({ value: `r${row}c${col}`, text: `r${row}c${col}` });
    const down = planFill('down', range(0, 0, 2, 1), { columns, rowIds: [1, 2, 3], source });
    assert.deepEqual(down.edits, [
      { id: 2, values: { a: 'r0c0', b: 'r0c1' } },
      { id: 3, values: { a: 'r0c0', b: 'r0c1' } },
    ]);
    const one = planFill('down', range(4, 1), { columns, rowIds: [5], source });
    assert.deepEqual(one.edits, [{ id: 5, values: { b: 'r3c1' } }]);
    const right = planFill('right', range(0, 0, 0, 3), { columns, rowIds: [1], source });
    assert.deepEqual(right.edits, [{ id: 1, values: { b: 'r0c0', d: 'r0c0' } }], 'the column that cannot be edited is left alone');
  });

  it('clears every editable cell of a range', () => {
    const plan = planClear(range(0, 1, 1, 3), { columns, rowIds: [1, undefined] });
    assert.deepEqual(plan.edits, [{ id: 1, values: { b: null, d: null } }], 'a row not read is not touched');
  });
});

describe('sheet: selection', () => {
  const b = { rows: 10, cols: 5 };
  it('moves the active cell, extends with Shift, jumps to the edge with Ctrl, never past the sheet', () => {
    const s = single({ row: 2, col: 2 });
    assert.deepEqual(moveSelection(s, 1, 0, b).active, { row: 3, col: 2 });
    const ext = moveSelection(moveSelection(s, 1, 0, b, { extend: true }), 0, 1, b, { extend: true });
    assert.deepEqual(rangeOf(ext), { top: 2, bottom: 3, left: 2, right: 3 });
    assert.deepEqual(ext.active, { row: 2, col: 2 }, 'the active cell stays where the range started');
    assert.deepEqual(moveSelection(s, 1, 0, b, { toEdge: true }).active, { row: 9, col: 2 });
    assert.deepEqual(moveSelection(s, -5, -5, b).active, { row: 0, col: 0 });
  });
  it('selects everything with Ctrl+A, keeping the active cell', () => {
    const all = selectAll(single({ row: 4, col: 1 }), b);
    assert.deepEqual(rangeOf(all), { top: 0, bottom: 9, left: 0, right: 4 });
    assert.deepEqual(all.active, { row: 4, col: 1 });
  });
});

describe('sheet: pick lists and filter chips', () => {
  const options = ['办理中', '已办结', '未办结'].map((v) => ({ value: v, label: v, key: v }));
  it('matches what is typed, those starting with it first; a several-value cell completes its last value', () => {
    assert.deepEqual(matchOptions(options, '办结', false).map((o) => o.label), ['已办结', '未办结']);
    assert.deepEqual(matchOptions(options, '已办结、办理', true).map((o) => o.label), ['办理中']);
    assert.equal(completeLast('已办结、办', '办理中'), '已办结、办理中、');
  });
  it('says a filter in words', () => {
    assert.equal(describeFilter({ filterType: 'choice', values: ['已办结', '办理中'] }), '已办结、办理中');
    assert.equal(describeFilter({ filterType: 'text', type: 'contains', filter: '窗口' }), '包含“窗口”');
    assert.equal(describeFilter({ filterType: 'date', type: 'inRange', dateFrom: '2021-03-01 00:00:00', dateTo: '2021-03-31 00:00:00' }), '2021-03-01 至 2021-03-31');
  });
});
