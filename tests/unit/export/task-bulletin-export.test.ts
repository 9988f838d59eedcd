import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { ApiError } from '../../../shared/contract/define';
import { openTestBackend } from '../../helpers/temp-db';
import { cellAt, rowValues } from '../../helpers/inspect-xlsx';
import { apiOf, readWithOpenpyxl } from './fixtures';

/** Three tasks around the test clock's today (2026-03-02): one far overdue, one due tomorrow, one not yet due. */
async function supervisedOffice(t: TestContext) {
  const tb = openTestBackend(t);
  const { backend } = tb;
  const api = apiOf(backend);
  backend.app.setOfficeName('市公安局队伍教育整顿领导小组办公室');
  const party = backend.units.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
  const politics = backend.units.create({ name: '政治部', parentId: party.id, kind: 'department' });
  const centre = backend.units.create({ name: '指挥中心', parentId: party.id, kind: 'department' });
  const chief = backend.roster.create({ name: '赵局长', unitId: party.id });
  const clerk = backend.roster.create({ name: '钱科长', unitId: politics.id });
  const late = await api.tasks.create({ title: '整改窗口排队问题', unitId: politics.id, responsibleId: clerk.id, leadLeaderId: chief.id, startDate: '2026-01-10', dueDate: '2026-02-20', progress: 40, status: '推进中' });
  const soon = await api.tasks.create({ title: '=修订值班制度', unitId: politics.id, responsibleId: clerk.id, startDate: '2026-02-01', dueDate: '2026-03-03', progress: 80, status: '推进中' });
  const calm = await api.tasks.create({ title: '开展警示教育', unitId: centre.id, dueDate: '2026-04-30' });
  return { ...tb, api, politics, centre, late, soon, calm };
}

const rejectsWith = (code: string, message: RegExp) => (err: unknown) => {
  assert.ok(err instanceof ApiError, String(err));
  assert.equal(err.code, code);
  assert.match(err.message, message);
  return true;
};

describe('task list and bulletin exports', () => {
  it('exports.taskList: the 督办任务清单 form with level names, filtered like tasks.list', async (t) => {
    const { api, dir, politics, late } = await supervisedOffice(t);
    const out = path.join(dir, '任务.xlsx');
    const r = await api.exports.taskList({ path: out });
    assert.equal(r.rows, 3);
    assert.equal(r.fileName, '市公安局队伍教育整顿领导小组办公室督办任务清单-2026-03-02.xlsx');
    assert.equal((await api.exports.taskList({ unitId: politics.id, path: path.join(dir, 'unit.xlsx') })).rows, 2);
    assert.equal((await api.exports.taskList({ level: late.level, path: path.join(dir, 'red.xlsx') })).rows, 1);
    assert.equal((await api.exports.taskList({ status: '未开始', path: path.join(dir, 'new.xlsx') })).rows, 1);
    const browser = await api.exports.taskList({ status: '未开始' });
    assert.equal(browser.out, null);
    assert.ok(Buffer.from(browser.dataBase64!, 'base64').subarray(0, 2).toString() === 'PK', 'the browser gets the .xlsx bytes');

    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(rowValues(sheet, 1)[0], '市公安局队伍教育整顿领导小组办公室督办任务清单');
    assert.deepEqual(rowValues(sheet, 3), ['序号', '任务名称', '责任单位', '责任人', '牵头领导', '办理时限', null, '进度', '状态', '督办等级']);
    assert.deepEqual(rowValues(sheet, 4).slice(5, 7), ['开始时间', '完成时限']);
    assert.ok(sheet.merged.includes('F3:G3'));
    assert.equal(sheet.freeze, 'A5');
    assert.equal(sheet.printTitleRows, '$3:$4');
    const body = sheet.rows.slice(4).map((row) => row.map((c) => c.v));
    assert.deepEqual(body[0], [1, '整改窗口排队问题', '政治部', '钱科长', '赵局长', '2026-01-10', '2026-02-20', '40%', '推进中', '红色查办']);
    assert.deepEqual(body[1], [2, '=修订值班制度', '政治部', '钱科长', null, '2026-02-01', '2026-03-03', '80%', '推进中', '蓝色催办']);
    assert.deepEqual(body[2], [3, '开展警示教育', '指挥中心', null, null, null, '2026-04-30', '0%', '未开始', '白色领办']);
    assert.equal(cellAt(sheet, 'B6')!.quotePrefix, true, 'a title starting with = stays text');
    assert.equal(cellAt(sheet, 'G5')!.t, 'd');
  });

  it('exports.bulletin: a draft as edited, its text then the tasks it names; a saved one as text', async (t) => {
    const { api, dir, late } = await supervisedOffice(t);
    const draft = await api.tasks.bulletinDraft({});
    const taskIds = draft.groups.flatMap((g) => g.tasks.map((x) => x.taskId));
    assert.deepEqual(taskIds, [late.id], 'the fixture names one overdue task');
    const out = path.join(dir, '通报.xlsx');
    const r = await api.exports.bulletin({ path: out, draft: { issue: draft.issue, date: draft.date, title: draft.title, content: draft.content, unitsNamed: draft.unitsNamed, taskIds } });
    assert.equal(r.rows, 1);

    const saved = await api.tasks.saveBulletin({ issue: draft.issue, date: draft.date, title: draft.title, content: draft.content, unitsNamed: draft.unitsNamed, taskIds });
    const savedOut = path.join(dir, '已印发.xlsx');
    assert.equal((await api.exports.bulletin({ path: savedOut, recordId: saved.recordId })).rows, 0);

    await assert.rejects(api.exports.bulletin({ path: savedOut }), rejectsWith('VALIDATION', /请指定要导出的通报/));
    const otherCategory = (await api.ledger.createCategory({ templateKey: 'opinions' })).id;
    const opinion = await api.ledger.create({ categoryId: otherCategory, values: { content: '意见' } });
    await assert.rejects(api.exports.bulletin({ recordId: opinion.id }), rejectsWith('VALIDATION', /所选记录属于“征求意见台账”，不是通报/));

    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(sheet.name, `通报${draft.issue}`);
    assert.equal(rowValues(sheet, 1)[0], draft.title);
    assert.equal(rowValues(sheet, 2)[0], '填报单位：市公安局队伍教育整顿领导小组办公室');
    // each paragraph indented two full-width spaces, the draft's numbered items four
    const paragraphs = draft.content.split('\n').filter((p) => p.trim()).map((p) => (p.startsWith('  ') ? `　　　　${p.trimStart()}` : `　　${p}`));
    paragraphs.forEach((p, i) => assert.equal(rowValues(sheet, 3 + i)[0], p));
    const headerRow = 3 + paragraphs.length + 1;
    assert.equal(rowValues(sheet, headerRow - 1)[0], '附：被通报任务清单（共 1 项）');
    assert.deepEqual(rowValues(sheet, headerRow), ['序号', '责任单位', '任务名称', '完成时限', '进度', '状态', '督办等级']);
    assert.deepEqual(rowValues(sheet, headerRow + 1), [1, '政治部', '整改窗口排队问题', '2026-02-20', '40%', '推进中', '红色查办']);
    assert.ok(sheet.merged.includes(`A3:G3`), 'each paragraph spans the table');
    assert.equal(sheet.freeze, null, 'no frozen pane below a page of text');
    assert.equal(sheet.printTitleRows, `$${headerRow}:$${headerRow}`);

    const text = readWithOpenpyxl(savedOut).sheets[0]!;
    assert.equal(rowValues(text, 1)[0], draft.title);
    assert.deepEqual(text.rows.slice(2).map((row) => row[0]!.v), paragraphs);
    assert.equal(text.maxCol, 1, 'text only: no table');
  });
});
