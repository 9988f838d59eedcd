import type { ExportPresetSpec } from '../../../shared/contract/exports';

/**
 * A built-in preset from a compact description: the title, the column keys in order, and
 * header groups as `{ 整改情况: ['measure', 'deadline', 'status'] }`.
 */
export function builtIn(
  name: string,
  title: string,
  keys: readonly string[],
  options: { groups?: Record<string, readonly string[]>; totalsRow?: boolean; statsSheet?: boolean } = {},
): { name: string; spec: ExportPresetSpec } {
  const groupOf = new Map<string, string>();
  for (const [group, members] of Object.entries(options.groups ?? {})) for (const k of members) groupOf.set(k, group);
  return {
    name,
    spec: {
      title,
      columns: keys.map((key) => ({ key, group: groupOf.get(key) ?? '' })),
      dateFormat: 'yyyy-mm-dd',
      totalsRow: options.totalsRow ?? false,
      statsSheet: options.statsSheet ?? false,
    },
  };
}
