import type { TestContext } from 'node:test';
import type { Backend } from '../../../electron/backend/backend';
import { createDispatcher } from '../../../electron/backend/dispatch';
import { createApiClient } from '../../../shared/contract/client';
import type { Api, Handlers } from '../../../shared/contract/types';
import { openTestBackend } from '../../helpers/temp-db';
import type { ExportColumn, ExportTable } from '../../../electron/backend/export/table-spec';
import { inspectXlsx, openpyxlPython, type InspectedWorkbook } from '../../helpers/inspect-xlsx';

/** A 征求意见 ledger shaped like the seeds': a grouped header, IDs, dates, numbers, hostile text. */
export const OPINION_COLUMNS: ExportColumn[] = [
  { key: 'source', label: '意见来源', kind: 'text' },
  { key: 'content', label: '意见建议内容', kind: 'longText' },
  { key: 'idNumber', label: '反映人身份号码', kind: 'id' },
  { key: 'measure', label: '整改措施', kind: 'longText', group: '整改情况' },
  { key: 'deadline', label: '完成时限', kind: 'date', group: '整改情况' },
  { key: 'status', label: '办理状态', kind: 'text', group: '整改情况' },
  { key: 'month', label: '反馈月份', kind: 'month' },
  { key: 'people', label: '涉及人数', kind: 'integer' },
  { key: 'funds', label: '投入资金（万元）', kind: 'number' },
  { key: 'unit', label: '责任单位', kind: 'text' },
];

export const OPINION_ROWS = [
  { source: '座谈会', content: '办事窗口排队时间长', idNumber: '11010519491231002X', measure: '增设窗口\n推行预约', deadline: '2021-04-30', status: '已完成', month: '2021-05', people: 12, funds: 0.1, unit: '政治部' },
  { source: '走访', content: '=1+1', idNumber: '110105194912310021', measure: '+86 13800000000', deadline: '2021-02-29', status: '整改中', month: null, people: '3', funds: 0.2, unit: '指挥中心' },
  { source: '@SUM(A1)', content: '-5', idNumber: '-5', measure: '\t=cmd', deadline: '待定', status: '', month: '2021-12', people: 2.5, funds: null, unit: '政治部' },
];

export function opinionTable(over: Partial<ExportTable> = {}): ExportTable {
  return {
    title: '市公安局队伍教育整顿征求意见建议整改台账',
    officeName: '市公安局队伍教育整顿领导小组办公室',
    reportDate: '2026-03-02',
    dateFormat: 'yyyy-mm-dd',
    columns: OPINION_COLUMNS,
    rows: OPINION_ROWS,
    sheetName: '征求意见',
    ...over,
  };
}

/** Reads `file` with openpyxl (failing, with how to install it, where none is installed). */
export function readWithOpenpyxl(file: string): InspectedWorkbook {
  return inspectXlsx(openpyxlPython(), file);
}

/** Column letter of a 1-based column number (up to ZZ). */
export const colLetter = (n: number): string => (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/** The typed api over a test backend, through the real dispatcher (inputs parsed by the contract). */
export function apiOf(backend: Backend): Api {
  const dispatch = createDispatcher(() => backend.handlers as Handlers);
  return createApiClient((method, input) => dispatch(method, input));
}

/**
 * A small office with a 征求意见台账 made from the built-in template: three opinions over
 * two units, dates, statuses (one left empty), formula-looking text.
 */
export function opinionOffice(t: TestContext) {
  const tb = openTestBackend(t);
  const { backend } = tb;
  backend.app.setOfficeName('资阳市公安局政治部');
  const party = backend.units.create({ name: '市公安局党委', parentId: null, kind: 'leading' });
  backend.units.create({ name: '政治部', parentId: party.id, kind: 'department' });
  backend.units.create({ name: '指挥中心', parentId: party.id, kind: 'department' });
  const category = backend.ledger.categories.create({ templateKey: 'opinions' });
  const records = [
    { source: '座谈会', aspect: '为民服务', content: '办事窗口排队时间长', unit: '政治部', measure: '增设窗口\n推行预约', deadline: '2021-04-30', status: '已办结', feedback: '群众满意' },
    { source: '走访', aspect: '工作作风', content: '=1+1 会议多', unit: '指挥中心', measure: '精简会议', deadline: '2021-05-15', status: '办理中', note: '-待复核' },
    { source: '意见箱', aspect: '执法办案', content: '案件回访不及时', unit: '政治部', deadline: '2021-06-01', status: '办理中' },
  ].map((values) => backend.ledger.records.create(category.id, values));
  return { ...tb, category, records };
}
