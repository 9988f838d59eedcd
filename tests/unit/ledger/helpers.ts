import type { TestContext } from 'node:test';
import { openTestBackend, type TestBackend } from '../../helpers/temp-db';

/** A backend with a few units and people, and one category from a template. */
export function ledgerBackend(t: TestContext, template = 'opinions'): TestBackend & { categoryId: number } {
  const tb = openTestBackend(t);
  const { units, roster, ledger } = tb.backend;
  const a = units.create({ name: '刑侦支队', parentId: null, kind: 'department' });
  const b = units.create({ name: '政治部', parentId: null, kind: 'department' });
  roster.create({ name: '王伟', badge: '100001', unitId: a.id, idNumber: '512001199304015615' });
  roster.create({ name: '王伟', badge: '100002', unitId: b.id });
  roster.create({ name: '李娜', badge: '100003', unitId: b.id });
  const cat = ledger.categories.create({ templateKey: template });
  return { ...tb, categoryId: cat.id };
}
