import { OFFICE_LEVELS, type AppInfo, type OfficeLevel } from '../../../shared/contract/app';
import type { ParsedInput } from '../../../shared/contract/types';
import type { UnitService } from '../units/unit-service';
import { ErrorCode, fail } from '../errors';
import type { HostMethod } from '../../../shared/contract/app';
import type { HandlersOf } from '../../../shared/contract/types';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';
import type { DemoService } from '../demo/demo-service';

declare const __APP_VERSION__: string | undefined;
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

const DEFAULT_OFFICE_NAME = '本单位';

/** Facts about the open data file and the office's settings. */
export class AppService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
    private readonly demo: DemoService,
    private readonly units?: UnitService,
  ) {}

  setting(key: string): string | null {
    const row = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  info(): AppInfo {
    return {
      dbPath: this.ctx.dbPath,
      schemaVersion: this.ctx.db.pragma('user_version', { simple: true }) as number,
      actor: this.ctx.actor,
      appVersion: APP_VERSION,
      // a blank file whose office has already named itself (first run answered) is not asked again
      isEmpty: this.demo.isEmpty() && this.setting('officeName') === null,
      officeName: this.setting('officeName') ?? DEFAULT_OFFICE_NAME,
      officeLevel: this.officeLevel(),
      officeUnitId: this.officeUnitId(),
    };
  }

  private officeLevel(): OfficeLevel | null {
    const v = this.setting('officeLevel');
    return OFFICE_LEVELS.find((l) => l === v) ?? null;
  }

  /** The unit set as 本单位, while it still exists. */
  private officeUnitId(): number | null {
    const id = Number(this.setting('officeUnitId'));
    if (!Number.isInteger(id) || id <= 0) return null;
    return this.ctx.db.prepare('SELECT 1 FROM units WHERE id = ?').get(id) ? id : null;
  }

  private put(key: string, value: string | null, field: string, shown: (v: string | null) => unknown = (v) => v): void {
    const before = this.setting(key);
    if (before === value) return;
    if (value === null) this.ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    this.audit.record([{ entity: 'settings', entityId: 0, action: 'update', field, oldValue: shown(before), newValue: shown(value) }]);
  }

  /**
   * 本单位, set on first run and later in 本单位设置: its name (the forms' 填报单位), level and
   * place in the organisation tree, in one transaction, audited (unit ids shown by name).
   */
  setOffice(i: ParsedInput<'app.setOffice'>): AppInfo {
    const units = this.units ?? fail(ErrorCode.validation, '组织架构不可用');
    this.ctx.db.transaction(() => {
      let unitId: number | null = null;
      if (i.place.kind === 'existing') unitId = units.get(i.place.unitId).id;
      if (i.place.kind === 'new') {
        if ([...i.name].length > 40) fail(ErrorCode.validation, '要在组织架构中建立本单位，名称最多40个字；也可以选择已有的单位');
        const existing = units.findByName(i.name);
        unitId = existing ? existing.id : units.create({ name: i.name, parentId: i.place.parentId, kind: i.place.parentId === null ? 'leading' : 'department' }).id;
      }
      const unitName = (v: string | null) => (v ? (this.ctx.db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(Number(v)) ?? v) : null);
      this.put('officeName', i.name, 'officeName');
      this.put('officeLevel', i.level, 'officeLevel');
      this.put('officeUnitId', unitId === null ? null : String(unitId), 'officeUnitId', unitName);
    })();
    return this.info();
  }

  setOfficeName(name: string): AppInfo {
    this.ctx.db.transaction(() => {
      const before = this.setting('officeName');
      this.ctx.db.prepare("INSERT INTO settings (key, value) VALUES ('officeName', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(name);
      this.audit.record([{ entity: 'settings', entityId: 0, action: 'update', field: 'officeName', oldValue: before, newValue: name }]);
    })();
    return this.info();
  }

  handlers(): Omit<HandlersOf<'app'>, 'app.loadDemo' | HostMethod> {
    return {
      'app.info': () => this.info(),
      'app.setOfficeName': (i) => this.setOfficeName(i.name),
      'app.setOffice': (i) => this.setOffice(i),
    };
  }
}
