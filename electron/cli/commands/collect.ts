import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/define';
import { openBackend, type Backend } from '../../backend/backend';
import { CollectReceiver } from '../../backend/collect/receive';
import { EXIT, UsageError, printResult, requireDb, type Command } from '../io';

async function withBackend<T>(values: Record<string, unknown>, run: (b: Backend) => Promise<T> | T): Promise<T> {
  const db = requireDb(values);
  if (!fs.existsSync(db)) throw new ApiError('NOT_FOUND', `数据文件“${db}”不存在，请先运行 init`);
  const backend = openBackend(db);
  try {
    return await run(backend);
  } finally {
    backend.close();
  }
}

const json = (values: Record<string, unknown>) => Boolean(values.json);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** 下发: one 填报表 per unit into DIR. Units of the organisation are linked by name; others are taken as typed. */
export const collectCreateCommand: Command = {
  path: ['collect', 'create'],
  summary: 'collect create CATEGORY --db F --units U1,U2,… --period P --due YYYY-MM-DD --out DIR [--json]   下发填报表',
  options: { units: { type: 'string' }, period: { type: 'string' }, due: { type: 'string' }, out: { type: 'string' }, instructions: { type: 'string' } },
  async run({ values, positionals }, io) {
    const category = positionals[0];
    if (!category) throw new UsageError('缺少台账类别：collect create CATEGORY --db F --units U1,U2 --period P --due YYYY-MM-DD --out DIR');
    const units = text(values.units).split(/[,，、]/).map((u) => u.trim()).filter(Boolean);
    if (units.length === 0) throw new UsageError('缺少 --units（填报单位，用逗号分开）');
    const period = text(values.period);
    if (!period) throw new UsageError('缺少 --period（期间，如 2026-12 或 第3周）');
    const due = text(values.due);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new UsageError('缺少 --due 或格式不对（截止日期，如 2026-12-31）');
    const out = text(values.out);
    if (!out) throw new UsageError('缺少 --out DIR（填报表写入的文件夹）');
    return withBackend(values, async (b) => {
      const cat = b.ledger.categories.resolve(category);
      fs.mkdirSync(path.resolve(out), { recursive: true });
      const r = await b.collect.create({ categoryId: cat.id, period, dueDate: due, instructions: text(values.instructions), unitIds: [], unitNames: units, outDir: out });
      const result = { collection: r.collection.id, code: r.collection.uid, files: r.files };
      printResult(io, json(values), result, () => [`已下发“${cat.name}（${period}）”，编号 ${r.collection.id}，表号前缀 ${r.collection.uid}：`, ...r.files.map((f) => `  ${f.unit}\t${f.file}`)].join('\n'));
      return EXIT.ok;
    });
  },
};

/** 汇总: every file checked; the accepted ones applied in one transaction (each replaces its unit's earlier rows). */
export const collectReceiveCommand: Command = {
  path: ['collect', 'receive'],
  summary: 'collect receive FILE… --db F [--dry-run] [--json]   接收下级报回的填报表并汇总',
  options: { 'dry-run': { type: 'boolean', default: false } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('缺少要接收的文件：collect receive FILE… --db F');
    return withBackend(values, async (b) => {
      const files = positionals.flatMap((p) => {
        const abs = path.resolve(p);
        return fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? CollectReceiver.folderFiles(abs) : [{ path: abs, name: path.basename(abs) }];
      });
      if (files.length === 0) throw new ApiError('NOT_FOUND', '所给的文件夹中没有 .xlsx 文件');
      const preview = await b.collect.receiver.preview(files, null, () => {});
      const dryRun = Boolean(values['dry-run']);
      const r = b.collect.receiver.apply(preview.previewId, undefined, dryRun);
      const out = {
        accepted: r.accepted.map((a) => ({ unit: a.unit, file: files[a.index]!.path, rows: a.rows, replaced: a.replaced, refusedRows: a.refusedRows })),
        refused: r.refused.map((x) => ({ file: files[x.index]!.path, reason: x.reason })),
        applied: !dryRun && r.applied,
      };
      printResult(io, json(values), out, () =>
        [
          ...out.accepted.map((a) => `${dryRun ? '将接收' : '已接收'} ${a.unit}：${a.rows} 行${a.replaced ? `（替换此前的 ${a.replaced} 行）` : ''}${a.refusedRows ? `，${a.refusedRows} 行有误未收` : ''}`),
          ...out.refused.map((x) => `拒绝 ${x.file}：${x.reason}`),
        ].join('\n'),
      );
      return out.accepted.length > 0 ? EXIT.ok : EXIT.refused;
    });
  },
};

/** Which units returned, which have not, and which have not past the due date (late ⊆ missing). */
export const collectStatusCommand: Command = {
  path: ['collect', 'status'],
  summary: 'collect status ID --db F [--today YYYY-MM-DD] [--json]   查看报送情况（已报、未报、逾期未报）',
  options: { today: { type: 'string' } },
  async run({ values, positionals }, io) {
    const ref = positionals[0];
    if (!ref) throw new UsageError('缺少收集编号：collect status ID --db F');
    const today = text(values.today);
    if (today && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today 应写成如 2026-12-31');
    return withBackend(values, (b) => {
      const c = /^\d+$/.test(ref) ? b.collect.store.collection(Number(ref)) : (b.collect.store.byUid(ref.toUpperCase()) ?? b.collect.store.collection(-1));
      const d = b.collect.detail(c.id, today || undefined);
      const names = (f: (s: (typeof d.unitStatuses)[number]) => boolean) => d.unitStatuses.filter(f).map((s) => s.name);
      const out = {
        collection: d.id,
        title: d.title,
        period: d.period,
        dueDate: d.dueDate,
        submitted: names((s) => s.state === 'submitted'),
        missing: names((s) => s.state !== 'submitted'),
        late: names((s) => s.state === 'late'),
        units: d.unitStatuses.map((s) => ({ unit: s.name, state: s.state, receivedAt: s.receivedAt, version: s.version, rows: s.rows })),
      };
      printResult(io, json(values), out, () =>
        [
          `${d.title}（${d.period}）截止 ${d.dueDate ?? '—'}`,
          `已报送（${out.submitted.length}）：${out.submitted.join('、') || '无'}`,
          `未报送（${out.missing.length}）：${out.missing.join('、') || '无'}`,
          `其中逾期（${out.late.length}）：${out.late.join('、') || '无'}`,
        ].join('\n'),
      );
      return EXIT.ok;
    });
  },
};

export const COLLECT_COMMANDS: Command[] = [collectCreateCommand, collectReceiveCommand, collectStatusCommand];
