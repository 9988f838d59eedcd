import fs from 'node:fs';
import { ApiError } from '../../../shared/contract/define';
import { openBackend, type Backend } from '../../backend/backend';
import { EXIT, UsageError, printResult, requireDb, type Command } from '../io';
import { importLedgerCommand } from './import';

function withBackend<T>(values: Record<string, unknown>, run: (b: Backend) => T): T {
  const db = requireDb(values);
  if (!fs.existsSync(db)) throw new ApiError('NOT_FOUND', `数据文件“${db}”不存在，请先运行 init`);
  const backend = openBackend(db);
  try {
    return run(backend);
  } finally {
    backend.close();
  }
}

const json = (values: Record<string, unknown>) => Boolean(values.json);

export const ledgerTemplatesCommand: Command = {
  path: ['ledger', 'templates'],
  summary: 'ledger templates --db F [--json]   列出内置台账模板',
  options: {},
  run({ values }, io) {
    return withBackend(values, (b) => {
      const list = b.ledger.categories.templates().map((t) => ({ key: t.key, name: t.name, group: t.group }));
      printResult(io, json(values), list, () => list.map((t) => `${t.key}\t${t.name}（${t.group}）`).join('\n'));
      return EXIT.ok;
    });
  },
};

export const ledgerCreateCommand: Command = {
  path: ['ledger', 'create'],
  summary: 'ledger create --db F --template KEY [--name NAME] [--json]   按模板新建台账类别',
  options: { template: { type: 'string' }, name: { type: 'string' } },
  run({ values }, io) {
    const template = typeof values.template === 'string' ? values.template : undefined;
    const name = typeof values.name === 'string' && values.name.trim() ? values.name.trim() : undefined;
    if (!template && !name) throw new UsageError('缺少 --template KEY（或 --name NAME 新建空白台账）');
    return withBackend(values, (b) => {
      const c = b.ledger.categories.create({ templateKey: template, name });
      printResult(io, json(values), { id: c.id, name: c.name }, () => `已新建台账类别“${c.name}”（编号 ${c.id}，${c.fields.length} 个字段）`);
      return EXIT.ok;
    });
  },
};

export const ledgerListCommand: Command = {
  path: ['ledger', 'list'],
  summary: 'ledger list --db F [--json]   列出台账类别及记录数',
  options: {},
  run({ values }, io) {
    return withBackend(values, (b) => {
      const list = b.ledger.categories.list(true).map((c) => ({ id: c.id, name: c.name, records: c.records, group: c.group, archived: c.archived }));
      printResult(io, json(values), list, () => list.map((c) => `${c.id}\t${c.name}\t${c.records} 条${c.archived ? '（已归档）' : ''}`).join('\n') || '（还没有台账类别）');
      return EXIT.ok;
    });
  },
};

export const ledgerRowsCommand: Command = {
  path: ['ledger', 'rows'],
  summary: 'ledger rows CATEGORY --db F [--json]   列出某台账类别的全部记录（CATEGORY 为编号或名称）',
  options: {},
  run({ values, positionals }, io) {
    const category = positionals[0];
    if (!category) throw new UsageError('缺少台账类别：ledger rows CATEGORY --db F');
    return withBackend(values, (b) => {
      const rows = b.ledger.shownRows(b.ledger.categories.resolve(category).id);
      printResult(io, json(values), rows, () => humanRows(rows));
      return EXIT.ok;
    });
  },
};

function humanRows(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '（没有记录）';
  const labels = Object.keys(rows[0]!);
  return [labels.join('\t'), ...rows.map((r) => labels.map((l) => (r[l] === null ? '' : String(r[l]))).join('\t'))].join('\n');
}

export const LEDGER_COMMANDS: Command[] = [ledgerTemplatesCommand, ledgerCreateCommand, ledgerListCommand, ledgerRowsCommand, importLedgerCommand];
