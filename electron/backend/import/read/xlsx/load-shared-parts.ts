import { openEntryText } from '../zip/entry-stream';
import type { WorkbookPackage } from './workbook-package';

/**
 * Built-in number formats 27–36 and 50–58 are locale-dependent and never written to
 * styles.xml. Chinese Excel and WPS use them for dates all the time (31 is "yyyy年m月d日",
 * 57 "yyyy年m月"), and ExcelJS knows no code for them, so such dates would arrive as bare
 * serial numbers. These are the zh-CN meanings.
 */
const ZH_CN_BUILTIN_DATE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Styles and shared strings come before any sheet: cells refer to both. */
export async function loadSharedParts(pkg: WorkbookPackage): Promise<void> {
  const { reader } = pkg;
  if (pkg.styles) {
    await reader._parseStyles(openEntryText(pkg.file, pkg.styles, pkg.budget));
    const index = reader.styles.index;
    if (index) {
      index.numFmt ??= {};
      for (const [id, code] of Object.entries(ZH_CN_BUILTIN_DATE_FORMATS)) index.numFmt[Number(id)] ??= code;
    }
  }
  if (pkg.sharedStrings) {
    // the generator yields nothing in 'cache' mode; it fills reader.sharedStrings
    for await (const _ of reader._parseSharedStrings(openEntryText(pkg.file, pkg.sharedStrings, pkg.budget))) void _;
  }
  reader.sharedStrings ??= [];
}
