import { parseIdNumber } from '../../../../shared/validation/id-number';
import type { FieldCheck, ImportField } from '../mapping/target';

/**
 * The check a kind implies when the target brings none of its own: a ledger category's ID
 * column is held to GB 11643 just as the roster's is (whose checkValue does the same).
 */
const pass = (value: unknown): FieldCheck => ({ ok: true, value });

export function checkFor(field: ImportField): (value: unknown) => FieldCheck {
  if (field.checkValue) return field.checkValue;
  switch (field.kind) {
    case 'idNumber':
      return (v) => {
        if (v === null) return pass(v);
        const r = parseIdNumber(String(v));
        return r.ok ? pass(r.info.idNumber) : { ok: false, reason: r.reason };
      };
    default:
      return pass;
  }
}
