import ExcelJS from 'exceljs';
import { checkCharFor } from '../shared/validation/id-number';

/**
 * A roster workbook as offices send them: 12 columns, IDs as text, dates as dates and as text.
 * `sharedStrings`: texts in xl/sharedStrings.xml, as Excel and WPS save them; else inline in
 * the sheet (t="str"), as many other writers do.
 */
export async function generateRosterXlsx(file: string, ROWS: number, sharedStrings = false): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: sharedStrings, useSharedStrings: sharedStrings });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['序号', '姓名', '性别', '警号', '身份证号', '出生日期', '政治面貌', '部门', '职务', '职级', '联系电话', '入警时间']).commit();
  const units = ['政治部', '指挥中心', '法制支队', '刑侦支队', '治安支队', '交警支队', '高新分局', '临空分局'];
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 12000) * 86400000);
    const ymd = birth.toISOString().slice(0, 10);
    const first17 = `512001${ymd.replace(/-/g, '')}${String(Math.floor(i / 12000)).padStart(2, '0')}${i % 2 ? 1 : 2}`;
    ws.addRow([
      i + 1,
      `人员${i}`,
      i % 2 ? '男' : '女',
      String(100000 + i),
      first17 + checkCharFor(first17),
      birth,
      '中共党员',
      units[i % units.length],
      '科员',
      '一级警员',
      `138${String(i).padStart(8, '0')}`,
      `${2000 + (i % 20)}.${1 + (i % 12)}.1`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}


// As a script (node --import tsx bench/roster-xlsx.ts FILE ROWS [shared]): the benches make their
// files in a child of their own, so the memory of making one never counts as the memory of
// reading it (a child's peak RSS includes what its parent held when it was forked).
if (require.main === module) {
  const [file, rows, shared] = process.argv.slice(2);
  generateRosterXlsx(file!, Number(rows), shared === 'shared').catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
