import fs from 'node:fs';
import path from 'node:path';
import { writeZip } from './zip-tools';

/**
 * A workbook written by hand, part by part, for XML that ExcelJS's writer never produces:
 * inline rich text, phonetic runs, t="d" cells, prefixed element names, cells without r="…".
 */
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function writeMinimalXlsx(dir: string, name: string, sheetData: string, opts: { date1904?: boolean; prefix?: string } = {}): string {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const xmlns = opts.prefix ? `xmlns:${opts.prefix}="${NS}"` : `xmlns="${NS}"`;
  const parts = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr${opts.date1904 ? ' date1904="true"' : ''}/><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/data.xml"/></Relationships>`,
    'xl/worksheets/data.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${xmlns}><${p}sheetData>${sheetData}</${p}sheetData></${p}worksheet>`,
  };
  const file = path.join(dir, name);
  fs.writeFileSync(file, writeZip(Object.entries(parts).map(([n, d]) => ({ name: n, data: Buffer.from(d, 'utf8') }))));
  return file;
}
