import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/define';
import { openBackend } from '../../backend/backend';
import { EXIT, UsageError, printResult, requireDb, type Command } from '../io';

export const importRosterCommand: Command = {
  path: ['import', 'roster'],
  summary: 'import roster FILE --db F [--sheet NAME] [--create-units] [--dry-run] [--json]   导入花名册',
  options: { sheet: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'create-units': { type: 'boolean', default: false } },
  async run({ values, positionals }, io) {
    const db = requireDb(values);
    const file = positionals[0];
    if (!file) throw new UsageError('缺少要导入的文件：import roster FILE --db F');
    if (!fs.existsSync(db)) throw new ApiError('NOT_FOUND', `数据文件“${db}”不存在，请先运行 init`);
    const backend = openBackend(db);
    try {
      const preview = await backend.rosterImport.preview({ path: path.resolve(file), sheet: typeof values.sheet === 'string' ? values.sheet : undefined });
      if (preview.missingRequired.length > 0) {
        throw new ApiError('IMPORT_MAPPING', `找不到必填列：${preview.missingRequired.join('、')}（表头在第 ${preview.headerRow} 行：${preview.columns.join('、')}）`);
      }
      const dryRun = Boolean(values['dry-run']);
      const r = backend.rosterImport.apply(
        { previewId: preview.previewId, skipRows: [], createUnits: values['create-units'] ? preview.unknownUnits : [] },
        { dryRun },
      );
      const applied = !dryRun && r.batchId !== null;
      const out = {
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        mapping: preview.mapping,
        added: r.added,
        updated: r.updated,
        unchanged: r.unchanged,
        refused: r.refused,
        applied,
        ...(r.unitsCreated.length ? { unitsCreated: r.unitsCreated } : {}),
        ...(preview.unknownUnits.length && !values['create-units'] ? { unknownUnits: preview.unknownUnits } : {}),
      };
      printResult(io, Boolean(values.json), out, () =>
        [
          `工作表“${out.sheet}”，表头在第 ${out.headerRow} 行`,
          `${dryRun ? '将新增' : '新增'} ${out.added} 人，${dryRun ? '将更新' : '更新'} ${out.updated} 人，无变化 ${out.unchanged} 人，拒绝 ${out.refused.length} 行`,
          ...out.refused.map((x) => `  第 ${x.row} 行：${x.reason}`),
          ...(out.unknownUnits ? [`组织架构中没有的单位：${out.unknownUnits.join('、')}（加 --create-units 可一并创建）`] : []),
        ].join('\n'),
      );
      const anything = r.added + r.updated + r.unitsCreated.length > 0;
      return anything ? EXIT.ok : EXIT.refused;
    } finally {
      backend.close();
    }
  },
};
