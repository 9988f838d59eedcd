/**
 * Mutations of real workbooks and CSV files for the import fuzz test. Two levels:
 *   - the file's bytes (flips, truncation, chunks duplicated or deleted, the zip directory
 *     damaged): mostly caught by the zip layer or zlib;
 *   - the XML inside the zip (sheet, shared strings, styles, workbook, relationships): the
 *     part is changed and the zip is written again with correct CRCs and sizes, so the
 *     damage reaches the XML parsers and everything after them.
 * Every mutation returns a description so a failing case says what was done to the file.
 */
import type { ZipPart } from '../helpers/zip-tools';
import { writeZip } from '../helpers/zip-tools';
import type { Rng } from './rng';

export interface Seed {
  /** fixture file name (for reports) */
  name: string;
  ext: '.xlsx' | '.xls' | '.csv';
  bytes: Buffer;
  /** the unpacked parts of an .xlsx */
  parts?: ZipPart[];
  /** the same workbook with every part stored, not deflated: byte flips reach the XML */
  stored?: Buffer;
}

export interface Mutant {
  bytes: Buffer;
  ext: string;
  what: string;
}

// ---------------------------------------------------------------- byte level

const MAX_CHUNK = 4096;

function flip(b: Buffer, r: Rng, n = r.between(1, 8)): string[] {
  const at: string[] = [];
  for (let k = 0; k < n && b.length > 0; k++) {
    const i = r.int(b.length);
    b[i] = r.chance(0.5) ? b[i]! ^ (1 << r.int(8)) : r.int(256);
    at.push(String(i));
  }
  return at;
}

const truncate = (b: Buffer, r: Rng): [Buffer, string] => {
  const at = r.int(b.length);
  return [Buffer.from(b.subarray(0, at)), `truncate@${at}/${b.length}`];
};

function dupChunk(b: Buffer, r: Rng): [Buffer, string] {
  const a = r.int(b.length);
  const len = 1 + r.int(Math.min(MAX_CHUNK, b.length - a));
  const at = r.int(b.length + 1);
  const times = r.chance(0.1) ? r.between(2, 50) : 1;
  const chunk = b.subarray(a, a + len);
  return [Buffer.concat([b.subarray(0, at), ...Array<Buffer>(times).fill(chunk), b.subarray(at)]), `dup[${a}+${len}]x${times}@${at}`];
}

function delChunk(b: Buffer, r: Rng): [Buffer, string] {
  const a = r.int(b.length);
  const len = 1 + r.int(Math.min(MAX_CHUNK, b.length - a));
  return [Buffer.concat([b.subarray(0, a), b.subarray(a + len)]), `del[${a}+${len}]`];
}

function insertBytes(b: Buffer, r: Rng, ins: Buffer): [Buffer, number] {
  const at = r.int(b.length + 1);
  return [Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]), at];
}

const randomBytes = (r: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => r.int(256)));

// ---------------------------------------------------------------- XML level

const LAUGHS =
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">' +
  '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>';

/** Pieces of markup and text that provoke parsers and the cell logic behind them. */
const XML_TOKENS: readonly (string | Buffer)[] = [
  '<', '>', '</', '/>', '&', '&amp;', '&#0;', '&#xFFFF;', '&#x110000;', '&#99999999999;', '&bogus;', '&e;', '"', "'", '=',
  ']]>', '<![CDATA[', '<![CDATA[<row>]]>', '<!--', '-->', '<?pi x?>', LAUGHS,
  '<row>', '</row>', '<row r="1048576">', '<row r="0">', '<row r="-5">', '<row r="99999999999">', '<row r="2">', '<row/>',
  '<c>', '</c>', '<c r="XFD1">', '<c r="A0">', '<c r="ZZZZ9">', '<c r="A1" t="s"><v>999999</v></c>', '<c t="s"><v>-1</v></c>',
  '<c t="s"><v>1.5</v></c>', '<c t="d"><v>not-a-date</v></c>', '<c t="d"><v>+275760-09-13</v></c>', '<c><v>1e308</v></c>',
  '<c s="2"><v>-1</v></c>', '<c s="2"><v>2958466</v></c>', '<c s="99999"><v>1</v></c>', '<c t="e"><v>#REF!</v></c>',
  '<c t="b"><v>2</v></c>', '<c t="inlineStr"><is><t>', '</t></is></c>', '<is><r><t>x</t></r><rPh><t>y</t></rPh></is>',
  '<v>', '</v>', '<t>', '</t>', '<t xml:space="preserve"> </t>', '<f>1/0</f>',
  '<mergeCell ref="A1:XFD1048576"/>', '<mergeCell ref="A1:A1048576"/>', '<mergeCell ref="C3:A1"/>', '<mergeCell ref="A:B"/>',
  '<mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells>', '<sheetData>', '</sheetData>', '<sheetData/>', '</worksheet>',
  '<si><t>x</t></si>', '<si>', '</si>', '<sst count="-1">', '<numFmt numFmtId="14" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>',
  '<numFmt numFmtId="200" formatCode="[$-F800]dddd"/>', '<xf numFmtId="14"/>', '<xf numFmtId="999999"/>', '<cellXfs count="0"/>',
  '<sheet name="" sheetId="1" r:id="rId99"/>', '<sheet name="名单" sheetId="2" r:id="rId1" state="hidden"/>', '<workbookPr date1904="1"/>',
  '<Relationship Id="rId1" Type="x/worksheet" Target="../../../../etc/passwd"/>', '<Relationship Id="rId9" Type="x/worksheet" Target="worksheets/sheet1.xml"/>',
  'Target="/xl/worksheets/sheet1.xml"', 'TargetMode="External"',
  '\u0000', '\u0001', '\ufeff', '\ud800', '姓名', '公民身份号码', '身份证号', '合计', '填表人', '１２３', '1985.3.12', '=HYPERLINK("x")',
  Buffer.from([0xff, 0xfe]), Buffer.from([0xc3]), Buffer.from([0xe4, 0xb8]), Buffer.from([0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0xed, 0xa0, 0x80]),
];

const NUMBERS = ['0', '-1', '1', '2', '4294967296', '1048577', '16385', '99999999999999999999', 'NaN', '1e309', '', '0x10', '3.5', '-0'];
const CELL_TYPES = ['s', 'str', 'inlineStr', 'n', 'b', 'e', 'd', 'zz', ''];

/** Replaces one run of digits (attribute values, indexes, cell values) with an odd number. */
function tamperNumber(text: string, r: Rng): [string, string] {
  const runs = [...text.matchAll(/\d+/g)];
  if (runs.length === 0) return [text, 'num:none'];
  const m = r.pick(runs);
  const to = r.pick(NUMBERS);
  return [text.slice(0, m.index) + to + text.slice(m.index! + m[0].length), `num@${m.index}:${m[0]}→${to}`];
}

/** Changes one cell's type attribute: a shared string index read as a number, and so on. */
function tamperType(text: string, r: Rng): [string, string] {
  const runs = [...text.matchAll(/ t="[^"]*"/g)];
  if (runs.length === 0) return [text, 'type:none'];
  const m = r.pick(runs);
  const to = r.pick(CELL_TYPES);
  return [text.slice(0, m.index) + ` t="${to}"` + text.slice(m.index! + m[0].length), `type@${m.index}→${to}`];
}

/** Removes or repeats one element (a row, a cell, a shared string, a style). */
function tamperElement(text: string, r: Rng): [string, string] {
  const runs = [...text.matchAll(/<(row|c|si|xf|numFmt|sheet|Relationship|mergeCell)\b[^>]*?(\/>|>[^]*?<\/\1>)/g)];
  if (runs.length === 0) return [text, 'elem:none'];
  const m = r.pick(runs);
  const end = m.index! + m[0].length;
  if (r.chance(0.5)) return [text.slice(0, m.index) + text.slice(end), `elem-del@${m.index}:${m[1]}`];
  const times = r.chance(0.2) ? r.between(2, 2000) : 2;
  return [text.slice(0, m.index) + m[0].repeat(times) + text.slice(end), `elem-dup@${m.index}:${m[1]}x${times}`];
}

/** One change to an XML part's bytes; latin1 keeps every byte as it is. */
function mutateXml(data: Buffer, r: Rng): [Buffer, string] {
  const op = r.weighted({ flip: 3, insertRandom: 2, token: 6, del: 2, dup: 2, number: 4, type: 2, element: 4, truncate: 1, prolog: 1 });
  switch (op) {
    case 'flip': {
      const b = Buffer.from(data);
      return [b, `flip@${flip(b, r).join(',')}`];
    }
    case 'insertRandom': {
      const [b, at] = insertBytes(data, r, randomBytes(r, r.between(1, 16)));
      return [b, `rand@${at}`];
    }
    case 'token': {
      const t = r.pick(XML_TOKENS);
      const tok = typeof t === 'string' ? Buffer.from(t, 'utf8') : t;
      // mostly next to markup, where it changes structure rather than text
      const lts = [...data.toString('latin1').matchAll(/</g)];
      const at = lts.length && r.chance(0.7) ? r.pick(lts).index! : r.int(data.length + 1);
      const b = Buffer.concat([data.subarray(0, at), tok, data.subarray(at)]);
      return [b, `token@${at}:${JSON.stringify(tok.toString('latin1').slice(0, 40))}`];
    }
    case 'del':
      return delChunk(data, r);
    case 'dup':
      return dupChunk(data, r);
    case 'truncate':
      return truncate(data, r);
    case 'prolog': {
      // an XML bomb or odd prolog before the root element
      const text = data.toString('latin1');
      const root = text.indexOf('<', text.startsWith('<?xml') ? text.indexOf('?>') : 0);
      const what = r.pick([LAUGHS, '<?xml version="1.0" encoding="GB2312"?>', '<?xml version="1.0" encoding="UTF-16"?>', '\ufeff', '']);
      return [Buffer.concat([Buffer.from(text.slice(0, Math.max(root, 0)), 'latin1'), Buffer.from(what, 'utf8'), Buffer.from(text.slice(Math.max(root, 0)), 'latin1')]), `prolog:${what.slice(0, 30)}`];
    }
    default: {
      const f = op === 'number' ? tamperNumber : op === 'type' ? tamperType : tamperElement;
      const [t, what] = f(data.toString('latin1'), r);
      return [Buffer.from(t, 'latin1'), what];
    }
  }
}

/** Which part to damage: the sheets and shared strings most, since most code reads them. */
function pickPart(parts: ZipPart[], r: Rng): number {
  const weightOf = (n: string): number =>
    /^xl\/worksheets\/[^/]+\.xml$/.test(n) ? 8 : n.endsWith('sharedStrings.xml') ? 4 : n.endsWith('styles.xml') ? 3 : n.endsWith('workbook.xml') ? 2 : n.endsWith('.rels') ? 2 : n.endsWith('.xml') ? 1 : 0;
  const weights = parts.map((p) => weightOf(p.name));
  let x = r.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < parts.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return 0;
}

function mutateParts(seed: Seed, r: Rng): Mutant {
  const parts = seed.parts!.map((p) => ({ ...p }));
  const what: string[] = [];
  const structural = r.chance(0.08);
  if (structural) {
    const i = r.int(parts.length);
    const op = r.pick(['drop', 'rename', 'twice', 'empty'] as const);
    what.push(`${op}:${parts[i]!.name}`);
    if (op === 'drop') parts.splice(i, 1);
    else if (op === 'rename') parts[i] = { ...parts[i]!, name: parts[i]!.name.toUpperCase() };
    else if (op === 'twice') parts.push({ ...parts[i]! });
    else parts[i] = { ...parts[i]!, data: Buffer.alloc(0) };
  } else {
    const i = pickPart(parts, r);
    let data = parts[i]!.data;
    const ops: string[] = [];
    for (let k = r.between(1, 4); k > 0; k--) {
      const [d, w] = mutateXml(data, r);
      data = d;
      ops.push(w);
    }
    parts[i] = { ...parts[i]!, data };
    what.push(`${parts[i]!.name}: ${ops.join(' ; ')}`);
  }
  const store = r.chance(0.3);
  for (const p of parts) p.store = store;
  return { bytes: writeZip(parts), ext: seed.ext, what: `xml ${what.join(' ')}${store ? ' (stored)' : ''}` };
}

// ---------------------------------------------------------------- CSV level

const CSV_TOKENS: readonly (string | Buffer)[] = [
  '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\u0000', '\ufeff', '"\n"', ',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,', '=1+1', '=HYPERLINK("http://x")',
  '姓名,公民身份号码\n', '合计', '110101198503121234', '1.10101198503121E+17', 'x'.repeat(70_000),
  Buffer.from([0xff]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0x81]), Buffer.from([0x81, 0x30]), Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]),
];

function mutateCsv(seed: Seed, r: Rng): Mutant {
  let b: Buffer = Buffer.from(seed.bytes);
  const ops: string[] = [];
  for (let k = r.between(1, 3); k > 0; k--) {
    const op = r.weighted({ flip: 3, token: 4, del: 1, dup: 1, truncate: 1 });
    if (op === 'flip') ops.push(`flip@${flip(b, r).join(',')}`);
    else if (op === 'token') {
      const t = r.pick(CSV_TOKENS);
      const [nb, at] = insertBytes(b, r, typeof t === 'string' ? Buffer.from(t, 'utf8') : t);
      b = nb;
      ops.push(`token@${at}:${JSON.stringify((typeof t === 'string' ? t : t.toString('latin1')).slice(0, 30))}`);
    } else {
      const [nb, w] = op === 'del' ? delChunk(b, r) : op === 'dup' ? dupChunk(b, r) : truncate(b, r);
      b = nb;
      ops.push(w);
    }
  }
  return { bytes: b, ext: seed.ext, what: `csv ${ops.join(' ; ')}` };
}

// ---------------------------------------------------------------- a case

export type Family = 'flip' | 'storedFlip' | 'truncate' | 'dupChunk' | 'delChunk' | 'directory' | 'xml' | 'csv' | 'address' | 'sparseXfd' | 'hugeCell' | 'crc' | 'xls';

export const FAMILY_WEIGHTS: Record<Family, number> = {
  flip: 10,
  storedFlip: 12,
  truncate: 7,
  dupChunk: 5,
  delChunk: 5,
  directory: 5,
  xml: 30,
  csv: 10,
  address: 6,
  sparseXfd: 2,
  hugeCell: 3,
  crc: 5,
  xls: 6,
};

/**
 * Families whose files are damaged beyond doubt: reading one to the end is a failure, not an
 * outcome. An inspection reads only the first rows, so there a damaged address or a sparse
 * tail further down may go unseen; a wrong CRC never may (every part read is checked).
 */
export const mustRefuse = (family: Family, inspect: boolean): boolean => family === 'crc' || (!inspect && (family === 'address' || family === 'sparseXfd'));
const MUST_REFUSE: ReadonlySet<Family> = new Set(['address', 'sparseXfd', 'crc']);

// ---------------------------------------------------------------- the cases of issue 11

/** References no writer produces: columns of many letters, type names, row 0, lowercase. */
const BAD_REFS = ['ZZZZZZZZ50', 'inlineStr', 'str', 'A0', 'XFE1', 'AAAA1', 'a1', '1A', 'A', '9', 'A1048577', 'A99999999999', 'A-1', 'A1.5', ' A1', 'Ａ1'];

const sheetOf = (parts: ZipPart[]) => parts.findIndex((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p.name));

/** One cell reference (of a row holding values) made one no writer produces. */
function badAddress(seed: Seed, r: Rng): Mutant {
  const parts = seed.parts!.map((p) => ({ ...p }));
  const i = sheetOf(parts);
  const text = parts[i]!.data.toString('utf8');
  const refs = [...text.matchAll(/<c r="([A-Z]+\d+)"/g)];
  const m = r.pick(refs);
  const bad = r.chance(0.8) ? r.pick(BAD_REFS) : `${'Z'.repeat(r.between(4, 12))}${r.between(1, 99)}`;
  parts[i] = { ...parts[i]!, data: Buffer.from(text.slice(0, m.index! + 6) + bad + text.slice(m.index! + 6 + m[1]!.length), 'utf8') };
  return { bytes: writeZip(parts), ext: seed.ext, what: `address ${m[1]}→${bad}` };
}

/** Many rows, each with one more value in column XFD: the file that grew the program to 4.6 GB. */
function sparseXfd(seed: Seed, r: Rng): Mutant {
  const parts = seed.parts!.map((p) => ({ ...p }));
  const i = sheetOf(parts);
  const text = parts[i]!.data.toString('utf8');
  const rows = r.between(800, 1500);
  const extra: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/<row r="(\d+)"/g)) last = Math.max(last, Number(m[1]));
  for (let k = 1; k <= rows; k++) extra.push(`<row r="${last + k}"><c r="A${last + k}" t="inlineStr"><is><t>人员${k}</t></is></c><c r="XFD${last + k}"><v>${k}</v></c></row>`);
  const end = text.lastIndexOf('</sheetData>');
  parts[i] = { ...parts[i]!, data: Buffer.from(text.slice(0, end) + extra.join('') + text.slice(end), 'utf8') };
  return { bytes: writeZip(parts), ext: seed.ext, what: `sparseXfd ${rows} rows` };
}

/** A cell or a shared string longer than Excel allows (32,767 characters), up to a few hundred thousand. */
function hugeCell(seed: Seed, r: Rng): Mutant {
  const parts = seed.parts!.map((p) => ({ ...p }));
  const n = r.chance(0.3) ? r.between(32_768, 40_000) : r.between(40_000, 400_000);
  const big = r.pick(['长', 'x', '中文ab']).repeat(Math.ceil(n / 3)).slice(0, n);
  const sst = parts.findIndex((p) => p.name.endsWith('sharedStrings.xml'));
  if (sst >= 0 && r.chance(0.4)) {
    const text = parts[sst]!.data.toString('utf8');
    const at = text.indexOf('<t', text.indexOf('<si'));
    const gt = text.indexOf('>', at) + 1;
    parts[sst] = { ...parts[sst]!, data: Buffer.from(text.slice(0, gt) + big + text.slice(gt), 'utf8') };
    return { bytes: writeZip(parts), ext: seed.ext, what: `hugeCell shared string +${n}` };
  }
  const i = sheetOf(parts);
  const text = parts[i]!.data.toString('utf8');
  const rows = [...text.matchAll(/<row r="(\d+)"[^>]*>/g)];
  const m = r.pick(rows.slice(1).length ? rows.slice(1) : rows);
  const at = m.index! + m[0].length;
  const cell = `<c r="ZZ${m[1]}" t="inlineStr"><is><t>${big}</t></is></c>`;
  // at the row's end, where a cell after the last one belongs
  const close = text.indexOf('</row>', at);
  parts[i] = { ...parts[i]!, data: Buffer.from(text.slice(0, close) + cell + text.slice(close), 'utf8') };
  return { bytes: writeZip(parts), ext: seed.ext, what: `hugeCell inline ${n} in row ${m[1]}` };
}

/** A part whose stored CRC-32 is wrong (in the directory, or in both headers), or whose bytes changed under it. */
function wrongCrc(seed: Seed, r: Rng): Mutant {
  const b = Buffer.from(seed.stored!);
  const parts = seed.parts!;
  // the parts a read opens (an unread part, docProps/app.xml, may carry any CRC it likes)
  const read = parts.filter((p) => /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml|styles\.xml|workbook\.xml|_rels\/workbook\.xml\.rels)$|^_rels\/\.rels$/.test(p.name));
  const target = r.chance(0.7) ? parts[sheetOf(parts)]! : r.pick(read);
  if (target.data.length === 0) return { bytes: b, ext: seed.ext, what: 'crc: empty part (unchanged)' };
  const name = Buffer.from(target.name, 'utf8');
  const how = r.pick(['directory', 'both', 'data'] as const);
  // every local header (0x04034b50) and central record (0x02014b50) naming this part
  const headers: { at: number; crcAt: number; local: boolean }[] = [];
  for (let at = b.indexOf(name); at !== -1; at = b.indexOf(name, at + 1)) {
    if (b.readUInt32LE(at - 30) === 0x04034b50) headers.push({ at: at - 30, crcAt: at - 30 + 14, local: true });
    else if (at >= 46 && b.readUInt32LE(at - 46) === 0x02014b50) headers.push({ at: at - 46, crcAt: at - 46 + 16, local: false });
  }
  const local = headers.find((h) => h.local);
  if (how === 'data' && local) {
    // a byte of the (stored) data changed, sizes intact: only the CRC can tell
    const start = local.at + 30 + name.length + b.readUInt16LE(local.at + 28);
    const at = start + r.int(target.data.length);
    b[at] = b[at]! ^ (1 << r.int(8));
    return { bytes: b, ext: seed.ext, what: `crc data of ${target.name} @${at}` };
  }
  for (const h of headers) if (how === 'both' || !h.local) b.writeUInt32LE((b.readUInt32LE(h.crcAt) ^ (1 + r.int(0xffff))) >>> 0, h.crcAt);
  return { bytes: b, ext: seed.ext, what: `crc ${how} of ${target.name}` };
}

/** Damages the zip's central directory and end record, where sizes and offsets live. */
function flipDirectory(bytes: Buffer, r: Rng): [Buffer, string] {
  const b = Buffer.from(bytes);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cd = eocd >= 0 ? b.readUInt32LE(eocd + 16) : Math.max(0, b.length - 1024);
  const from = Math.min(cd, b.length - 1);
  const at: number[] = [];
  for (let k = r.between(1, 4); k > 0; k--) {
    const i = from + r.int(b.length - from);
    b[i] = r.chance(0.3) ? 0xff : r.int(256);
    at.push(i);
  }
  return [b, `directory@${at.join(',')}`];
}

/** An old .xls (OLE2 + BIFF records): bytes flipped, cut, repeated or deleted, read by SheetJS in the worker. */
function mutateXls(seed: Seed, r: Rng): Mutant {
  let b: Buffer = Buffer.from(seed.bytes);
  const op = r.weighted({ flip: 5, truncate: 2, dup: 1, del: 1 });
  let what: string;
  if (op === 'flip') what = `flip@${flip(b, r, r.between(1, 24)).join(',')}`;
  else [b, what] = op === 'truncate' ? truncate(b, r) : op === 'dup' ? dupChunk(b, r) : delChunk(b, r);
  return { bytes: b, ext: '.xls', what: `xls ${what}` };
}

export function mutate(seeds: { xlsx: Seed[]; csv: Seed[]; xls: Seed[] }, family: Family, r: Rng): Mutant & { seed: string } {
  const seed = family === 'csv' ? r.pick(seeds.csv) : family === 'xls' ? r.pick(seeds.xls) : r.pick(seeds.xlsx);
  let m: Mutant;
  switch (family) {
    case 'xls':
      m = mutateXls(seed, r);
      break;
    case 'address':
      m = badAddress(seed, r);
      break;
    case 'sparseXfd':
      m = sparseXfd(seed, r);
      break;
    case 'hugeCell':
      m = hugeCell(seed, r);
      break;
    case 'crc':
      m = wrongCrc(seed, r);
      break;
    case 'flip':
    case 'storedFlip': {
      const b = Buffer.from(family === 'flip' ? seed.bytes : seed.stored!);
      m = { bytes: b, ext: seed.ext, what: `${family}@${flip(b, r, r.between(1, 16)).join(',')}` };
      break;
    }
    case 'truncate':
    case 'dupChunk':
    case 'delChunk': {
      const base = r.chance(0.5) ? seed.bytes : seed.stored!;
      const [b, what] = family === 'truncate' ? truncate(base, r) : family === 'dupChunk' ? dupChunk(base, r) : delChunk(base, r);
      m = { bytes: b, ext: seed.ext, what };
      break;
    }
    case 'directory': {
      const [b, what] = flipDirectory(r.chance(0.5) ? seed.bytes : seed.stored!, r);
      m = { bytes: b, ext: seed.ext, what };
      break;
    }
    case 'xml':
      m = mutateParts(seed, r);
      break;
    case 'csv':
      m = mutateCsv(seed, r);
      break;
  }
  // now and then the name lies about the content, as renamed files do (not for the cases that must be refused as damage)
  if (!MUST_REFUSE.has(family) && r.chance(0.05)) m.ext = r.pick(['.xlsx', '.csv', '.xls', '.et', '.txt', '']);
  return { ...m, seed: seed.name };
}
