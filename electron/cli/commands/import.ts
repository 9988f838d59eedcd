import fs from 'node:fs';
import path from 'node:path';
import type { ImportApplyResult, ImportPreview } from '../../../shared/contract/imports';
import { ApiError } from '../../../shared/contract/define';
import { openBackend, type Backend } from '../../backend/backend';
import type { ApplyInput, ApplyOptions } from '../../backend/import/apply/import-service';
import { EXIT, UsageError, printResult, requireDb, type CliIo, type Command } from '../io';

/**
 * `import roster` and `import ledger`: one way through for both (docs/cli.md). Units the
 * organisation lacks: `import roster` creates them with --create-units, else refuses the rows
 * naming them and says so; `import ledger` creates them always (its contract has no such flag,
 * and a 征求意见台账 from elsewhere names departments this office may not have yet) and
 * reports them in unitsCreated, as the roster does. A file with nothing to import says why;
 * re-importing a file that is already in changes nothing and is not an error.
 */
const CLI_UNIT_HINT = '加 --create-units 可一并创建';

const options = { sheet: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'create-units': { type: 'boolean', default: false } } as const;

interface Run {
  preview(b: Backend): Promise<ImportPreview>;
  apply(b: Backend, input: ApplyInput, opts: ApplyOptions): ImportApplyResult;
  /** the mapping as printed: field keys for the roster, field labels for a ledger */
  shownMapping(preview: ImportPreview): Record<string, string>;
  /** "人" or "条" */
  unit: string;
  /** create the units the organisation lacks even without --create-units */
  alwaysCreateUnits?: boolean;
}

async function runImport(run: Run, values: Record<string, unknown>, io: CliIo): Promise<number> {
  const db = requireDb(values);
  if (!fs.existsSync(db)) throw new ApiError('NOT_FOUND', `数据文件“${db}”不存在，请先运行 init`);
  const backend = openBackend(db);
  try {
    const preview = await run.preview(backend);
    const labelOf = (k: string) => preview.fields.find((f) => f.key === k)?.label ?? k;
    if (preview.missingRequired.length > 0) {
      throw new ApiError('IMPORT_MAPPING', `找不到必填列：${preview.missingRequired.map(labelOf).join('、')}（表头在第 ${preview.headerRow} 行：${preview.columns.join('、')}）`);
    }
    if (preview.rows.length === 0) {
      const skipped = preview.skipped.length ? `（表头下的 ${preview.skipped.length} 行是合计、签名栏或重复的表头，已跳过）` : '';
      throw new ApiError('IMPORT_NO_ROWS', `工作表“${preview.sheet}”第 ${preview.headerRow} 行是表头，但下面没有数据行${skipped}，没有可导入的内容。`);
    }
    const dryRun = Boolean(values['dry-run']);
    const createUnits = Boolean(values['create-units']) || run.alwaysCreateUnits === true;
    const r = run.apply(backend, { previewId: preview.previewId, skipRows: [], createUnits: createUnits ? preview.unknownUnits : [] }, { dryRun, unitHint: CLI_UNIT_HINT });
    const out = {
      sheet: preview.sheet,
      headerRow: preview.headerRow,
      mapping: run.shownMapping(preview),
      added: r.added,
      updated: r.updated,
      unchanged: r.unchanged,
      refused: r.refused,
      applied: !dryRun && r.batchId !== null,
      ...(r.batchId !== null ? { batchId: r.batchId } : {}),
      ...(r.unitsCreated.length ? { unitsCreated: r.unitsCreated } : {}),
      ...(preview.unknownUnits.length && !createUnits ? { unknownUnits: preview.unknownUnits } : {}),
    };
    const will = (done: string, todo: string) => (dryRun ? todo : done);
    printResult(io, Boolean(values.json), out, () =>
      [
        `工作表“${out.sheet}”，表头在第 ${out.headerRow} 行`,
        `${will('新增', '将新增')} ${out.added} ${run.unit}，${will('更新', '将更新')} ${out.updated} ${run.unit}，无变化 ${out.unchanged} ${run.unit}，拒绝 ${out.refused.length} 行`,
        ...out.refused.map((x) => `  第 ${x.row} 行：${x.reason}`),
        ...(r.unitsCreated.length ? [`${will('已创建', '将创建')}单位：${r.unitsCreated.join('、')}`] : []),
        ...(out.unknownUnits ? [`组织架构中没有的单位：${out.unknownUnits.join('、')}（${CLI_UNIT_HINT}）`] : []),
        ...(out.added + out.updated === 0 && out.refused.length === 0 ? ['文件中的内容与现有数据完全相同，没有需要导入的变化。'] : []),
      ].join('\n'),
    );
    // refused: every row of the file; a file that is already in is not an error
    return r.added + r.updated + r.unitsCreated.length > 0 || r.unchanged > 0 ? EXIT.ok : EXIT.refused;
  } finally {
    backend.close();
  }
}

const sheetOf = (values: Record<string, unknown>) => (typeof values.sheet === 'string' ? values.sheet : undefined);

export const importRosterCommand: Command = {
  path: ['import', 'roster'],
  summary: 'import roster FILE --db F [--sheet NAME] [--create-units] [--dry-run] [--json]   导入花名册',
  options,
  run({ values, positionals }, io) {
    const file = positionals[0];
    if (!file) throw new UsageError('缺少要导入的文件：import roster FILE --db F');
    return runImport(
      {
        preview: (b) => b.rosterImport.preview({ path: path.resolve(file), sheet: sheetOf(values) }),
        apply: (b, input, opts) => b.rosterImport.apply(input, opts),
        shownMapping: (p) => p.mapping,
        unit: '人',
      },
      values,
      io,
    );
  },
};

export const importLedgerCommand: Command = {
  path: ['import', 'ledger'],
  summary: 'import ledger CATEGORY FILE --db F [--sheet NAME] [--dry-run] [--json]   导入台账记录（组织架构中没有的单位一并创建）',
  options,
  run({ values, positionals }, io) {
    const [category, file] = positionals;
    if (!category || !file) throw new UsageError('用法：import ledger CATEGORY FILE --db F');
    return runImport(
      {
        preview: (b) => b.ledger.imports.preview({ categoryId: b.ledger.categories.resolve(category).id, path: path.resolve(file), sheet: sheetOf(values) }),
        apply: (b, input, opts) => b.ledger.imports.apply(input, opts),
        shownMapping: (p) => Object.fromEntries(Object.entries(p.mapping).map(([h, k]) => [h, p.fields.find((f) => f.key === k)?.label ?? k])),
        unit: '条',
        alwaysCreateUnits: true,
      },
      values,
      io,
    );
  },
};
