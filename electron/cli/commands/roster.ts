import fs from 'node:fs';
import { openBackend } from '../../backend/backend';
import { ApiError } from '../../../shared/contract/define';
import { EXIT, printResult, requireDb, type Command } from '../io';

export const rosterListCommand: Command = {
  path: ['roster', 'list'],
  summary: 'roster list --db F [--json]   列出花名册',
  options: {},
  run({ values }, io) {
    const file = requireDb(values);
    if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `数据文件“${file}”不存在`);
    const backend = openBackend(file);
    try {
      // The keys below are the CLI contract; absent values are null, dates stay ISO text.
      const people = backend.roster.list().map((p) => ({
        name: p.name,
        sex: p.sex,
        badge: p.badge,
        idNumber: p.idNumber,
        birthDate: p.birthDate,
        unit: p.unitName,
        phone: p.phone,
        politicalStatus: p.politicalStatus,
        post: p.post,
        joinedDate: p.joinedDate,
      }));
      printResult(io, Boolean(values.json), people, () =>
        people.map((p) => [p.name, p.sex ?? '', p.badge ?? '', p.idNumber ?? '', p.unit ?? ''].join('\t')).join('\n') || '（花名册为空）',
      );
      return EXIT.ok;
    } finally {
      backend.close();
    }
  },
};
