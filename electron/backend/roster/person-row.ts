import type { Database, Statement } from 'better-sqlite3';
import { FreshIds } from '../db/fresh-ids';
import { PERSON_FIELDS, type Person, type PersonField, type PersonInput } from '../../../shared/domain/roster';

/** Database column for each roster field: the one place the two naming schemes meet. */
export const PERSON_COLUMNS: Record<PersonField, string> = {
  name: 'name',
  sex: 'sex',
  badge: 'badge',
  idNumber: 'id_number',
  birthDate: 'birth_date',
  politicalStatus: 'political_status',
  unitId: 'unit_id',
  post: 'post',
  rank: 'rank',
  phone: 'phone',
  joinedDate: 'joined_date',
  category: 'category',
  note: 'note',
};

export const SELECT_PEOPLE = `
  SELECT p.id, p.name, p.sex, p.badge, p.id_number AS idNumber, p.birth_date AS birthDate,
         p.political_status AS politicalStatus, p.unit_id AS unitId, u.name AS unitName,
         p.post, p.rank, p.phone, p.joined_date AS joinedDate, p.category, p.note,
         p.updated_at AS updatedAt
  FROM people p LEFT JOIN units u ON u.id = p.unit_id`;

export type PersonRow = Person;

/**
 * The one place `people` rows are written (the grid, a paste, an import, an import's undo):
 * the column names, `updated_at`, and the hook that re-indexes a person's name or 警号 where
 * ledgers copy it. Auditing stays with the callers, who record it each in their own grain.
 */
export class PersonRows {
  private insertStatement: Statement | null = null;
  /** reused: no arrays made per person */
  private readonly insertArgs: unknown[] = new Array(PERSON_FIELDS.length + 3);

  /** never an id a deleted row had (fresh-ids.ts) */
  private readonly ids: FreshIds;

  constructor(
    private readonly db: Database,
    private readonly renamed: (personId: number) => void,
  ) {
    this.ids = new FreshIds(db, 'people', 'person');
  }

  /** A new person from the fields given (absent ones stay empty); returns the id. */
  insert(values: PersonInput, now: string): number {
    // one statement for every insert (an import writes 100,000): absent fields are NULL
    this.insertStatement ??= this.db.prepare(
      `INSERT INTO people (${['id', ...PERSON_FIELDS.map((f) => PERSON_COLUMNS[f]), 'created_at', 'updated_at'].join(', ')}) VALUES (?, ${PERSON_FIELDS.map(() => '?').join(', ')}, ?, ?)`,
    );
    const args = this.insertArgs;
    for (let i = 0; i < PERSON_FIELDS.length; i++) args[i + 1] = values[PERSON_FIELDS[i]!] ?? null;
    args[PERSON_FIELDS.length + 1] = now;
    args[PERSON_FIELDS.length + 2] = now;
    const statement = this.insertStatement;
    return this.ids.insert((id) => {
      args[0] = id;
      statement.run(args);
      return id;
    });
  }

  /** Writes `changes` (only the fields in it) to person `id`. */
  update(id: number, changes: PersonInput, now: string): void {
    const fields = PERSON_FIELDS.filter((f) => f in changes);
    if (fields.length === 0) return;
    this.db.prepare(`UPDATE people SET ${fields.map((f) => `${PERSON_COLUMNS[f]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...fields.map((f) => changes[f] ?? null), now, id);
    if (fields.includes('name') || fields.includes('badge')) this.renamed(id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM people WHERE id = ?').run(id);
  }
}
