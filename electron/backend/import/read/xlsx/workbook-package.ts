import path from 'node:path/posix';
import { ImportFileError } from '../../errors';
import type { FileBytes } from '../file-bytes';
import type { ReadLimits } from '../limits';
import { readCentralDirectory, type ZipEntry } from '../zip/central-directory';
import { InflateBudget, readEntryText } from '../zip/entry-stream';
import { attributes, nextTag, tagEnd, XmlDamage } from '../xml/xml-text';
import { damagedSheet } from './sheet-rows';

/** One sheet of the workbook, in the order the workbook lists them (the tab order). */
export interface SheetPart {
  name: string;
  hidden: boolean;
  entry: ZipEntry | null;
  /** "第2个工作表（花名册）": how messages name it */
  label: string;
}

export interface WorkbookPackage {
  file: FileBytes;
  budget: InflateBudget;
  sheets: SheetPart[];
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
  date1904: boolean;
}

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}
const RESAVE = '请在 Excel 或 WPS 中打开它，“文件 → 另存为”选择 Excel 工作簿（*.xlsx）后再导入。';
const unsupported = (m: string) => new ImportFileError('IMPORT_FILE_UNSUPPORTED', m);

/** A zip that is not an .xlsx: say what it is when we can. */
function notAWorkbook(byName: Map<string, ZipEntry>): ImportFileError {
  if (byName.has('EncryptedPackage')) {
    return new ImportFileError('IMPORT_FILE_ENCRYPTED', '这个 Excel 文件设置了打开密码（已加密），无法读取。请取消密码并另存为 .xlsx 后再导入。');
  }
  if (byName.has('xl/workbook.bin')) return unsupported(`这是 Excel 二进制工作簿（.xlsb），不能直接导入。${RESAVE}`);
  if (byName.has('word/document.xml')) return unsupported('这是 Word 文档（.docx），不是表格。请选择 Excel 表格文件（.xlsx 或 .csv）。');
  if (byName.has('ppt/presentation.xml')) return unsupported('这是 PowerPoint 演示文稿（.pptx），不是表格。请选择 Excel 表格文件（.xlsx 或 .csv）。');
  if (byName.has('content.xml') && byName.has('mimetype')) {
    return unsupported(`这是 OpenDocument 表格（.ods）或 WPS/永中 等软件的其他格式，不能直接导入。${RESAVE}`);
  }
  return unsupported('这是一个压缩包（.zip），不是 Excel 工作簿，无法导入。请解压后选择其中的 .xlsx 或 .csv 文件。');
}

/** Relationship targets are relative to the part's folder, or absolute from the package root. */
const resolveTarget = (baseDir: string, target: string) =>
  target.startsWith('/') ? target.slice(1) : path.normalize(path.join(baseDir, target));

const relsPathOf = (part: string) => path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);

/** Every <Relationship> of a .rels part. */
async function parseRels(file: FileBytes, budget: InflateBudget, entry: ZipEntry): Promise<Relationship[]> {
  const xml = await readEntryText(file, entry, budget);
  return tagsOf(xml, 'Relationship', '工作簿的关系目录').map((a) => ({ Id: a.Id ?? '', Type: a.Type ?? '', Target: a.Target ?? '', TargetMode: a.TargetMode }));
}

/** The attributes of every `<name …>` tag of a small part, whatever prefix it uses. */
function tagsOf(xml: string, name: string, label: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}[\\s/>]`, 'g');
  try {
    for (let m = re.exec(xml); m; m = re.exec(xml)) {
      const gt = tagEnd(xml, m.index);
      if (gt === -1) throw new XmlDamage('标签没有结束');
      out.push(attributes(xml, m.index, gt));
      re.lastIndex = gt + 1;
    }
  } catch (e) {
    if (e instanceof XmlDamage) throw damagedSheet(label, `XML 结构有误（${e.message}）`);
    throw e;
  }
  return out;
}

const byType = (rels: Relationship[], suffix: string) => rels.find((r) => r.Type?.endsWith(suffix) && r.TargetMode !== 'External');

export async function openWorkbookPackage(file: FileBytes, limits: ReadLimits, onActivity?: () => void): Promise<WorkbookPackage> {
  const entries = readCentralDirectory(file, limits.maxEntries);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const lookup = (p: string) => byName.get(p) ?? entries.find((e) => e.name.toLowerCase() === p.toLowerCase()) ?? null;
  const budget = new InflateBudget(limits.maxEntryBytes, limits.maxTotalBytes, onActivity);

  // where the workbook part lives: _rels/.rels says, xl/workbook.xml by convention
  let workbookPath = 'xl/workbook.xml';
  const rootRels = lookup('_rels/.rels');
  if (rootRels) {
    const office = byType(await parseRels(file, budget, rootRels), '/officeDocument');
    if (office) workbookPath = resolveTarget('', office.Target);
  }
  const workbookEntry = lookup(workbookPath) ?? lookup('xl/workbook.xml');
  if (!workbookEntry) throw notAWorkbook(byName);
  workbookPath = workbookEntry.name;

  const workbookXml = await readEntryText(file, workbookEntry, budget);
  if (!/<([A-Za-z_][\w.-]*:)?workbook[\s>/]/.test(workbookXml)) throw damagedSheet('工作簿的目录部分', '内容不是有效的工作簿目录');
  const pr = tagsOf(workbookXml, 'workbookPr', '工作簿的目录部分')[0];
  // the schema allows "true" as well as "1"
  const date1904 = pr?.date1904 === '1' || pr?.date1904?.toLowerCase() === 'true';

  const relsEntry = lookup(relsPathOf(workbookPath));
  const rels = relsEntry ? await parseRels(file, budget, relsEntry) : [];
  const baseDir = path.dirname(workbookPath);
  const partOf = (rel: Relationship | undefined) => (rel ? lookup(resolveTarget(baseDir, rel.Target)) : null);

  const listed = tagsOf(sheetsList(workbookXml), 'sheet', '工作簿的目录部分');
  const sheets: SheetPart[] = listed.map((s, i) => {
    const rel = rels.find((r) => r.Id === s.id);
    const isWorksheet = !rel || rel.Type.endsWith('/worksheet');
    const name = String(s.name ?? '');
    return {
      name,
      hidden: s.state === 'hidden' || s.state === 'veryHidden',
      // chart sheets and dialog sheets have no cells
      entry: isWorksheet ? partOf(rel) : null,
      label: `第${i + 1}个工作表（${name}）`,
    };
  });
  if (sheets.length === 0) throw new ImportFileError('IMPORT_NO_DATA', '这个工作簿里没有工作表，无法导入。');
  refuseSharedParts(sheets);
  if (sheets.length > limits.maxSheets) {
    throw new ImportFileError('IMPORT_FILE_TOO_LARGE', `文件无法导入：工作簿中有 ${sheets.length} 个工作表，超过了本程序的上限（${limits.maxSheets} 个）。请只保留需要导入的工作表后另存为 .xlsx 再导入。`);
  }

  return {
    file,
    budget,
    sheets,
    sharedStrings: partOf(byType(rels, '/sharedStrings')) ?? lookup(path.join(baseDir, 'sharedStrings.xml')),
    styles: partOf(byType(rels, '/styles')) ?? lookup(path.join(baseDir, 'styles.xml')),
    date1904,
  };
}

/** The <sheets> element of workbook.xml (a <sheet> elsewhere, in custom views, is not a tab). */
function sheetsList(xml: string): string {
  const at = nextTag(xml, '<sheets', 0);
  const p = /<([A-Za-z_][\w.-]*:)sheets[\s>]/.exec(xml);
  const from = at !== -1 ? at : p ? p.index : -1;
  if (from === -1) return '';
  const end = xml.indexOf('sheets>', from + 7);
  return xml.slice(from, end === -1 ? xml.length : end);
}

/**
 * Excel and WPS give every sheet its own part. A sheet list naming one part many times is a
 * damaged or crafted file, and reading it would read that part once per name.
 */
function refuseSharedParts(sheets: readonly SheetPart[]): void {
  const seen = new Map<unknown, string>();
  for (const s of sheets) {
    if (!s.entry) continue;
    const first = seen.get(s.entry);
    if (first !== undefined) {
      throw new ImportFileError(
        'IMPORT_FILE_DAMAGED',
        `工作簿的工作表目录有误：工作表“${first}”和“${s.name}”指向同一份数据，文件可能已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
      );
    }
    seen.set(s.entry, s.name);
  }
}
