import type { Unit } from '../../../shared/domain/units';
import type { UnitService } from './unit-service';

/** What the import wizard decided for the units a file names that the tree does not have. */
export interface ImportUnitPlacement {
  /** the parent new units go under (null: the top of the tree) */
  parentId: number | null;
  /** unknown name → the existing unit it means (督查支队 → 督察支队): nothing is created for it */
  sameAs: Record<string, string>;
}

/**
 * The units an import needs, inside its transaction: names the user said are existing units
 * resolve to those; names ticked for creation (and used by a row being applied) are created
 * under the chosen parent. Returns every name's unit id and the units made.
 */
export function placeImportUnits(
  units: UnitService,
  unknown: readonly string[],
  create: ReadonlySet<string>,
  used: (name: string) => boolean,
  placement: ImportUnitPlacement | undefined,
): { ids: Map<string, number>; created: Unit[] } {
  const ids = new Map<string, number>();
  const created: Unit[] = [];
  const parentId = placement?.parentId ?? null;
  if (parentId !== null) units.get(parentId); // a parent deleted since the preview is refused in Chinese
  for (const name of unknown) {
    const meant = placement?.sameAs[name];
    if (meant !== undefined) {
      const existing = units.findByName(meant);
      if (existing) ids.set(name, existing.id);
      continue;
    }
    if (!create.has(name) || !used(name)) continue;
    const unit = units.create({ name, parentId, kind: 'department' });
    ids.set(name, unit.id);
    created.push(unit);
  }
  return { ids, created };
}
