import { useEffect, useState } from 'react';
import type { Unit } from '../../../shared/domain/units';
import type { Person } from '../../../shared/domain/roster';
import { api } from '../api';
import { flattenTree, type UnitNode } from '../units/unit-tree';

/** Units in tree order (for the unit pickers) and the roster (for the person pickers), read once per screen. */
export function useLookups(): { units: UnitNode[]; people: Person[] } {
  const [units, setUnits] = useState<UnitNode[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    void api.units.list({}).then((u: Unit[]) => setUnits(flattenTree(u)), () => {});
    void api.roster.list({}).then(setPeople, () => {});
  }, []);
  return { units, people };
}

/** A unit option's text, indented by depth so the tree reads in a flat list. */
export const unitOptionLabel = (n: UnitNode): string => `${'\u3000'.repeat(n.depth)}${n.unit.name}`;

export const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Whole days from an ISO due date to today (both calendar dates, so no time-zone drift). */
export const daysLate = (today: string, due: string): number => Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
