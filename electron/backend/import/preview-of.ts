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
  withRefusedCells(parsed, rows);
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

/**
 * A refused row carries no checked values; the preview shows its cells as the file has them
 * (by the mapping), so the user sees who the row is — 姓名, 公民身份号码, 单位 — not only its number.
 */
function withRefusedCells(parsed: ParsedImport, rows: ImportPreviewRow[]): void {
  const raw = new Map(parsed.refused.map((r) => [r.row, r.raw]));
  for (const r of rows) {
    const cells = raw.get(r.row);
    if (!cells || Object.keys(r.values).length > 0) continue;
    const values: Record<string, unknown> = {};
    parsed.columns.forEach((header, i) => {
      const key = parsed.mapping[header];
      if (key && cells[i]) values[key] = cells[i];
    });
    r.values = values;
  }
}
