import { checkCharFor } from '../../../../shared/validation/id-number';

/** Deterministic, valid people: IDs with correct check digits, sex and birth date agreeing. */
export interface TestPerson {
  name: string;
  sex: '男' | '女';
  badge: string;
  idNumber: string;
  birth: string; // YYYY-MM-DD
  unit: string;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'];
const UNITS = ['政治部', '办公室', '刑侦支队', '治安支队'];

export function makePeople(n: number, start = 0): TestPerson[] {
  const out: TestPerson[] = [];
  for (let k = start; k < start + n; k++) {
    const y = 1965 + (k % 35);
    const m = 1 + (k % 12);
    const d = 1 + (k % 28);
    const birth = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const sexDigit = k % 10;
    // the area code runs with k so every person's ID is different
    const first17 = `51${String(1000 + Math.floor(k / 100)).slice(-4)}${birth.replace(/-/g, '')}${String(k % 100).padStart(2, '0')}${sexDigit}`;
    out.push({
      name: SURNAMES[k % SURNAMES.length]! + GIVEN[k % GIVEN.length]! + GIVEN[(k * 7) % GIVEN.length]!,
      sex: sexDigit % 2 === 1 ? '男' : '女',
      badge: String(200000 + k),
      idNumber: first17 + checkCharFor(first17),
      birth,
      unit: UNITS[Math.floor(k / 5) % UNITS.length]!,
    });
  }
  return out;
}

export const ROSTER_HEADER = ['姓名', '性别', '警号', '公民身份号码', '出生日期', '所在单位'];

export const asRow = (p: TestPerson) => [p.name, p.sex, p.badge, p.idNumber, p.birth, p.unit];
