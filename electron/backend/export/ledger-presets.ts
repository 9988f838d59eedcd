import type { ExportPresetSpec } from '../../../shared/contract/exports';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { builtIn } from './preset-spec';

/** Name of every ledger category's built-in preset. */
export const LEDGER_BUILTIN_NAME = '标准表样';

/**
 * The form each built-in template is usually submitted on: its title and its header
 * groups (the columns not listed keep their place and have no group). Keys are the
 * templates' field keys (electron/backend/ledger/templates/).
 */
const TEMPLATE_FORMS: Record<string, { title: string; keys: string[]; groups?: Record<string, string[]>; totalsRow?: boolean }> = {
  opinions: {
    title: '{填报单位}征求意见建议整改台账',
    keys: ['source', 'aspect', 'content', 'unit', 'measure', 'deadline', 'status', 'feedback', 'note'],
    groups: { 整改情况: ['measure', 'deadline', 'status'] },
  },
  practical: {
    title: '{填报单位}“我为群众办实事”实践活动台账',
    keys: ['matter', 'unit', 'leader', 'due', 'progress', 'effect'],
    groups: { 办理情况: ['progress', 'effect'] },
  },
  study: {
    title: '{填报单位}学习教育记录台账',
    keys: ['date', 'form', 'topic', 'speaker', 'unit', 'expected', 'present', 'attendees', 'notes', 'reflections'],
    groups: { 参学情况: ['expected', 'present', 'attendees'], 学习成果: ['notes', 'reflections'] },
    totalsRow: true,
  },
  exams: {
    title: '{填报单位}考试测试情况登记表',
    keys: ['person', 'exam', 'date', 'score', 'passed', 'retake'],
    groups: { 考试结果: ['score', 'passed', 'retake'] },
  },
  clues: {
    title: '{填报单位}问题线索办理台账',
    keys: ['code', 'received', 'source', 'person', 'unit', 'content', 'status', 'result'],
    groups: { 办理情况: ['status', 'result'] },
  },
  stubborn: {
    title: '{填报单位}顽瘴痼疾专项整治台账',
    keys: ['problem', 'kind', 'unit', 'measure', 'deadline', 'status', 'effect'],
    groups: { 整治情况: ['measure', 'deadline', 'status'] },
  },
  assistance: {
    title: '{填报单位}帮扶工作一人一档台账',
    keys: ['person', 'kind', 'hardship', 'helper', 'measure', 'visited', 'status'],
    groups: { 帮扶情况: ['helper', 'measure', 'visited', 'status'] },
  },
  'party-life': {
    title: '{填报单位}组织生活台账',
    keys: ['date', 'kind', 'topic', 'host', 'expected', 'present', 'record'],
    groups: { 参会人数: ['expected', 'present'] },
    totalsRow: true,
  },
  'party-assessment': {
    title: '{填报单位}党员考核评价台账',
    keys: ['person', 'period', 'de', 'neng', 'qin', 'ji', 'lian', 'grade', 'comment'],
    groups: { 考核得分: ['de', 'neng', 'qin', 'ji', 'lian'] },
  },
  bulletins: { title: '{填报单位}通报印发登记表', keys: ['issue', 'date', 'title', 'content', 'units'] },
};

/**
 * The built-in preset of a category: its template's form where it has one — the template's
 * columns still in the category, then any visible field the office added — else its
 * visible fields in order under the title 填报单位 + category name.
 */
export function ledgerBuiltIn(category: LedgerCategory): { name: string; spec: ExportPresetSpec } {
  const visible = category.fields.filter((f) => !f.hidden).map((f) => f.key);
  const form = category.templateKey ? TEMPLATE_FORMS[category.templateKey] : undefined;
  if (!form) return builtIn(LEDGER_BUILTIN_NAME, `{填报单位}${category.name}`, visible);
  const present = new Set(category.fields.map((f) => f.key));
  const keys = form.keys.filter((k) => present.has(k));
  const extra = visible.filter((k) => !keys.includes(k));
  return builtIn(LEDGER_BUILTIN_NAME, form.title, [...keys, ...extra], { ...(form.groups ? { groups: form.groups } : {}), ...(form.totalsRow ? { totalsRow: true } : {}) });
}
