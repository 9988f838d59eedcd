import fsp from 'node:fs/promises';
import JSZip from 'jszip';
import { IDENTITY_SHEET, identityFromProperties, identityFromRows, parseFormNumber, type FormIdentity } from './form-identity';

/**
 * Finds a returned file's identity without reading its table: only the small parts of the
 * package are opened (document properties, the sheet list, the hidden sheet, the first
 * lines of the table), each read no further than it needs — a hostile file's huge sheet
 * is never inflated here. The table itself goes through the import engine (readTable).
 */
export interface FoundIdentity {
  identity: FormIdentity | null;
  by: 'sheet' | 'properties' | 'title' | null;
  /** the sheets a person can see, in order */
  visibleSheets: string[];
}

const MAX_FILE = 100 * 1024 * 1024;
const MAX_PART = 4 * 1024 * 1024;
/** enough of a sheet for its first lines */
const HEAD_BYTES = 64 * 1024;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Element names without their namespace prefix (some writers use <x:c>). */
const unprefixed = (xml: string) => xml.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1');

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : null;
}

/** The text of every <t> in a fragment, phonetic runs left out. */
function textOf(fragment: string): string {
  const clean = fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of clean.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) out += m[1] ? decodeXml(m[1]) : '';
  return out;
}

async function readPart(zip: JSZip, name: string, limit: number, partial = false): Promise<string | null> {
  const file = zip.file(name) ?? zip.file(name.replace(/^\//, '')) ?? Object.values(zip.files).find((f) => f.name.toLowerCase() === name.toLowerCase()) ?? null;
  if (!file || file.dir) return null;
  return new Promise<string | null>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = file.nodeStream('nodebuffer');
    let done = false;
    const finish = (v: string | null) => {
      if (done) return;
      done = true;
      (stream as unknown as { pause?: () => void }).pause?.();
      resolve(v);
    };
    stream.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= limit) finish(partial ? Buffer.concat(chunks).toString('utf8') : null);
    });
    stream.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', () => finish(null));
  });
}

interface SheetEntry {
  name: string;
  state: string;
  path: string | null;
}

async function sheetList(zip: JSZip): Promise<SheetEntry[]> {
  const workbook = await readPart(zip, 'xl/workbook.xml', MAX_PART);
  if (!workbook) return [];
  const rels = (await readPart(zip, 'xl/_rels/workbook.xml.rels', MAX_PART)) ?? '';
  const targets = new Map<string, string>();
  for (const m of unprefixed(rels).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/'));
  }
  return [...unprefixed(workbook).matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const rid = attr(m[0], 'r:id') ?? attr(m[0], '[A-Za-z]+:id');
    return { name: attr(m[0], 'name') ?? '', state: attr(m[0], 'state') ?? 'visible', path: rid ? (targets.get(rid) ?? null) : null };
  });
}

async function sharedStrings(zip: JSZip): Promise<string[]> {
  const xml = await readPart(zip, 'xl/sharedStrings.xml', 32 * 1024 * 1024);
  if (!xml) return [];
  return [...unprefixed(xml).matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)].map((m) => textOf(m[1] ?? ''));
}

/** The text of the cells of a sheet's XML, row by row (columns A, B, … as found). */
function sheetCells(xml: string, strings: () => Promise<string[]>): Promise<{ row: number; col: number; text: string }[]> {
  const cells: { row: number; col: number; raw: string; type: string | null }[] = [];
  for (const m of unprefixed(xml).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = attr(m[1]!, 'r');
    const at = ref ? /^([A-Z]+)(\d+)$/.exec(ref) : null;
    if (!at) continue;
    const col = [...at[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    cells.push({ row: Number(at[2]), col, raw: m[2] ?? '', type: attr(m[1]!, 't') });
  }
  return (async () => {
    const needShared = cells.some((c) => c.type === 's');
    const shared = needShared ? await strings() : [];
    return cells.map((c) => {
      let text: string;
      if (c.type === 'inlineStr') text = textOf(c.raw);
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(c.raw)?.[1];
        text = v === undefined ? '' : c.type === 's' ? (shared[Number(v)] ?? '') : decodeXml(v);
      }
      return { row: c.row, col: c.col, text };
    });
  })();
}

export async function readIdentity(path: string): Promise<FoundIdentity> {
  const stat = await fsp.stat(path);
  if (stat.size > MAX_FILE) return { identity: null, by: null, visibleSheets: [] };
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await fsp.readFile(path));
  } catch {
    return { identity: null, by: null, visibleSheets: [] };
  }
  const sheets = await sheetList(zip);
  const visibleSheets = sheets.filter((s) => s.state === 'visible').map((s) => s.name);
  let strings: Promise<string[]> | null = null;
  const shared = () => (strings ??= sharedStrings(zip));

  // 1. the hidden sheet
  const hidden = sheets.find((s) => s.name === IDENTITY_SHEET) ?? null;
  const core = (await readPart(zip, 'docProps/core.xml', MAX_PART)) ?? '';
  const description = /<(?:\w+:)?description\b[^>]*>([\s\S]*?)<\/(?:\w+:)?description>/.exec(core)?.[1];
  const props = identityFromProperties(description ? decodeXml(description) : null);
  if (hidden?.path) {
    const xml = await readPart(zip, hidden.path, MAX_PART);
    if (xml) {
      const cells = await sheetCells(xml, shared);
      const rows = new Map<number, [string, string]>();
      for (const c of cells) {
        if (c.col > 2) continue;
        const r = rows.get(c.row) ?? ['', ''];
        r[c.col - 1] = c.text;
        rows.set(c.row, r);
      }
      const identity = identityFromRows([...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r));
      if (identity) return { identity, by: 'sheet', visibleSheets };
    }
  }
  // 2. the document properties
  if (props) return { identity: props, by: 'properties', visibleSheets };
  // 3. the 表号 in the first lines of a visible sheet
  for (const s of sheets.filter((x) => x.state === 'visible' && x.path)) {
    const xml = await readPart(zip, s.path!, HEAD_BYTES, true);
    if (!xml) continue;
    const cells = (await sheetCells(xml.replace(/<c\b[^>]*$/, ''), shared)).filter((c) => c.row <= 4);
    const found = parseFormNumber(cells.map((c) => c.text).join(' '));
    if (found) {
      const identity: FormIdentity = {
        kind: 'form', collection: found.collection, unit: found.unit, unitName: '', office: '', officeName: '', title: '', period: '',
        dueDate: null, schemaHash: '', dataSheet: s.name, fields: null, instructions: '', filledAt: null,
      };
      return { identity, by: 'title', visibleSheets };
    }
  }
  return { identity: null, by: null, visibleSheets };
}
