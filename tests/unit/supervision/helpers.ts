import type { TestContext } from 'node:test';
import { openTestBackend, type TestBackend } from '../../helpers/temp-db';
import { fixedClock } from '../../../electron/backend/clock';
import type { NewTaskInput } from '../../../shared/contract/supervision';

/** The fixed clock of every supervision test: Monday 2026-03-02 (see temp-db.ts TEST_NOW). */
export const TODAY = '2026-03-02';

export interface SupervisionFixture extends TestBackend {
  units: { lead: number; a: number; b: number; c: number };
  people: { leader: number; wang: number; li: number; zhao: number };
}

/** A backend with a leading group, three departments and a few people. */
export function supervisionBackend(t: TestContext, today = TODAY): SupervisionFixture {
  const tb = openTestBackend(t, { clock: fixedClock(today) });
  const { units, roster } = tb.backend;
  const lead = units.create({ name: '领导小组', parentId: null, kind: 'leading' }).id;
  const a = units.create({ name: '刑侦支队', parentId: lead, kind: 'department' }).id;
  const b = units.create({ name: '政治部', parentId: lead, kind: 'department' }).id;
  const c = units.create({ name: '交警支队', parentId: lead, kind: 'department' }).id;
  const leader = roster.create({ name: '张局长', unitId: lead }).id;
  const wang = roster.create({ name: '王伟', unitId: a }).id;
  const li = roster.create({ name: '李娜', unitId: b }).id;
  const zhao = roster.create({ name: '赵强', unitId: b }).id;
  return { ...tb, units: { lead, a, b, c }, people: { leader, wang, li, zhao } };
}

/** A task input with every default filled, overridden by `over`. */
export function taskInput(over: Partial<NewTaskInput> & { title: string }): NewTaskInput {
  return {
    parentId: null, content: null, source: '自定', leadLeaderId: null, unitId: null, responsibleId: null, helperUnitIds: [], startDate: null,
    dueDate: null, progress: 0, status: '未开始', evidence: null, horizon: null, ledgerRecordId: null, ...over,
  };
}
