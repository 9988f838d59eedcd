import fs from 'node:fs';
import { readTable, ROSTER_TARGET } from '../../../../electron/backend/import/index';
import { writeMinimalXlsx } from '../helpers/minimal-xlsx';
import { makePeople, ROSTER_HEADER, asRow } from '../helpers/people';
import { readZip, writeZip } from '../helpers/zip-tools';
const dir = '/tmp/fz/probe'; fs.mkdirSync(dir, { recursive: true });
const ppl = makePeople(5);
const inline = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
const cols = 'ABCDEF';
const rows = [ROSTER_HEADER, ...ppl.map(asRow)].map((r, i) => `<row r="${i+1}">${r.map((v, c) => inline(cols[c]! + (i+1), String(v))).join('')}</row>`).join('');
const f = writeMinimalXlsx(dir, 'utf.xlsx', rows);
// inject invalid bytes into the name of person 2 (row 3)
const parts = readZip(f).map(p => {
  if (!p.name.includes('worksheets')) return p;
  const s = p.data; const at = s.indexOf(Buffer.from(ppl[1]!.name, 'utf8'));
  return { ...p, data: Buffer.concat([s.subarray(0, at+3), Buffer.from([0xff, 0xe4, 0xb8]), s.subarray(at+3)]) };
});
fs.writeFileSync(f, writeZip(parts));
const show = (p: Promise<any>) => p.then(r => console.log(JSON.stringify({rows: r.rows.map((x: any) => x.values.name), refused: r.refused})), e => console.log('ERR', e.code, e.message));
(async () => {
  await show(readTable(f, { target: ROSTER_TARGET }));
  const csvText = [ROSTER_HEADER.join(','), ...ppl.map(p => asRow(p).join(','))].join('\r\n');
  const b = Buffer.from(csvText, 'utf8'); const at = b.indexOf(Buffer.from(ppl[1]!.name, 'utf8'));
  const bad = Buffer.concat([b.subarray(0, at+3), Buffer.from([0xff]), b.subarray(at+3)]);
  fs.writeFileSync(dir + '/bad.csv', bad); await show(readTable(dir + '/bad.csv', { target: ROSTER_TARGET }));
  fs.writeFileSync(dir + '/badbom.csv', Buffer.concat([Buffer.from([0xef,0xbb,0xbf]), bad])); await show(readTable(dir + '/badbom.csv', { target: ROSTER_TARGET }));
})();
