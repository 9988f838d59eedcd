import { matchHeader } from './match-header';
import { headerHintsFor, type ImportTarget } from './target';

/** Source header → field key, as the CLI prints it and the screen edits it. */
export type ColumnMapping = Record<string, string>;

/**
 * Maps columns to fields by name. Exact names are placed first, then looser matches, so
 * "联系电话" takes the phone field before "紧急联系电话" could; each field is taken once,
 * by the leftmost column at the best tier.
 */
export function autoMap(columns: readonly string[], target: ImportTarget): ColumnMapping {
  const fields = headerHintsFor(target).fields;
  const matches = columns.map((c) => matchHeader(c, fields));
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const tier of [4, 3, 2, 1] as const) {
    columns.forEach((col, i) => {
      const m = matches[i];
      if (!m || m.tier !== tier || taken.has(m.key) || col in mapping) return;
      mapping[col] = m.key;
      taken.add(m.key);
    });
  }
  // in column order, as the user reads the sheet
  return Object.fromEntries(columns.filter((c) => c in mapping).map((c) => [c, mapping[c]!]));
}
