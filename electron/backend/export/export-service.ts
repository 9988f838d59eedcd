import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { bundleDefaultTitle, exportFileName, fillTitle, type BundleOutcome, type ExportOutcome, type ExportPreset, type ExportPresetList, type ExportPresetSpec, type ExportTarget } from '../../../shared/contract/exports';
import type { HandlersOf, ParsedInput } from '../../../shared/contract/types';
import type { PersonField } from '../../../shared/domain/roster';
import type { PlanView } from '../../../shared/domain/supervision';
import type { AuditService } from '../audit/audit-service';
import type { JobRegistry } from '../jobs/job-registry';
import { ErrorCode, fail } from '../errors';
import { exportBundle, exportTable } from './export-table';
import {
  bulletinSource,
  ledgerRows,
  ledgerSource,
  rosterRows,
  rosterSource,
  taskRows,
  taskLevelOrder,
  PLAN_COLUMNS,
  planRows,
  taskRowsByIds,
  tasksSource,
  type ExportDeps,
  type ExportSource,
  type LedgerView,
  type TaskFilter,
} from './export-sources';
import { PresetStore } from './preset-store';
import { checkSpec, defaultTitle, presetColumns, presetTable } from './preset-table';
import type { BundleResult, ExportOptions, ExportResult, ExportTable } from './table-spec';

/** An export ready to be written: what to call the file, how many rows, and the writer. */
export interface PreparedExport {
  /** the file name offered to the user, without the date and extension */
  name: string;
  rows: number;
  write(out: string, options?: ExportOptions): Promise<ExportResult | BundleResult>;
}

/** How each export picks its preset: a spec as edited wins over a preset name; default the first built-in. */
interface PresetChoice {
  preset?: string | undefined;
  spec?: ExportPresetSpec | undefined;
}

const BULLETIN_TEMPLATE = 'bulletins';

/** The grid's 所在单位 column is the unit id; the form shows the unit's name. */
const rosterKey = (f: PersonField): string => (f === 'unitId' ? 'unitName' : f);

/**
 * A bulletin paragraph as official documents indent it: two full-width spaces, and the
 * draft's own leading spaces (its numbered items) as full-width ones after them.
 */
const indent = (p: string) => `　　${p.replace(/^[ \u3000]+/, (m) => '　'.repeat(Math.ceil(m.length / 2) * 2))}`;

/**
 * Exports for submission (报送) and their presets (导出方案): the roster, ledger categories,
 * task lists, bulletins and 报送包, each to a chosen path (desktop) or back as data to
 * download (browser), with progress and cancel. The CLI writes through `prepare*` too.
 */
export class ExportService {
  readonly presets: PresetStore;

  constructor(
    private readonly deps: ExportDeps,
    audit: AuditService,
    private readonly jobs: JobRegistry,
  ) {
    this.presets = new PresetStore(deps.ctx, audit);
  }

  private get office(): string {
    return this.deps.app.info().officeName;
  }

  private form() {
    return { officeName: this.office, reportDate: this.deps.ctx.clock.today() };
  }

  /** The export source of a target; ledger presets belong to a category. */
  source(target: ExportTarget, categoryId?: number | null): ExportSource {
    if (target === 'ledger') return categoryId ? ledgerSource(this.deps, categoryId) : fail(ErrorCode.validation, '请指定台账类别');
    if (categoryId) fail(ErrorCode.validation, '只有台账的导出方案属于某个类别');
    return target === 'roster' ? rosterSource() : target === 'tasks' ? tasksSource(taskLevelOrder(this.deps)) : bulletinSource();
  }

  private spec(source: ExportSource, choice: PresetChoice): ExportPresetSpec {
    return choice.spec ?? this.presets.find(source, choice.preset).spec;
  }

  /** `fields` replaces the preset's columns (the grid's visible columns), keeping their groups. */
  private withFields(source: ExportSource, spec: ExportPresetSpec, fields: readonly string[] | undefined): ExportPresetSpec {
    if (!fields) return spec;
    const next = { ...spec, columns: fields.map((key) => ({ key, group: spec.columns.find((c) => c.key === key)?.group ?? '' })) };
    checkSpec(source, next);
    return next;
  }

  private prepareTable(table: ExportTable, rows: number): PreparedExport {
    return { name: table.title, rows, write: (out, options) => exportTable(out, table, options) };
  }

  prepareRoster(i: PresetChoice & { ids?: number[] | undefined; fields?: PersonField[] | undefined }): PreparedExport {
    const source = rosterSource();
    const spec = this.withFields(source, this.spec(source, i), i.fields?.map(rosterKey));
    const people = rosterRows(this.deps, i.ids);
    return this.prepareTable(presetTable(source, spec, this.form(), people), people.length);
  }

  prepareLedger(i: PresetChoice & { categoryId: number; view?: LedgerView | undefined; fields?: string[] | undefined }): PreparedExport {
    const source = ledgerSource(this.deps, i.categoryId);
    const spec = this.withFields(source, this.spec(source, i), i.fields);
    const rows = ledgerRows(this.deps, i.categoryId, i.view);
    return this.prepareTable(presetTable(source, spec, this.form(), rows), rows.length);
  }

  prepareTaskList(i: PresetChoice & TaskFilter): PreparedExport {
    const source = tasksSource(taskLevelOrder(this.deps));
    const { parentId, unitId, status, level } = i;
    const rows = taskRows(this.deps, { parentId, unitId, status, level });
    return this.prepareTable(presetTable(source, this.spec(source, i), this.form(), rows), rows.length);
  }

  /** 工作计划 as the office prints it: the period's tasks unit by unit, 结转 noted, a 合计 of items. */
  preparePlan(i: { period: PlanView['period']; date?: string | undefined; unitId?: number | undefined }): PreparedExport {
    const view = this.deps.supervision.plan(i.period, { ...(i.date ? { date: i.date } : {}), ...(i.unitId !== undefined ? { unitId: i.unitId } : {}) });
    const rows = planRows(this.deps, view);
    const unit = i.unitId !== undefined ? (view.byUnit[0]?.unit ?? '') : '';
    const table: ExportTable = {
      title: `${this.office}${unit ? `${unit}` : ''}${view.heading}（${view.span}）`,
      ...this.form(),
      dateFormat: 'yyyy-mm-dd',
      columns: [...PLAN_COLUMNS],
      rows,
      totalsRow: true,
      countUnit: '项',
      sheetName: view.heading,
    };
    return this.prepareTable(table, rows.length);
  }

  /** A saved bulletin (a record of the 通报 ledger) or a draft as edited. */
  private bulletinContent(i: ParsedInput<'exports.bulletin'>): { issue: string; date: string; title: string; content: string; taskIds: number[] } {
    if (i.draft) return i.draft;
    const record = this.deps.ledger.records.get(i.recordId!);
    const category = this.deps.ledger.categories.get(record.categoryId);
    if (category.templateKey !== BULLETIN_TEMPLATE) fail(ErrorCode.validation, `所选记录属于“${category.name}”，不是通报`);
    const text = (k: string) => {
      const v = record.values[k];
      return typeof v === 'string' ? v : '';
    };
    if (record.deletedAt) fail(ErrorCode.validation, '该通报在回收站中，请先恢复');
    return { issue: text('issue'), date: text('date') || this.deps.ctx.clock.today(), title: text('title'), content: text('content'), taskIds: [] };
  }

  /**
   * A bulletin as a formatted sheet: its title, the office and date, its text paragraph by
   * paragraph, then (for a draft) the tasks it names as a table in the preset's columns.
   */
  prepareBulletin(i: ParsedInput<'exports.bulletin'>): PreparedExport {
    const b = this.bulletinContent(i);
    const source = bulletinSource();
    const spec = this.spec(source, i);
    const rows = taskRowsByIds(this.deps, b.taskIds);
    const base = presetTable(source, spec, this.form(), rows);
    const paragraphs = b.content.split(/\r?\n/).filter((p) => p.trim() !== '').map(indent);
    const table: ExportTable = {
      ...base,
      title: fillTitle(spec.title, this.office, b.title || `督办工作通报（${b.issue}）`),
      reportDate: b.date,
      preamble: rows.length ? [...paragraphs, `附：被通报任务清单（共 ${rows.length} 项）`] : paragraphs,
      columns: rows.length ? presetColumns(source, spec) : [],
      sheetName: b.issue ? `通报${b.issue}` : '通报',
      statsSheet: false,
    };
    if (table.columns.length === 0 && table.preamble!.length === 0) fail(ErrorCode.validation, '该通报没有内容，无法导出');
    return this.prepareTable(table, rows.length);
  }

  /** 报送包: each part on its own sheet in its preset's layout, plus a 汇总 sheet first. */
  prepareBundle(i: ParsedInput<'exports.bundle'>): PreparedExport {
    const form = this.form();
    let rows = 0;
    const tables = i.parts.map((part) => {
      const source = this.source(part.target, part.categoryId);
      const spec = this.spec(source, { preset: part.preset });
      const records = part.target === 'roster' ? rosterRows(this.deps) : part.target === 'tasks' ? taskRows(this.deps, {}) : ledgerRows(this.deps, part.categoryId!);
      rows += records.length;
      return { ...presetTable(source, spec, form, records), statsSheet: false };
    });
    const title = fillTitle(i.title, form.officeName, bundleDefaultTitle(form.officeName));
    return {
      name: title,
      rows,
      write: (out, options) => exportBundle(out, { title, officeName: form.officeName, reportDate: form.reportDate, dateFormat: i.dateFormat, tables }, options),
    };
  }

  /** Writes to `path`, or to a temp file returned as data (browser), reporting progress under `jobId`. */
  async deliver(prepared: PreparedExport, input: { path?: string | undefined; jobId?: string | undefined }): Promise<BundleOutcome> {
    const fileName = exportFileName(prepared.name, this.deps.ctx.clock.today());
    const out = input.path ?? path.join(os.tmpdir(), `ledgerdesk-export-${randomUUID()}.xlsx`);
    const job = this.jobs.start(input.jobId, '导出');
    try {
      job.report(0, prepared.rows);
      const r = await prepared.write(out, { signal: job.signal, onProgress: (n) => job.report(n, prepared.rows) });
      const sheets = 'sheets' in r ? r.sheets : [];
      if (input.path) return { out: r.out, rows: r.rows, fileName, dataBase64: null, sheets };
      const data = fs.readFileSync(out).toString('base64');
      fs.rmSync(out, { force: true });
      return { out: null, rows: r.rows, fileName, dataBase64: data, sheets };
    } finally {
      job.end();
    }
  }

  presetList(target: ExportTarget, categoryId?: number): ExportPresetList {
    const source = this.source(target, categoryId);
    return {
      target,
      categoryId: source.categoryId,
      columns: source.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
      defaultTitle: defaultTitle(source, this.office),
      presets: this.presets.list(source),
    };
  }

  savePreset(i: ParsedInput<'exports.savePreset'>): ExportPreset {
    const source = this.source(i.target, i.categoryId);
    checkSpec(source, i.spec);
    return i.id === undefined ? this.presets.create(source, i.name, i.spec) : this.presets.update(source, i.id, i.name, i.spec);
  }

  renamePreset(id: number, name: string): ExportPreset {
    const p = this.presets.get(id);
    return this.presets.rename(this.source(p.target, p.categoryId), id, name);
  }

  handlers(): HandlersOf<'exports'> {
    const strip = (o: BundleOutcome): ExportOutcome => ({ out: o.out, rows: o.rows, fileName: o.fileName, dataBase64: o.dataBase64 });
    return {
      'exports.roster': async (i) => strip(await this.deliver(this.prepareRoster(i), i)),
      'exports.ledger': async (i) => strip(await this.deliver(this.prepareLedger(i), i)),
      'exports.taskList': async (i) => strip(await this.deliver(this.prepareTaskList(i), i)),
      'exports.bulletin': async (i) => strip(await this.deliver(this.prepareBulletin(i), i)),
      'exports.plan': async (i) => strip(await this.deliver(this.preparePlan(i), i)),
      'exports.bundle': (i) => this.deliver(this.prepareBundle(i), i),
      'exports.presets': (i) => this.presetList(i.target, i.categoryId),
      'exports.savePreset': (i) => this.savePreset(i),
      'exports.renamePreset': (i) => this.renamePreset(i.id, i.name),
      'exports.deletePreset': (i) => this.presets.delete(i.id),
    };
  }
}
