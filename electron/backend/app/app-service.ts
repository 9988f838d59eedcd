import type { AppInfo } from '../../../shared/contract/app';
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
      isEmpty: this.demo.isEmpty(),
      officeName: this.setting('officeName') ?? DEFAULT_OFFICE_NAME,
    };
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
    };
  }
}
