/**
 * How a page is printed to PDF (the bulletin's 导出PDF…): A4 portrait, a wider left margin
 * for binding, and "第 N 页 共 M 页" in the footer as on the exported sheets. Used by the main
 * process (webContents.printToPDF) and by the browser test that prints the same page with
 * Chromium's own PDF printer. Margins in inches, as both take them.
 */
export const PDF_MARGINS_INCHES = { top: 0.8, bottom: 0.8, left: 1.1, right: 0.8 } as const;

/** Chromium fills the spans; the template cannot load fonts, so it names installed ones. */
export const PDF_FOOTER_TEMPLATE =
  '<div style="width:100%;text-align:center;font-size:9pt;font-family:SimSun,\'Noto Serif CJK SC\',\'Noto Sans CJK SC\',serif">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';

/** Nothing above the text: the bulletin carries its own heading. */
export const PDF_HEADER_TEMPLATE = '<div></div>';
