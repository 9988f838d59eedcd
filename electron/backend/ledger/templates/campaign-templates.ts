import { CLOSED, OPEN, WORKING, type LedgerTemplate } from './template-types';

/**
 * The education-and-rectification (教育整顿) ledgers the seed reports name. Choices come
 * from the reports (e.g. the forms of study in 湖南, 六大顽瘴痼疾); synonyms are the other
 * header names offices give the same column, so their sheets import without remapping.
 */
const unitSynonyms = ['责任部门', '承办单位', '责任科室', '整改责任单位', '牵头单位', '主责单位'];

export const OPINIONS: LedgerTemplate = {
  key: 'opinions',
  name: '征求意见台账',
  group: '教育整顿',
  fields: [
    {
      key: 'source',
      label: '来源方式',
      type: 'singleChoice',
      choices: ['座谈会', '走访', '意见箱', '电话', '网上征集', '信函', '个别谈话', '其他'],
      synonyms: ['提出方式', '征集方式', '来源', '意见来源', '收集方式'],
    },
    { key: 'content', label: '意见内容', type: 'longText', required: true, synonyms: ['意见建议内容', '意见建议', '意见', '内容', '问题及意见建议'] },
    {
      key: 'aspect',
      label: '类别',
      type: 'singleChoice',
      // 湖南: 征集6个方面32条意见建议
      choices: ['思想观念', '工作作风', '执法办案', '为民服务', '制度机制', '政策措施'],
      synonyms: ['意见类别', '所属方面', '方面', '问题类别'],
    },
    { key: 'unit', label: '责任单位', type: 'unit', synonyms: unitSynonyms },
    { key: 'measure', label: '整改措施', type: 'longText', synonyms: ['整改情况/整改措施', '整改举措', '措施'] },
    { key: 'deadline', label: '完成时限', type: 'date', synonyms: ['整改情况/完成时限', '完成时间', '整改时限', '办结时限'] },
    {
      key: 'status',
      label: '办理状态',
      type: 'status',
      choices: [
        { value: '未办结', color: OPEN, closed: false, aliases: ['未启动', '未开始', '未整改'] },
        { value: '办理中', color: WORKING, closed: false, aliases: ['整改中', '正在办理', '推进中', '正在整改'] },
        { value: '已办结', color: CLOSED, closed: true, aliases: ['办结', '已完成', '已整改', '完成'] },
      ],
      defaultValue: '未办结',
      synonyms: ['整改情况/办理状态', '状态', '整改状态', '办结情况'],
    },
    { key: 'feedback', label: '反馈情况', type: 'longText', synonyms: ['反馈', '回访情况', '群众反馈', '答复情况'] },
    { key: 'note', label: '备注', type: 'text', synonyms: ['说明'] },
  ],
};

export const PRACTICAL: LedgerTemplate = {
  key: 'practical',
  name: '我为群众办实事',
  group: '教育整顿',
  fields: [
    { key: 'matter', label: '事项', type: 'text', required: true, synonyms: ['实事项目', '项目名称', '实事内容', '事项名称', '民生实事'] },
    { key: 'unit', label: '责任单位', type: 'unit', synonyms: unitSynonyms },
    { key: 'leader', label: '牵头领导', type: 'person', synonyms: ['责任领导', '分管领导', '牵头局领导'] },
    { key: 'due', label: '计划完成时间', type: 'date', synonyms: ['完成时限', '计划完成时限', '完成时间'] },
    {
      key: 'progress',
      label: '进展',
      type: 'status',
      // 湖南: 29项, 已完成18项, 阶段性完成11项
      choices: [
        { value: '推进中', color: OPEN, closed: false, aliases: ['未完成', '正在推进', '办理中'] },
        { value: '阶段性完成', color: WORKING, closed: false, aliases: ['阶段完成'] },
        { value: '已完成', color: CLOSED, closed: true, aliases: ['完成', '已办结'] },
      ],
      defaultValue: '推进中',
      synonyms: ['进展情况', '完成情况', '办理状态'],
    },
    { key: 'effect', label: '成效', type: 'longText', synonyms: ['工作成效', '取得成效', '成效情况'] },
  ],
};

export const STUDY: LedgerTemplate = {
  key: 'study',
  name: '学习教育记录',
  group: '教育整顿',
  fields: [
    { key: 'date', label: '日期', type: 'date', required: true, synonyms: ['学习日期', '学习时间', '时间'] },
    {
      key: 'form',
      label: '形式',
      type: 'singleChoice',
      choices: ['集中学习', '支部学习', '读书班', '专题讲座', '警示教育', '英模报告会', '红色教育', '专题党课', '研讨交流'],
      synonyms: ['学习形式', '活动形式', '方式'],
    },
    { key: 'topic', label: '主题', type: 'text', required: true, synonyms: ['学习主题', '学习内容', '内容'] },
    { key: 'speaker', label: '主讲人', type: 'text', synonyms: ['主讲', '授课人', '领学人'] },
    { key: 'unit', label: '组织单位', type: 'unit', synonyms: ['支部', '所在支部', '组织部门', '单位'] },
    { key: 'expected', label: '应到人数', type: 'number', synonyms: ['应到'] },
    { key: 'present', label: '实到人数', type: 'number', synonyms: ['实到', '参加人数'] },
    { key: 'attendees', label: '参加人员', type: 'people', synonyms: ['参学人员', '参会人员', '参加人员名单'] },
    { key: 'notes', label: '学习笔记篇数', type: 'number', synonyms: ['笔记篇数', '学习笔记'] },
    { key: 'reflections', label: '心得篇数', type: 'number', synonyms: ['心得体会篇数', '心得体会', '学习心得'] },
  ],
};

export const EXAMS: LedgerTemplate = {
  key: 'exams',
  name: '考试测试',
  group: '教育整顿',
  fields: [
    { key: 'person', label: '人员', type: 'person', required: true, synonyms: ['姓名', '参考人员', '考生'] },
    { key: 'exam', label: '考试名称', type: 'text', required: true, synonyms: ['考试', '测试名称', '考试科目'] },
    { key: 'date', label: '考试日期', type: 'date', synonyms: ['考试时间', '日期'] },
    { key: 'score', label: '成绩', type: 'number', synonyms: ['分数', '得分', '考试成绩'] },
    { key: 'passed', label: '是否合格', type: 'boolean', synonyms: ['合格', '是否通过', '考试结果'] },
    {
      key: 'retake',
      label: '补考情况',
      type: 'singleChoice',
      choices: ['无需补考', '待补考', '补考过关', '补考未过关'],
      synonyms: ['补考', '补考结果'],
    },
  ],
};

export const CLUES: LedgerTemplate = {
  key: 'clues',
  name: '问题线索',
  group: '教育整顿',
  sensitive: true,
  fields: [
    { key: 'code', label: '线索编号', type: 'text', synonyms: ['编号', '线索号'] },
    { key: 'received', label: '受理日期', type: 'date', synonyms: ['收到日期', '受理时间', '日期'] },
    { key: 'source', label: '线索来源', type: 'singleChoice', choices: ['群众举报', '上级交办', '督导检查', '自查自纠', '执法监督', '其他'], synonyms: ['来源'] },
    { key: 'person', label: '涉及人员', type: 'person', synonyms: ['被反映人', '反映对象'] },
    { key: 'unit', label: '涉及单位', type: 'unit', synonyms: ['所在单位', '单位'] },
    { key: 'content', label: '线索内容', type: 'longText', required: true, synonyms: ['反映问题', '主要问题', '内容'] },
    {
      key: 'status',
      label: '办理状态',
      type: 'status',
      choices: [
        { value: '待核查', color: OPEN, closed: false },
        { value: '核查中', color: WORKING, closed: false, aliases: ['初核中'] },
        { value: '已了结', color: CLOSED, closed: true, aliases: ['了结', '已办结'] },
        { value: '已立案', color: '#334155', closed: true, aliases: ['立案'] },
      ],
      defaultValue: '待核查',
      synonyms: ['状态', '办理情况'],
    },
    { key: 'result', label: '处理结果', type: 'longText', synonyms: ['处理情况', '核查结果'] },
  ],
};

export const STUBBORN: LedgerTemplate = {
  key: 'stubborn',
  name: '顽瘴痼疾整治',
  group: '教育整顿',
  fields: [
    { key: 'problem', label: '问题', type: 'text', required: true, synonyms: ['问题名称', '问题描述', '突出问题'] },
    {
      key: 'kind',
      label: '问题类型',
      type: 'singleChoice',
      choices: [
        '违反防止干预司法“三个规定”',
        '违规经商办企业',
        '违规参股借贷',
        '配偶子女及其配偶违规从业',
        '违规违法减刑假释暂予监外执行',
        '有案不立、压案不查、有罪不究',
        '其他',
      ],
      synonyms: ['类型', '问题类别'],
    },
    { key: 'unit', label: '责任单位', type: 'unit', synonyms: unitSynonyms },
    { key: 'measure', label: '整治措施', type: 'longText', synonyms: ['整改措施', '措施'] },
    { key: 'deadline', label: '完成时限', type: 'date', synonyms: ['完成时间', '整改时限'] },
    {
      key: 'status',
      label: '整治状态',
      type: 'status',
      choices: [
        { value: '未整改', color: OPEN, closed: false },
        { value: '整改中', color: WORKING, closed: false },
        { value: '已整改', color: CLOSED, closed: true, aliases: ['已完成', '已办结'] },
      ],
      defaultValue: '未整改',
      synonyms: ['整改状态', '状态'],
    },
    { key: 'effect', label: '成效', type: 'longText', synonyms: ['整治成效', '整改成效'] },
  ],
};

export const ASSISTANCE: LedgerTemplate = {
  key: 'assistance',
  name: '帮扶一人一档',
  group: '教育整顿',
  fields: [
    { key: 'person', label: '帮扶对象', type: 'person', required: true, synonyms: ['姓名', '对象'] },
    { key: 'kind', label: '人员类别', type: 'singleChoice', choices: ['英烈家属', '伤残民警', '特困民警', '因病致困', '其他'], synonyms: ['类别', '困难类别'] },
    { key: 'hardship', label: '困难情况', type: 'longText', synonyms: ['基本情况', '困难'] },
    { key: 'helper', label: '帮扶责任人', type: 'person', synonyms: ['责任人', '联系领导'] },
    { key: 'measure', label: '帮扶措施', type: 'longText', synonyms: ['措施'] },
    { key: 'visited', label: '走访日期', type: 'date', synonyms: ['走访时间', '慰问日期'] },
    {
      key: 'status',
      label: '帮扶状态',
      type: 'status',
      choices: [
        { value: '帮扶中', color: WORKING, closed: false },
        { value: '已解决', color: CLOSED, closed: true, aliases: ['已完成'] },
      ],
      defaultValue: '帮扶中',
      synonyms: ['状态'],
    },
  ],
};

export const BULLETINS: LedgerTemplate = {
  key: 'bulletins',
  name: '通报台账',
  group: '教育整顿',
  fields: [
    { key: 'issue', label: '期号', type: 'text', required: true, synonyms: ['期数', '编号', '第几期'] },
    { key: 'date', label: '日期', type: 'date', synonyms: ['印发日期', '通报日期'] },
    { key: 'title', label: '标题', type: 'text', synonyms: ['题目'] },
    { key: 'content', label: '内容', type: 'longText', synonyms: ['通报内容', '主要内容'] },
    { key: 'units', label: '涉及单位', type: 'text', synonyms: ['被通报单位', '通报单位'] },
  ],
};
