import fs from 'node:fs';
import { openBackend } from '../../backend/backend';
import { exportCategory } from '../../backend/export/category-exporters';
import { ApiError } from '../../../shared/contract/define';
import { EXIT, UsageError, printResult, requireDb, type Command } from '../io';

export const exportCommand: Command = {
  path: ['export'],
  summary: 'export 类别 --db F --out 文件.xlsx [--preset 方案] [--json]   导出报送用的 Excel 表（类别可为 roster、tasks；方案为内置或保存的导出方案）',
  options: { out: { type: 'string' }, preset: { type: 'string' } },
  async run({ values, positionals }, io) {
    const file = requireDb(values);
    const category = positionals[0];
    if (!category) throw new UsageError('缺少要导出的类别，例如：export roster --db F --out 花名册.xlsx');
    if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(' ')}`);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('缺少 --out 文件.xlsx（导出到哪个文件）');
    if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`导出文件“${out}”应以 .xlsx 结尾`);
    if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `数据文件“${file}”不存在`);
    const backend = openBackend(file);
    try {
      const preset = typeof values.preset === 'string' ? values.preset : undefined;
      const result = await exportCategory(backend, category, out, { preset });
      printResult(io, Boolean(values.json), { out: result.out, rows: result.rows }, () => `已导出 ${result.rows} 行到 ${result.out}`);
      return EXIT.ok;
    } finally {
      backend.close();
    }
  },
};
