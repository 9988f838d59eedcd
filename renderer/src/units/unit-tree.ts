import type { Unit } from '../../../shared/domain/units';

export interface UnitNode {
  unit: Unit;
  depth: number;
}

/** Depth-first order of the tree, siblings by their sort order: the order the tree shows. */
export function flattenTree(units: Unit[]): UnitNode[] {
  const children = new Map<number | null, Unit[]>();
  for (const u of units) {
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const out: UnitNode[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Ids of a unit and everything below it (a unit cannot move into these). */
export function subtreeIds(units: Unit[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}
