import type { ImportTarget } from '../../../../electron/backend/import/index';

/** A ledger category as a later issue will define one: 征求意见台账, with its own columns. */
export const OPINIONS_TARGET: ImportTarget = {
  key: 'opinions',
  label: '征求意见台账',
  fields: [
    { key: 'seq', label: '序号', kind: 'number' },
    { key: 'content', label: '意见建议内容', synonyms: ['意见建议', '意见内容'], kind: 'text', required: true },
    { key: 'channel', label: '提出方式', kind: 'text' },
    { key: 'aspect', label: '类别', kind: 'text' },
    { key: 'dept', label: '责任部门', kind: 'unit' },
    { key: 'measure', label: '整改措施', kind: 'text' },
    { key: 'deadline', label: '完成时限', kind: 'date' },
    { key: 'status', label: '办理状态', kind: 'enum', options: ['未启动', '整改中', '已办结'] },
    { key: 'note', label: '备注', kind: 'text' },
  ],
};
