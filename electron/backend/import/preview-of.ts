import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ImportFieldInfo, ImportPreview, ImportPreviewRow, ImportRowClass } from '../../../shared/contract/imports';
import type { ParsedImport } from './index';

/**
 * The preview the import screen shows, from a parsed file and its classified rows: one shape
 * for every import target (the roster, each ledger category).
 */
export function previewOf(
  parsed: ParsedImport,
  rows: ImportPreviewRow[],
  info: { path: string; fileName?: string; fields: ImportFieldInfo[]; rememberedMapping: boolean },
): ImportPreview {
  const counts: Record<ImportRowClass, number> = { new: 0, changed: 0, unchanged: 0, duplicate: 0, invalid: 0 };
  for (const r of rows) counts[r.class]++;
  return {
    previewId: randomUUID(),
    fileName: info.fileName ?? path.basename(info.path),
    format: parsed.format,
    sheet: parsed.sheet,
    sheets: parsed.sheets.map((s) => ({ name: s.name, rows: s.rows })),
    headerRow: parsed.headerRow,
    headerRows: parsed.headerRows,
    columns: parsed.columns,
    mapping: parsed.mapping,
    fields: info.fields,
    missingRequired: parsed.missingRequired,
    unknownUnits: parsed.unknownUnits,
    rows,
    skipped: parsed.skipped.map((s) => ({ row: s.row, reason: String(s.reason) })),
    counts,
    rememberedMapping: info.rememberedMapping,
  };
}
