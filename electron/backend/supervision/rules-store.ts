import { DEFAULT_RULES, type EscalationRules } from '../../../shared/domain/supervision';
import { rulesSchema } from '../../../shared/contract/supervision';
import type { BackendContext } from '../context';
import type { AuditService } from '../audit/audit-service';

const KEY = 'supervision.rules';

/**
 * The escalation rules live in `settings` as JSON: level names, colours and thresholds are
 * the office's to edit, not code. A stored value that no longer parses falls back to the
 * defaults rather than leaving the board unable to open.
 */
export class RulesStore {
  private cached: EscalationRules | null = null;

  constructor(
    private readonly ctx: BackendContext,
    private readonly audit: AuditService,
  ) {}

  get(): EscalationRules {
    if (this.cached) return this.cached;
    const raw = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
    let rules = DEFAULT_RULES;
    if (raw !== undefined) {
      try {
        const parsed = rulesSchema.safeParse(JSON.parse(raw));
        if (parsed.success) rules = parsed.data;
      } catch {
        /* unreadable: defaults */
      }
    }
    this.cached = rules;
    return rules;
  }

  set(rules: EscalationRules): EscalationRules {
    return this.ctx.db.transaction(() => {
      const before = this.get();
      this.ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(rules));
      this.audit.record([{ entity: 'settings', entityId: 0, action: 'update', field: '督办升级规则', oldValue: before, newValue: rules }]);
      this.cached = rules;
      return rules;
    })();
  }
}
