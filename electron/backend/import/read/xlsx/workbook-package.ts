import path from 'node:path/posix';
import { ImportFileError } from '../../errors';
import type { FileBytes } from '../file-bytes';
import type { ReadLimits } from '../limits';
import { readCentralDirectory, type ZipEntry } from '../zip/central-directory';
import { InflateBudget, readEntryText, textStream } from '../zip/entry-stream';
import { newInternalReader, type InternalWorkbookReader, type Relationship } from './exceljs-internals';

/** One sheet of the workbook, in the order the workbook lists them (the tab order). */
export interface SheetPart {
  name: string;
  hidden: boolean;
  entry: ZipEntry | null;
}

export interface WorkbookPackage {
  file: FileBytes;
  budget: InflateBudget;
  reader: InternalWorkbookReader;
  sheets: SheetPart[];
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
  date1904: boolean;
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

async function parseRels(pkg: { file: FileBytes; budget: InflateBudget; reader: InternalWorkbookReader }, entry: ZipEntry) {
  await pkg.reader._parseRels(textStream(await readEntryText(pkg.file, entry, pkg.budget)));
  return pkg.reader.workbookRels ?? [];
}

const byType = (rels: Relationship[], suffix: string) => rels.find((r) => r.Type?.endsWith(suffix) && r.TargetMode !== 'External');

export async function openWorkbookPackage(file: FileBytes, limits: ReadLimits, onActivity?: () => void): Promise<WorkbookPackage> {
  const entries = readCentralDirectory(file, limits.maxEntries);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const lookup = (p: string) => byName.get(p) ?? entries.find((e) => e.name.toLowerCase() === p.toLowerCase()) ?? null;
  const budget = new InflateBudget(limits.maxEntryBytes, limits.maxTotalBytes, onActivity);
  const reader = newInternalReader();
  const ctx = { file, budget, reader };

  // where the workbook part lives: _rels/.rels says, xl/workbook.xml by convention
  let workbookPath = 'xl/workbook.xml';
  const rootRels = lookup('_rels/.rels');
  if (rootRels) {
    const office = byType(await parseRels(ctx, rootRels), '/officeDocument');
    if (office) workbookPath = resolveTarget('', office.Target);
  }
  const workbookEntry = lookup(workbookPath) ?? lookup('xl/workbook.xml');
  if (!workbookEntry) throw notAWorkbook(byName);
  workbookPath = workbookEntry.name;

  const workbookXml = await readEntryText(file, workbookEntry, budget);
  await reader._parseWorkbook(textStream(workbookXml));
  // ExcelJS only honours date1904="1"; the schema also allows "true"
  const date1904 = /\bdate1904\s*=\s*["'](1|true)["']/i.test(workbookXml);
  reader.properties = { model: { date1904 } };

  const relsEntry = lookup(relsPathOf(workbookPath));
  const rels = relsEntry ? await parseRels(ctx, relsEntry) : [];
  const baseDir = path.dirname(workbookPath);
  const partOf = (rel: Relationship | undefined) => (rel ? lookup(resolveTarget(baseDir, rel.Target)) : null);

  const sheets: SheetPart[] = (reader.model?.sheets ?? []).map((s) => {
    const rel = rels.find((r) => r.Id === s.rId);
    const isWorksheet = !rel || rel.Type.endsWith('/worksheet');
    return {
      name: String(s.name ?? ''),
      hidden: s.state === 'hidden' || s.state === 'veryHidden',
      // chart sheets and dialog sheets have no cells
      entry: isWorksheet ? partOf(rel) : null,
    };
  });
  if (sheets.length === 0) throw new ImportFileError('IMPORT_NO_DATA', '这个工作簿里没有工作表，无法导入。');
  refuseSharedParts(sheets);

  return {
    file,
    budget,
    reader,
    sheets,
    sharedStrings: partOf(byType(rels, '/sharedStrings')) ?? lookup(path.join(baseDir, 'sharedStrings.xml')),
    styles: partOf(byType(rels, '/styles')) ?? lookup(path.join(baseDir, 'styles.xml')),
    date1904,
  };
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
