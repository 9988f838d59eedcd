import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ExportOutcome } from '../../../shared/contract/exports';
import type { HandlersOf } from '../../../shared/contract/types';
import type { Person, PersonField } from '../../../shared/domain/roster';
import { ApiError } from '../../../shared/contract/define';
import type { BackendContext } from '../context';
import type { RosterService } from '../roster/roster-service';
import type { AppService } from '../app/app-service';
import type { JobRegistry } from '../jobs/job-registry';
import { exportTable } from './export-table';
import { rosterTable } from './roster-export';
import { ExportErrorCode } from './export-errors';
import { findRosterPreset, ROSTER_PRESETS, type RosterPreset } from './roster-presets';

/** The grid's 所在单位 column is the unit id; the form shows the unit's name. */
const exportKey = (f: PersonField): keyof Person => (f === 'unitId' ? 'unitName' : f);

/** Export from the UI: to a chosen path (desktop) or back as data to download (browser). */
export class ExportService {
  constructor(
    private readonly ctx: BackendContext,
    private readonly roster: RosterService,
    private readonly app: AppService,
    private readonly jobs: JobRegistry,
  ) {}

  async exportRoster(input: { path?: string; preset?: string; ids?: number[]; fields?: PersonField[]; jobId?: string }): Promise<ExportOutcome> {
    const base = findRosterPreset(input.preset);
    if (!base) throw new ApiError(ExportErrorCode.notFound, `导出方案“${input.preset}”不存在，可用的方案：${ROSTER_PRESETS.map((p) => p.name).join('、')}`);
    const preset: RosterPreset = input.fields ? { ...base, fields: input.fields.map(exportKey) } : base;
    let people = this.roster.list();
    if (input.ids) {
      const byId = new Map(people.map((p) => [p.id, p]));
      people = input.ids.map((id) => byId.get(id)).filter((p): p is Person => p !== undefined);
    }
    const officeName = this.app.info().officeName;
    const fileName = `${officeName}${preset.titleSuffix}-${this.ctx.clock.today()}.xlsx`;
    const out = input.path ?? path.join(os.tmpdir(), `ledgerdesk-export-${randomUUID()}.xlsx`);
    const job = this.jobs.start(input.jobId, '导出');
    try {
      const r = await exportTable(out, rosterTable({ people, officeName, reportDate: this.ctx.clock.today(), preset }), {
        signal: job.signal,
        onProgress: (n) => job.report(n, people.length),
      });
      if (input.path) return { out: r.out, rows: r.rows, fileName, dataBase64: null };
      const data = fs.readFileSync(out).toString('base64');
      fs.rmSync(out, { force: true });
      return { out: null, rows: r.rows, fileName, dataBase64: data };
    } finally {
      job.end();
    }
  }

  handlers(): HandlersOf<'exports'> {
    return { 'exports.roster': (i) => this.exportRoster(i) };
  }
}
