import type ExcelJS from 'exceljs';

/**
 * ExcelJS 4.4.0 (pinned exactly in package.json) has no `quotePrefix` cell style: its typings
 * lack it and its style writer drops unknown keys. quotePrefix="1" on a cell format is what
 * Excel itself stores for text typed with a leading apostrophe ('=1+1): the cell is text and
 * stays text when the user edits it. We add it here, for this one workbook, by wrapping two
 * methods of its style manager: a style object carrying `quotePrefix: true` gets the
 * attribute on its <xf> entry, deduplicated like any other style.
 *
 * Re-check these internals when upgrading ExcelJS; the export tests read the attribute back
 * with openpyxl and fail if it is missing.
 */
interface StyleManager {
  addStyleModel(model: unknown, cellType?: unknown): number;
  _addStyle(style: unknown): number;
  map: { style: { toXml(model: unknown): string } };
  index: { style: Record<string, number> };
  model: { styles: string[] };
}

function isStyleManager(x: unknown): x is StyleManager {
  const s = x as Partial<StyleManager> | undefined;
  return (
    typeof s?.addStyleModel === 'function' &&
    typeof s._addStyle === 'function' &&
    typeof s.map?.style?.toXml === 'function' &&
    typeof s.index?.style === 'object' &&
    Array.isArray(s.model?.styles)
  );
}

/** Returns false when ExcelJS's internals are not what this expects (the cell then relies on '@' alone). */
export function enableQuotePrefix(workbook: ExcelJS.stream.xlsx.WorkbookWriter): boolean {
  const styles: unknown = (workbook as unknown as { styles?: unknown }).styles;
  if (!isStyleManager(styles)) return false;
  const addStyleModel = styles.addStyleModel.bind(styles);
  const addStyle = styles._addStyle.bind(styles);
  let quoted = false;
  styles._addStyle = (style) => {
    if (!quoted) return addStyle(style);
    const xml = styles.map.style.toXml(style).replace(/^<xf /, '<xf quotePrefix="1" ');
    let id = styles.index.style[xml];
    if (id === undefined) {
      id = styles.model.styles.length;
      styles.index.style[xml] = id;
      styles.model.styles.push(xml);
    }
    return id;
  };
  styles.addStyleModel = (model, cellType) => {
    quoted = (model as { quotePrefix?: unknown } | null)?.quotePrefix === true;
    try {
      return addStyleModel(model, cellType);
    } finally {
      quoted = false;
    }
  };
  return true;
}
