import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/contract/define';
import { BackendHost } from '../../backend/host';
import { openBackend } from '../../backend/backend';
import { EXIT, UsageError, printResult, requireDb, type Command } from '../io';

function requireExisting(file: string): void {
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `数据文件“${file}”不存在`);
}

export const backupCommand: Command = {
  path: ['backup'],
  summary: 'backup --db F --out FILE   备份数据文件（程序正在使用时也得到完整一致的副本）',
  options: { out: { type: 'string' } },
  async run({ values }, io) {
    const file = requireDb(values);
    if (typeof values.out !== 'string' || !values.out) throw new UsageError('缺少 --out FILE（备份文件路径）');
    requireExisting(file);
    const backend = openBackend(file);
    try {
      const { out } = await backend.backup.backupTo(path.resolve(values.out));
      printResult(io, Boolean(values.json), { out }, () => `已备份到：${out}`);
      return EXIT.ok;
    } finally {
      backend.close();
    }
  },
};

export const restoreCommand: Command = {
  path: ['restore'],
  summary: 'restore FILE --db F   从备份恢复（先检查备份文件，并先备份当前数据文件）',
  options: {},
  async run({ values, positionals }, io) {
    const file = requireDb(values);
    const from = positionals[0];
    if (!from) throw new UsageError('缺少要恢复的备份文件：restore FILE --db F');
    requireExisting(file);
    const host = new BackendHost(file);
    try {
      const r = await host.restore(path.resolve(from));
      printResult(io, Boolean(values.json), r, () => `已从“${r.restored}”恢复；原数据文件已备份到“${r.backupOfPrevious}”`);
      return EXIT.ok;
    } finally {
      host.close();
    }
  },
};
