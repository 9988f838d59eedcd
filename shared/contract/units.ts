import { z } from 'zod';
import { returns } from './define';
import { UNIT_KINDS, type Unit } from '../domain/units';

const id = z.number().int().positive();
const unitName = z
  .string()
  .trim()
  .min(1, '单位名称不能为空')
  .max(40, '单位名称最多40个字');

export const unitsContract = {
  'units.list': returns<Unit[]>()(z.object({})),
  'units.create': returns<Unit>()(
    z.object({ name: unitName, parentId: id.nullable().default(null), kind: z.enum(UNIT_KINDS) }),
  ),
  'units.rename': returns<Unit>()(z.object({ id, name: unitName })),
  'units.setKind': returns<Unit>()(z.object({ id, kind: z.enum(UNIT_KINDS) })),
  /** Moves a unit under `parentId` (null: top level) at position `index` among its siblings. */
  'units.move': returns<Unit[]>()(
    z.object({ id, parentId: id.nullable(), index: z.number().int().min(0) }),
  ),
  'units.delete': returns<{ id: number }>()(z.object({ id })),
  /** For each name not in the tree, the existing units it may be a slip for (督查支队 → 督察支队). */
  'units.similar': returns<{ name: string; similar: string[] }[]>()(z.object({ names: z.array(z.string().max(40)).max(1000) })),
};
