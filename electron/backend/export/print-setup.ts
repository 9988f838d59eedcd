import type ExcelJS from 'exceljs';
import type { Margins } from './table-spec';

/**
 * Margins for a bound submission, in inches: the stack is stapled or bound along the left
 * edge, so the left margin is wider (0.9" ≈ 2.3 cm leaves room for staples or a binding
 * strip without hiding the 序号 column); the others stay narrow so more columns fit the
 * width before the sheet has to shrink. Header and footer sit inside top and bottom.
 * A preset may change them, e.g. landscape pages bound into a portrait file put the page
 * top toward the spine (GB/T 9704), which calls for a wide top margin instead.
 */
export const BINDING_MARGINS: Margins = { left: 0.9, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

/** Centred "第 1 页 共 3 页": &P and &N are Excel's page-number and page-count fields. */
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** A4 in the paper-size codes of SpreadsheetML. */
const A4 = 9;

/**
 * Worksheet options of every exported sheet. The streaming writer writes views and page
 * setup when the sheet is opened, so everything here must be known before the first row.
 * `header` = the sheet rows of the table header: frozen below it, repeated on every page.
 */
export function sheetOptions(
  header: { first: number; last: number; freeze?: boolean } | null,
  margins?: Partial<Margins>,
  orientation: 'landscape' | 'portrait' = 'landscape',
): Partial<ExcelJS.AddWorksheetOptions> {
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    paperSize: A4 as ExcelJS.PaperSize,
    orientation,
    // one page wide, as many pages tall as needed (fitToHeight 0 = "automatic")
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { ...BINDING_MARGINS, ...margins },
  };
  if (header) pageSetup.printTitlesRow = `${header.first}:${header.last}`;
  return {
    pageSetup,
    headerFooter: { oddFooter: PAGE_FOOTER },
    views: header && header.freeze !== false ? [{ state: 'frozen', xSplit: 0, ySplit: header.last, topLeftCell: `A${header.last + 1}`, activeCell: `A${header.last + 1}` }] : [],
    // 15 is ExcelJS's default; anything else would mark every row "custom height" and stop
    // Excel from growing rows to fit wrapped text.
    properties: { defaultRowHeight: 15 },
  };
}
