import type { HandlersOf } from '../../../shared/contract/types';
import type { BackendContext } from '../context';
import type { RosterService } from '../roster/roster-service';
import type { UnitService } from '../units/unit-service';
import { ErrorCode, fail } from '../errors';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE_COUNT, DEMO_TREE, type DemoUnit } from './demo-office';
import { demoPeople } from './demo-people';
import type { LedgerService } from '../ledger/ledger-service';
import type { SupervisionService } from '../supervision/supervision-service';

/** 载入示例数据: fills an empty database with the sample office, in one transaction. */
export class DemoService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly units: UnitService,
    private readonly roster: RosterService,
    private readonly ledger?: LedgerService,
    private readonly supervision?: SupervisionService,
  ) {}

  isEmpty(): boolean {
    const n = this.ctx.db.prepare('SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM people) AS n').get() as { n: number };
    return n.n === 0;
  }

  load(): { units: number; people: number } {
    return this.ctx.db.transaction(() => {
      if (!this.isEmpty()) fail(ErrorCode.conflict, '数据文件中已有单位或人员，示例数据只能载入到空的数据文件');
      let units = 0;
      const add = (u: DemoUnit, parentId: number | null) => {
        const created = this.units.create({ name: u.name, parentId, kind: u.kind });
        units++;
        u.children?.forEach((c) => add(c, created.id));
      };
      DEMO_TREE.forEach((u) => add(u, null));
      const byName = new Map(this.units.list().map((u) => [u.name, u.id]));
      const people = demoPeople(DEMO_PEOPLE_COUNT, DEMO_DEPARTMENTS);
      for (const p of people) {
        const { unitName, ...rest } = p;
        this.roster.create({ ...rest, unitId: byName.get(unitName) ?? null });
      }
      this.ledger?.loadDemo();
      this.supervision?.loadDemo();
      this.ctx.db.prepare("INSERT INTO settings (key, value) VALUES ('officeName', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run('市公安局队伍教育整顿领导小组办公室');
      return { units, people: people.length };
    })();
  }

  handlers(): Pick<HandlersOf<'app'>, 'app.loadDemo'> {
    return { 'app.loadDemo': () => this.load() };
  }
}
