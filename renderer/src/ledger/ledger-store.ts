import { useCallback, useEffect, useState } from 'react';
import type { LedgerCategory, LedgerRefs } from '../../../shared/domain/ledger';
import type { Person } from '../../../shared/domain/roster';
import type { Unit } from '../../../shared/domain/units';
import { api } from '../api';

/**
 * The sidebar and the ledger page both show the categories; whichever changes them (create,
 * rename, archive, an import adding records) says so here and every view reloads.
 */
const listeners = new Set<() => void>();
export function categoriesChanged(): void {
  for (const l of listeners) l();
}

export function useCategories(reloadKey: unknown = 0): { categories: LedgerCategory[]; reload: () => void } {
  const [categories, setCategories] = useState<LedgerCategory[]>([]);
  const reload = useCallback(() => {
    api.ledger.categories({}).then(setCategories, () => setCategories([]));
  }, []);
  useEffect(() => {
    reload();
    listeners.add(reload);
    return () => void listeners.delete(reload);
  }, [reload, reloadKey]);
  return { categories, reload };
}

/** Roster and units for the person and unit pickers: read once per page, refreshed on open. */
let people: Promise<Person[]> | null = null;
let units: Promise<Unit[]> | null = null;
export function rosterCache(refresh = false): Promise<Person[]> {
  if (!people || refresh) people = api.roster.list({}).catch(() => []);
  return people;
}
export function unitsCache(refresh = false): Promise<Unit[]> {
  if (!units || refresh) units = api.units.list({}).catch(() => []);
  return units;
}

/** Names of the people and units the grid has seen, merged from every page it read. */
export class RefsStore {
  readonly people = new Map<string, { name: string; unit: string | null; badge: string | null }>();
  readonly units = new Map<string, string>();

  merge(refs: LedgerRefs): void {
    for (const [id, p] of Object.entries(refs.people)) this.people.set(id, p);
    for (const [id, u] of Object.entries(refs.units)) this.units.set(id, u);
  }

  addRoster(list: Person[], unitList: Unit[]): void {
    for (const p of list) this.people.set(String(p.id), { name: p.name, unit: p.unitName, badge: p.badge });
    for (const u of unitList) this.units.set(String(u.id), u.name);
  }
}
