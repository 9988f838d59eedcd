import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { openBackend, type Backend } from '../../backend/backend';
import { ApiError } from '../../../shared/contract/define';
import { EXIT, printResult, requireDb, type Command } from '../io';

/** Counts rows of a table that a later module may not have created yet. */
function countIfExists(db: Database, table: string, where = ''): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  return exists ? (db.prepare(`SELECT count(*) AS n FROM "${table}" ${where}`).get() as { n: number }).n : 0;
}

function rawSchemaVersion(file: string): number {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

export const initCommand: Command = {
  path: ['init'],
  summary: 'init --db F [--demo]   创建（或升级）数据文件；--demo 载入示例数据',
  options: { demo: { type: 'boolean', default: false } },
  run({ values }, io) {
    const db = requireDb(values);
    const backend = openBackend(db);
    try {
      if (values.demo) {
        const r = backend.demo.load();
        io.err(`已载入示例数据：${r.units} 个单位，${r.people} 名人员`);
      }
      const info = backend.app.info();
      printResult(io, Boolean(values.json), { db, schemaVersion: info.schemaVersion }, () => `数据文件：${db}（数据版本 ${info.schemaVersion}）`);
      return EXIT.ok;
    } finally {
      backend.close();
    }
  },
};

export const checkCommand: Command = {
  path: ['check'],
  summary: 'check --db F [--json]   检查数据文件的完整性、版本与记录数',
  options: {},
  run({ values }, io) {
    const file = requireDb(values);
    if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `数据文件“${file}”不存在`);
    let backend: Backend;
    try {
      backend = openBackend(file);
    } catch (err) {
      // A damaged file is what `check` exists to report: say so in the contract's shape.
      if (!(err instanceof ApiError) || err.code !== 'DB_CORRUPT') throw err;
      const result = { ok: false, schemaVersion: rawSchemaVersion(file), integrity: err.message, counts: { people: 0, units: 0, records: 0, tasks: 0 } };
      printResult(io, Boolean(values.json), result, () => `数据文件有问题：${err.message}`);
      return EXIT.refused;
    }
    try {
      const { db } = backend.ctx;
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      const integrity = rows.map((r) => r.integrity_check).join('; ');
      const fkProblems = (db.pragma('foreign_key_check') as unknown[]).length;
      const ok = integrity === 'ok' && fkProblems === 0;
      const result = {
        ok,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        integrity: fkProblems > 0 && integrity === 'ok' ? `${fkProblems} 处引用不一致` : integrity,
        counts: {
          people: countIfExists(db, 'people'),
          units: countIfExists(db, 'units'),
          records: countIfExists(db, 'ledger_records', 'WHERE deleted_at IS NULL'), // not the recycle bin
          tasks: countIfExists(db, 'tasks'),
        },
      };
      printResult(io, Boolean(values.json), result, () =>
        [
          ok ? '数据文件完好。' : `数据文件有问题：${result.integrity}`,
          `数据版本 ${result.schemaVersion}；单位 ${result.counts.units}，人员 ${result.counts.people}，台账记录 ${result.counts.records}，督办任务 ${result.counts.tasks}`,
        ].join('\n'),
      );
      return ok ? EXIT.ok : EXIT.refused;
    } finally {
      backend.close();
    }
  },
};
