import type { Database, Statement } from 'better-sqlite3';
import type { PersonRef, Refs } from './field-values';

/**
 * The roster and units as field rules look them up, remembered for one operation (a paste
 * or an import asks for the same few units thousands of times). Make a new one per
 * operation: it does not see changes made after it first answered.
 */
export class DbRefs implements Refs {
  private readonly units = new Map<number, string | null>();
  private readonly unitIds = new Map<string, number | null>();
  private readonly people = new Map<number, PersonRef | null>();
  private readonly names = new Map<string, PersonRef[]>();
  private readonly badges = new Map<string, PersonRef | null>();
  private readonly q: Record<'unitName' | 'unitByName' | 'person' | 'byName' | 'byBadge', Statement>;

  constructor(db: Database) {
    const person = 'SELECT p.id, p.name, p.badge, u.name AS unitName FROM people p LEFT JOIN units u ON u.id = p.unit_id';
    this.q = {
      unitName: db.prepare('SELECT name FROM units WHERE id = ?').pluck(),
      unitByName: db.prepare('SELECT id FROM units WHERE name = ?').pluck(),
      person: db.prepare(`${person} WHERE p.id = ?`),
      byName: db.prepare(`${person} WHERE p.name = ? ORDER BY p.id`),
      byBadge: db.prepare(`${person} WHERE p.badge = ?`),
    };
  }

  unitName(id: number): string | null {
    if (!this.units.has(id)) this.units.set(id, (this.q.unitName.get(id) as string | undefined) ?? null);
    return this.units.get(id)!;
  }

  unitByName(name: string): number | null {
    if (!this.unitIds.has(name)) this.unitIds.set(name, (this.q.unitByName.get(name) as number | undefined) ?? null);
    return this.unitIds.get(name)!;
  }

  person(id: number): PersonRef | null {
    if (!this.people.has(id)) this.people.set(id, (this.q.person.get(id) as PersonRef | undefined) ?? null);
    return this.people.get(id)!;
  }

  peopleByName(name: string): PersonRef[] {
    if (!this.names.has(name)) this.names.set(name, this.q.byName.all(name) as PersonRef[]);
    return this.names.get(name)!;
  }

  personByBadge(badge: string): PersonRef | null {
    if (!this.badges.has(badge)) this.badges.set(badge, (this.q.byBadge.get(badge) as PersonRef | undefined) ?? null);
    return this.badges.get(badge)!;
  }

  /** A unit created during the operation (an import creating the units it names). */
  learnUnit(id: number, name: string): void {
    this.units.set(id, name);
    this.unitIds.set(name, id);
  }
}
