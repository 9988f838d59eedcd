import { CLOSED, OPEN, WORKING, type LedgerTemplate, type TemplateField } from './template-types';

/**
 * The six 党建工作台账 (省司法厅办公室党支部: 政治建设、组织建设、组织生活、党员队伍建设、
 * 基础保障、考核评价). Each is a work list (清单化): task, standard, who, when, whether done.
 */
const workListFields = (kinds: string[]): TemplateField[] => [
  { key: 'task', label: '工作任务', type: 'text', required: true, synonyms: ['任务', '事项', '工作事项'] },
  { key: 'kind', label: '类型', type: 'singleChoice', choices: kinds, synonyms: ['类别'] },
  { key: 'standard', label: '建设标准', type: 'longText', synonyms: ['目标要求', '标准', '工作标准'] },
  { key: 'measure', label: '落实举措', type: 'longText', synonyms: ['举措', '措施'] },
  { key: 'owner', label: '责任人', type: 'person', synonyms: ['负责人'] },
  { key: 'date', label: '完成时间', type: 'date', synonyms: ['日期', '时间', '完成时限'] },
  {
    key: 'status',
    label: '落实情况',
    type: 'status',
    choices: [
      { value: '未落实', color: OPEN, closed: false, aliases: ['未开始'] },
      { value: '落实中', color: WORKING, closed: false, aliases: ['推进中'] },
      { value: '已落实', color: CLOSED, closed: true, aliases: ['已完成', '完成'] },
    ],
    defaultValue: '未落实',
    synonyms: ['状态', '完成情况'],
  },
  { key: 'evidence', label: '佐证材料', type: 'text', synonyms: ['佐证', '材料'] },
];

export const PARTY_TEMPLATES: LedgerTemplate[] = [
  { key: 'party-political', name: '政治建设台账', group: '党建工作', fields: workListFields(['理论学习', '第一议题', '意识形态', '政治谈心', '其他']) },
  { key: 'party-organisation', name: '组织建设台账', group: '党建工作', fields: workListFields(['支部设置', '换届选举', '发展党员', '结对共建', '其他']) },
  {
    key: 'party-life',
    name: '组织生活台账',
    group: '党建工作',
    fields: [
      { key: 'date', label: '日期', type: 'date', required: true, synonyms: ['时间'] },
      {
        key: 'kind',
        label: '类型',
        type: 'singleChoice',
        choices: ['支部党员大会', '支委会', '党小组会', '党课', '主题党日', '组织生活会', '民主评议党员'],
        synonyms: ['会议类型', '形式'],
      },
      { key: 'topic', label: '主题', type: 'text', required: true, synonyms: ['内容', '议题'] },
      { key: 'host', label: '主持人', type: 'person', synonyms: ['主讲人'] },
      { key: 'expected', label: '应到人数', type: 'number', synonyms: ['应到'] },
      { key: 'present', label: '实到人数', type: 'number', synonyms: ['实到'] },
      { key: 'record', label: '记录', type: 'longText', synonyms: ['会议记录', '主要内容'] },
    ],
  },
  { key: 'party-members', name: '党员队伍建设台账', group: '党建工作', fields: workListFields(['党员教育', '党员管理', '党员评议', '先锋模范', '其他']) },
  { key: 'party-support', name: '基础保障台账', group: '党建工作', fields: workListFields(['阵地建设', '党费收缴', '经费保障', '制度建设', '其他']) },
  {
    key: 'party-assessment',
    name: '考核评价台账',
    group: '党建工作',
    fields: [
      { key: 'person', label: '党员', type: 'person', required: true, synonyms: ['姓名'] },
      { key: 'period', label: '考核期', type: 'text', synonyms: ['季度', '考核时间'] },
      // 每季度从“德、能、勤、绩、廉”5个方面对党员干部进行综合考核
      { key: 'de', label: '德', type: 'number' },
      { key: 'neng', label: '能', type: 'number' },
      { key: 'qin', label: '勤', type: 'number' },
      { key: 'ji', label: '绩', type: 'number' },
      { key: 'lian', label: '廉', type: 'number' },
      { key: 'grade', label: '评价等次', type: 'singleChoice', choices: ['优秀', '合格', '基本合格', '不合格'], synonyms: ['等次', '考核结果'] },
      { key: 'comment', label: '评语', type: 'longText', synonyms: ['讲评'] },
    ],
  },
];
