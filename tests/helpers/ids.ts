import { checkCharFor } from '../../shared/validation/id-number';

/** A valid 公民身份号码 for a birth date and sex (17th digit odd for men). */
export function makeId(birth: string, sex: '男' | '女', area = '512001', seq = '01'): string {
  const first17 = `${area}${birth.replace(/-/g, '')}${seq}${sex === '男' ? '1' : '2'}`;
  return first17 + checkCharFor(first17);
}

/** The same number with a wrong check character. */
export function breakCheckDigit(id: string): string {
  const last = id[17]!;
  return id.slice(0, 17) + (last === '0' ? '1' : last === 'X' ? '2' : '0');
}
