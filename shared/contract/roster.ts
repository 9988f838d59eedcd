import { z } from 'zod';
import { returns } from './define';
import { PERSON_FIELDS, type Person } from '../domain/roster';

const id = z.number().int().positive();
/** Raw cell values as typed or pasted; the roster service normalises and validates them. */
const cellValue = z.union([z.string().max(2000), z.number(), z.null()]);
const personValues = z.partialRecord(z.enum(PERSON_FIELDS), cellValue);
const field = z.enum(PERSON_FIELDS);

/** A column filter of the roster grid (text, or a list of values), done in SQL. */
export const rosterFilter = z.discriminatedUnion('op', [
  z.object({ field, op: z.enum(['contains', 'equals']), value: z.string().max(200) }),
  z.object({ field, op: z.literal('in'), values: z.array(z.string().max(200)).max(1000) }),
  z.object({ field, op: z.enum(['empty', 'notEmpty']) }),
]);
export type RosterFilter = z.output<typeof rosterFilter>;

/** What the roster grid shows: its sort, its column filters and its quick search (all done in SQLite). */
const rosterView = {
  sort: z.array(z.object({ field, dir: z.enum(['asc', 'desc']).default('asc') })).max(5).default([]),
  filters: z.array(rosterFilter).max(30).default([]),
  search: z.string().max(100).default(''),
};
export type RosterView = z.output<z.ZodObject<typeof rosterView>>;

export interface CellRefusal {
  /** index into `edits` or `creates` of the request */
  index: number;
  kind: 'edit' | 'create';
  field: string;
  reason: string;
}

export interface RosterBatchResult {
  updated: Person[];
  created: Person[];
  /** for each person in `created`, the index in `creates` it came from */
  createdFrom: number[];
  /** cells that were not saved, each with its reason; every other cell was */
  refused: CellRefusal[];
  /** what each applied edit replaced, to undo it */
  previous: { id: number; values: Record<string, unknown> }[];
}

export const rosterContract = {
  'roster.list': returns<Person[]>()(z.object({})),
  /** One block of the roster grid (rows startRow..endRow-1 of the view) and how many match in all. */
  'roster.rows': returns<{ rows: Person[]; total: number }>()(
    z.object({ startRow: z.number().int().min(0).default(0), endRow: z.number().int().min(0).default(100), ...rosterView }),
  ),
  /** Where a person stands in a view (to scroll to them), null when the view leaves them out. */
  'roster.rowIndex': returns<{ index: number | null }>()(z.object({ id, ...rosterView })),
  /** The ids of a whole view, in its order (to export what the grid shows). */
  'roster.viewIds': returns<number[]>()(z.object(rosterView)),
  'roster.get': returns<Person>()(z.object({ id })),
  'roster.create': returns<Person>()(z.object({ values: personValues })),
  'roster.update': returns<Person>()(z.object({ id, values: personValues })),
  /**
   * Several edits and new rows (a paste, an undo of a paste) in one transaction.
   * Valid cells are saved; invalid ones are refused with reasons and leave the old value.
   */
  'roster.applyBatch': returns<RosterBatchResult>()(
    z.object({
      edits: z.array(z.object({ id, values: personValues })).max(100000).default([]),
      creates: z.array(z.object({ values: personValues })).max(100000).default([]),
    }),
  ),
  'roster.delete': returns<{ deleted: number }>()(z.object({ ids: z.array(id).min(1).max(100000) })),
};
