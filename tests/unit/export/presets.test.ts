import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/define';
import type { ExportPresetSpecInput } from '../../../shared/contract/exports';
import { auditRows } from '../../helpers/temp-db';
import { cellAt, rowValues } from '../../helpers/inspect-xlsx';
import { inProcessCli, onlyJson } from '../../helpers/cli';
import { apiOf, readWithOpenpyxl, opinionOffice } from './fixtures';

const rejectsWith = (code: string, message: RegExp) => (err: unknown) => {
  assert.ok(err instanceof ApiError, String(err));
  assert.equal(err.code, code);
  assert.match(err.message, message);
  return true;
};

/** The office's own preset for the 征求意见台账: another order, another group, Chinese dates, 合计 and 统计. */
const MINE: ExportPresetSpecInput = {
  title: '{填报单位}征求意见整改落实情况表',
  columns: [
    { key: 'content' },
    { key: 'unit' },
    { key: 'deadline', group: '整改落实' },
    { key: 'status', group: '整改落实' },
  ],
  dateFormat: 'yyyy年m月d日',
  totalsRow: true,
  statsSheet: true,
};

describe('export presets (导出方案)', () => {
  it('each ledger category starts from its template’s built-in form: 整改情况 over 整改措施 / 完成时限 / 办理状态', async (t) => {
    const { backend, category } = opinionOffice(t);
    const list = await apiOf(backend).exports.presets({ target: 'ledger', categoryId: category.id });
    assert.equal(list.defaultTitle, '资阳市公安局政治部征求意见台账');
    assert.deepEqual(list.columns.map((c) => c.label), category.fields.map((f) => f.label));
    const [standard] = list.presets;
    assert.equal(list.presets.length, 1);
    assert.deepEqual([standard!.name, standard!.builtIn, standard!.id], ['标准表样', true, null]);
    assert.equal(standard!.spec.title, '{填报单位}征求意见建议整改台账');
    assert.deepEqual(
      standard!.spec.columns.filter((c) => c.group).map((c) => [c.key, c.group]),
      [['measure', '整改情况'], ['deadline', '整改情况'], ['status', '整改情况']],
    );

    const out = path.join(path.dirname(backend.ctx.dbPath), '意见.xlsx');
    const r = await apiOf(backend).exports.ledger({ categoryId: category.id, path: out });
    assert.equal(r.rows, 3);
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    assert.equal(rowValues(sheet, 1)[0], '资阳市公安局政治部征求意见建议整改台账');
    assert.deepEqual(rowValues(sheet, 3), ['序号', '来源方式', '类别', '意见内容', '责任单位', '整改情况', null, null, '反馈情况', '备注']);
    assert.deepEqual(rowValues(sheet, 4).slice(5, 8), ['整改措施', '完成时限', '办理状态']);
    assert.ok(sheet.merged.includes('F3:H3'), `group cell merged: ${sheet.merged.join(' ')}`);
    assert.ok(sheet.merged.includes('B3:B4') && sheet.merged.includes('A3:A4'), 'ungrouped labels span both header rows');
    assert.equal(sheet.freeze, 'A5');
    assert.equal(sheet.printTitleRows, '$3:$4');
    assert.deepEqual(rowValues(sheet, 5).slice(0, 6), [1, '座谈会', '为民服务', '办事窗口排队时间长', '政治部', '增设窗口\n推行预约']);
    assert.deepEqual([cellAt(sheet, 'G5')!.v, cellAt(sheet, 'G5')!.t, cellAt(sheet, 'G5')!.fmt], ['2021-04-30', 'd', 'yyyy-mm-dd']);
    assert.equal(cellAt(sheet, 'D6')!.quotePrefix, true, '“=1+1 …” stays text');
  });

  it('saves, renames and deletes the office’s own presets, each change audited; exports honour the saved one', async (t) => {
    const { backend, category, dir } = opinionOffice(t);
    const api = apiOf(backend);
    const saved = await api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '整改落实表', spec: MINE });
    assert.equal(saved.builtIn, false);
    assert.deepEqual(saved.spec.columns, [
      { key: 'content', group: '' },
      { key: 'unit', group: '' },
      { key: 'deadline', group: '整改落实' },
      { key: 'status', group: '整改落实' },
    ]);
    const names = async () => (await api.exports.presets({ target: 'ledger', categoryId: category.id })).presets.map((p) => p.name);
    assert.deepEqual(await names(), ['标准表样', '整改落实表']);
    // another category and other targets do not see it
    const other = backend.ledger.categories.create({ templateKey: 'opinions', name: '第二批意见' });
    assert.deepEqual((await api.exports.presets({ target: 'ledger', categoryId: other.id })).presets.map((p) => p.name), ['标准表样']);
    assert.deepEqual((await api.exports.presets({ target: 'roster' })).presets.map((p) => p.name), ['花名册', '通讯录']);

    await assert.rejects(api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '整改落实表', spec: MINE }), rejectsWith('CONFLICT', /已有名为“整改落实表”的导出方案/));
    await assert.rejects(api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '标准表样', spec: MINE }), rejectsWith('CONFLICT', /“标准表样”是内置方案的名称/));
    await assert.rejects(
      api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '坏方案', spec: { columns: [{ key: 'nope' }] } }),
      rejectsWith('VALIDATION', /征求意见台账没有“nope”这一列/),
    );
    await assert.rejects(
      api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '坏方案', spec: { columns: [{ key: 'unit' }, { key: 'unit' }] } }),
      rejectsWith('VALIDATION', /“责任单位”列选了两次/),
    );
    await assert.rejects(api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '空', spec: { columns: [] } }), rejectsWith('VALIDATION', /请至少选择一列/));
    await assert.rejects(api.exports.savePreset({ target: 'ledger', name: '无类别', spec: MINE }), rejectsWith('VALIDATION', /请指定台账类别/));

    const renamed = await api.exports.renamePreset({ id: saved.id!, name: '整改落实情况表' });
    assert.equal(renamed.name, '整改落实情况表');
    const updated = await api.exports.savePreset({ id: saved.id!, target: 'ledger', categoryId: category.id, name: '整改落实情况表', spec: { ...MINE, totalsRow: true, statsSheet: true } });
    assert.equal(updated.id, saved.id);

    const out = path.join(dir, '整改落实.xlsx');
    assert.equal((await api.exports.ledger({ categoryId: category.id, preset: '整改落实情况表', path: out })).rows, 3);
    await assert.rejects(api.exports.ledger({ categoryId: category.id, preset: '整改落实表' }), rejectsWith('NOT_FOUND', /导出方案“整改落实表”不存在，征求意见台账可用的方案：“标准表样”、“整改落实情况表”/));

    await api.exports.deletePreset({ id: saved.id! });
    assert.deepEqual(await names(), ['标准表样']);
    await assert.rejects(api.exports.deletePreset({ id: saved.id! }), rejectsWith('NOT_FOUND', /该导出方案不存在/));

    const audit = auditRows(backend).filter((a) => a.entity === 'export_preset');
    assert.deepEqual(
      audit.map((a) => [a.action, a.field, a.actor]),
      [
        ['create', null, '测试员'],
        ['update', '名称', '测试员'],
        ['delete', null, '测试员'],
      ],
      'saving the same spec again changes nothing and logs nothing',
    );
    assert.match(audit[0]!.new_value!, /"name":"整改落实表"/);
    assert.deepEqual([audit[1]!.old_value, audit[1]!.new_value], ['整改落实表', '整改落实情况表']);
    assert.match(audit[2]!.old_value!, /"name":"整改落实情况表"/);

    const book = readWithOpenpyxl(out);
    assert.deepEqual(book.sheetOrder, ['征求意见台账', '统计']);
    const sheet = book.sheets[0]!;
    assert.equal(rowValues(sheet, 1)[0], '资阳市公安局政治部征求意见整改落实情况表');
    assert.deepEqual(rowValues(sheet, 3), ['序号', '意见内容', '责任单位', '整改落实', null]);
    assert.deepEqual(rowValues(sheet, 4).slice(3), ['完成时限', '办理状态']);
    assert.ok(sheet.merged.includes('D3:E3'));
    assert.deepEqual([cellAt(sheet, 'D5')!.v, cellAt(sheet, 'D5')!.fmt], ['2021-04-30', 'yyyy"年"m"月"d"日"'], 'dates as the preset says');
    assert.deepEqual(rowValues(sheet, 8), ['合计', '共 3 条', null, null, null]);
    assert.equal(cellAt(sheet, 'A8')!.bold, true);
    const stats = book.sheets[1]!.rows.map((r) => r.map((c) => c.v));
    assert.equal(stats[0]![0], '资阳市公安局政治部征求意见整改落实情况表统计表');
    const byStatus = stats.findIndex((r) => r[1] === '办理状态');
    assert.deepEqual(stats.slice(byStatus, byStatus + 4).map((r) => r.slice(0, 3)), [
      ['序号', '办理状态', '数量'],
      [1, '已办结', 1],
      [2, '办理中', 2],
      ['合计', null, 3],
    ]);
    const byUnit = stats.findIndex((r) => r[1] === '单位');
    assert.deepEqual(stats.slice(byUnit, byUnit + 4).map((r) => r.slice(0, 5)), [
      ['序号', '单位', '已办结', '办理中', '合计'],
      [1, '政治部', 1, 1, 2],
      [2, '指挥中心', 0, 1, 1],
      ['合计', null, 1, 2, 3],
    ]);
  });

  it('exports the grid’s current view: its filter, sort and search, and the columns it shows', async (t) => {
    const { backend, category, dir } = opinionOffice(t);
    const api = apiOf(backend);
    const out = path.join(dir, 'view.xlsx');
    const r = await api.exports.ledger({
      categoryId: category.id,
      path: out,
      view: { filters: [{ field: 'status', op: 'equals', value: '办理中' }], sort: [{ field: 'deadline', dir: 'desc' }] },
      fields: ['deadline', 'content', 'status'],
    });
    assert.equal(r.rows, 2);
    assert.equal((await api.exports.ledger({ categoryId: category.id, path: path.join(dir, 's.xlsx'), view: { search: '回访' } })).rows, 1);
    await assert.rejects(api.exports.ledger({ categoryId: category.id, fields: ['nope'] }), rejectsWith('VALIDATION', /征求意见台账没有“nope”这一列/));
    const book = readWithOpenpyxl(out);
    const sheet = book.sheets[0]!;
    // the grid's columns keep the preset's groups; split apart, each part gets its own group cell
    assert.deepEqual(rowValues(sheet, 3), ['序号', '整改情况', '意见内容', '整改情况']);
    assert.deepEqual(rowValues(sheet, 4), [null, '完成时限', null, '办理状态']);
    assert.ok(sheet.merged.includes('C3:C4'));
    assert.deepEqual(sheet.rows.slice(4).map((row) => row.map((c) => c.v)), [
      [1, '2021-06-01', '案件回访不及时', '办理中'],
      [2, '2021-05-15', '=1+1 会议多', '办理中'],
    ]);
  });

  it('reports progress under its job id, and a cancel leaves no file', async (t) => {
    const { backend, category, dir } = opinionOffice(t);
    const api = apiOf(backend);
    const jobId = 'export-job-0001';
    const done = await api.exports.ledger({ categoryId: category.id, path: path.join(dir, 'a.xlsx'), jobId });
    assert.equal(done.rows, 3);
    assert.deepEqual(await api.jobs.progress({ jobId }), { jobId, phase: '导出', done: 3, total: 3, finished: true });

    const out = path.join(dir, 'cancelled.xlsx');
    const running = api.exports.ledger({ categoryId: category.id, path: out, jobId: 'export-job-0002' });
    assert.deepEqual(await api.jobs.cancel({ jobId: 'export-job-0002' }), { cancelled: true });
    await assert.rejects(running, rejectsWith('CANCELLED', /导出已取消，未生成文件/));
    assert.deepEqual(fs.readdirSync(dir).filter((f) => !f.endsWith('.db') && !f.includes('.db-')).sort(), ['a.xlsx']);
  });

  it('a saved preset outlives a removed field: the export leaves that column out', async (t) => {
    const { backend, category, dir } = opinionOffice(t);
    const api = apiOf(backend);
    await api.exports.savePreset({ target: 'ledger', categoryId: category.id, name: '带备注', spec: { columns: [{ key: 'content' }, { key: 'note' }] } });
    backend.ledger.categories.removeField(category.fields.find((f) => f.key === 'note')!.id);
    const out = path.join(dir, 'a.xlsx');
    assert.equal((await api.exports.ledger({ categoryId: category.id, preset: '带备注', path: out })).rows, 3);
    const book = readWithOpenpyxl(out);
    assert.deepEqual(rowValues(book.sheets[0]!, 3), ['序号', '意见内容']);
  });

  it('CLI: export CATEGORY --preset NAME uses the saved preset; an unknown one exits 1 naming those there are', async (t) => {
    const { backend, dbPath, dir } = opinionOffice(t);
    await apiOf(backend).exports.savePreset({ target: 'ledger', categoryId: (backend.ledger.categories.list()[0]!).id, name: '整改落实表', spec: MINE });
    backend.close();
    const out = path.join(dir, 'cli.xlsx');
    const ok = await inProcessCli(['export', '征求意见台账', '--db', dbPath, '--out', out, '--preset', '整改落实表', '--json']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(onlyJson(ok), { out, rows: 3 });
    const bad = await inProcessCli(['export', '征求意见台账', '--db', dbPath, '--out', path.join(dir, 'b.xlsx'), '--preset', '无此方案', '--json']);
    assert.deepEqual([bad.status, bad.stdout], [1, '']);
    assert.match(bad.stderr, /导出方案“无此方案”不存在，征求意见台账可用的方案：“标准表样”、“整改落实表”/);
    const book = readWithOpenpyxl(out);
    assert.deepEqual(book.sheetOrder, ['征求意见台账', '统计']);
    assert.deepEqual(rowValues(book.sheets[0]!, 4).slice(3), ['完成时限', '办理状态']);
  });
});
