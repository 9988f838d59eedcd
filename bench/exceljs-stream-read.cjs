// The baseline: ExcelJS's streaming reader alone, touching every cell value, doing nothing else.
const ExcelJS = require('exceljs');

(async () => {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const v = row.values;
      cells += Array.isArray(v) ? v.length : 0;
    }
  }
  process.stdout.write(`${cells}\n`);
})();
