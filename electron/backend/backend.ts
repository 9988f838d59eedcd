import os from 'node:os';
import type { Handlers } from '../../shared/contract/types';
import type { HostMethod } from '../../shared/contract/app';
import { openDatabase, passwordFor, type OpenOptions } from './db/open';
import type { BackendContext } from './context';
import { systemClock, type Clock } from './clock';
import { AuditService } from './audit/audit-service';
import { UnitService } from './units/unit-service';
import { RosterService } from './roster/roster-service';
import { DemoService } from './demo/demo-service';
import { AppService } from './app/app-service';
import { BackupService } from './backup/backup-service';
import { JobRegistry } from './jobs/job-registry';
import { RosterImportService } from './roster-import/roster-import-service';
import { LedgerService } from './ledger/ledger-service';
import { ExportService } from './export/export-service';
import { SupervisionService } from './supervision/supervision-service';
import { LockService } from './lock/lock-service';
import type { AttemptGuard } from './lock/attempt-guard';
import { cleanLeftovers } from './leftovers';
import { AttachmentService } from './attachments/attachment-service';
import { CollectService } from './collect/collect-service';

/** All services over one open database, and the handler table the contract requires. */
export interface Backend {
  ctx: BackendContext;
  audit: AuditService;
  units: UnitService;
  roster: RosterService;
  demo: DemoService;
  app: AppService;
  backup: BackupService;
  jobs: JobRegistry;
  rosterImport: RosterImportService;
  ledger: LedgerService;
  exports: ExportService;
  supervision: SupervisionService;
  /** the optional password lock; the gate in front of the dispatcher reads it (lock/gate.ts) */
  lock: LockService;
  /** files attached to ledger records and tasks, copied beside the database */
  attachments: AttachmentService;
  /** 填报 and 汇总: collecting one ledger from many units */
  collect: CollectService;
  /** every method but the host's (switching files), which BackendHost adds */
  handlers: Omit<Handlers, HostMethod>;
  close(): void;
}

export interface BackendOptions extends OpenOptions {
  clock?: Clock;
  actor?: string;
  /** counts wrong passwords across re-openings of the same file (the host keeps one) */
  guard?: AttemptGuard;
}

export function currentActor(): string {
  try {
    return os.userInfo().username || '未知用户';
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? '未知用户';
  }
}

export function openBackend(dbPath: string, opts: BackendOptions = {}): Backend {
  // what a write killed midway left behind goes first (leftovers.ts)
  cleanLeftovers(dbPath);
  const { db, encrypted } = openDatabase(dbPath, opts);
  const ctx: BackendContext = { db, dbPath, actor: opts.actor ?? currentActor(), clock: opts.clock ?? systemClock };
  const audit = new AuditService(ctx);
  const units = new UnitService(ctx, audit);
  const roster = new RosterService(ctx, audit, units);
  const jobs = new JobRegistry();
  const ledger = new LedgerService(ctx, audit, units, jobs);
  const supervision: SupervisionService = new SupervisionService(ctx, audit, ledger, (): string => app.info().officeName);
  const demo = new DemoService(ctx, units, roster, ledger, supervision);
  // ledger records name units inside their JSON values, out of reach of foreign keys
  units.addUsageCheck((unitId) => {
    const n = (
      db
        .prepare(
          `SELECT count(*) AS n FROM ledger_fields f JOIN ledger_records r ON r.category_id = f.category_id
           WHERE f.type = 'unit' AND json_extract(r.data, '$."' || f.key || '"') = ?`,
        )
        .get(unitId) as { n: number }
    ).n;
    return n > 0 ? `${n} 条台账记录` : null;
  });
  // the ledger search index holds unit and person names: a rename re-indexes the records showing them
  units.onRenamed((id) => ledger.reindexReferences('unit', id));
  roster.onRenamed((id) => ledger.reindexReferences('person', id));
  const attachments = new AttachmentService(ctx, audit);
  const app = new AppService(ctx, audit, demo, units);
  const lock = new LockService(ctx, audit, { password: encrypted ? passwordFor(opts)! : null, ...(opts.guard ? { guard: opts.guard } : {}) });
  const backup = new BackupService(ctx, audit, () => lock.filePassword());
  const rosterImport = new RosterImportService(ctx, audit, units, roster, jobs);
  const exports = new ExportService({ ctx, roster, ledger, supervision, app }, audit, jobs);
  const collect = new CollectService({ ctx, audit, units, ledger, supervision, exports, jobs, officeName: () => app.info().officeName });
  // `satisfies` makes the compiler list any contract method without a handler.
  const handlers = {
    ...app.handlers(),
    ...demo.handlers(),
    ...units.handlers(),
    ...roster.handlers(),
    ...audit.handlers(),
    ...backup.handlers(),
    ...jobs.handlers(),
    ...rosterImport.handlers(),
    ...ledger.handlers(),
    ...exports.handlers(),
    ...supervision.handlers(),
    ...lock.handlers(),
    ...attachments.handlers(),
    ...collect.handlers(),
  } satisfies Omit<Handlers, HostMethod>;
  return {
    ctx, audit, units, roster, demo, app, backup, jobs, rosterImport, exports, ledger, lock, supervision, attachments, collect, handlers,
    close: () => {
      rosterImport.dispose();
      db.close();
    },
  };
}
