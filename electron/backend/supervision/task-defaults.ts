import type { NewTaskInput } from '../../../shared/contract/supervision';

/** A new task with every optional field at its default (as the contract's schema fills them). */
export function taskInputDefaults(title: string): NewTaskInput {
  return {
    parentId: null, title, content: null, source: '自定', leadLeaderId: null, unitId: null, responsibleId: null, helperUnitIds: [],
    startDate: null, dueDate: null, progress: 0, status: '未开始', evidence: null, horizon: null, ledgerRecordId: null,
  };
}
