import { ImportFileError } from '../errors';
import type { ColumnMapping } from './auto-map';
import { fieldByKey, type ImportTarget } from './target';

/**
 * A mapping the user corrected (or one remembered from a file with the same header): every
 * column must exist in this file and every field be named once. Empty values unmap a column.
 */
export function checkMapping(mapping: ColumnMapping, columns: readonly string[], target: ImportTarget): ColumnMapping {
  const out: ColumnMapping = {};
  const usedBy = new Map<string, string>();
  for (const [col, key] of Object.entries(mapping)) {
    if (key === '' || key === null || key === undefined) continue;
    if (!columns.includes(col)) {
      throw new ImportFileError('IMPORT_BAD_MAPPING', `对应关系中的列“${col}”在这个文件里不存在。文件中的列：${columns.join('、')}。`);
    }
    const field = fieldByKey(target, key);
    // the key is ours, not the clerk's: say what to do instead
    if (!field) throw new ImportFileError('IMPORT_BAD_MAPPING', `列“${col}”对应的字段已不存在（可能是以前记住的对应关系），请为这一列重新选择对应的字段。`);
    const other = usedBy.get(key);
    if (other !== undefined) {
      throw new ImportFileError('IMPORT_BAD_MAPPING', `列“${other}”和“${col}”都对应到了“${field.label}”，每个字段只能对应一列。`);
    }
    usedBy.set(key, col);
    out[col] = key;
  }
  return out;
}

/** Required fields no column is mapped to. */
export function missingRequired(mapping: ColumnMapping, target: ImportTarget): string[] {
  const mapped = new Set(Object.values(mapping));
  return target.fields.filter((f) => f.required && !mapped.has(f.key)).map((f) => f.key);
}
