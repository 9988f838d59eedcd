import { z } from 'zod';
import { returns } from './define';
import { PERSON_FIELDS, type Person } from '../domain/roster';

const id = z.number().int().positive();
/** Raw cell values as typed or pasted; the roster service normalises and validates them. */
const cellValue = z.union([z.string().max(2000), z.number(), z.null()]);
const personValues = z.partialRecord(z.enum(PERSON_FIELDS), cellValue);

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
