import { checkCharFor } from '../../../shared/validation/id-number';
import { POLITICAL_STATUSES } from '../../../shared/domain/roster';

/** Deterministic sample people: the same demo office every time (a seeded PRNG, not Math.random). */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_MALE = '伟强磊军洋勇杰涛明超平刚华彬鹏辉建志宇浩凯健俊帆帅旭宁晨阳海峰波斌林正文';
const GIVEN_FEMALE = '芳娜敏静丽艳娟秀霞桂英玉萍红娥玲芬燕欣琳雪梅莉兰凤洁婷晶慧颖';
const AREAS = ['512001', '512002', '512021', '512022', '510100', '620500', '623000', '430100', '210100'];
const POSTS = ['科员', '副科长', '科长', '副大队长', '大队长', '中队长', '教导员', '副支队长', '支队长', '所长', '民警'];
const RANKS = ['一级警员', '二级警员', '四级警长', '三级警长', '二级警长', '一级警长', '三级高级警长', '二级高级警长'];
const CATEGORY = ['在职民警', '在职民警', '在职民警', '在职民警', '辅警', '职工'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface DemoPerson {
  name: string;
  sex: '男' | '女';
  badge: string;
  idNumber: string;
  birthDate: string;
  politicalStatus: string;
  unitName: string;
  post: string;
  rank: string;
  phone: string;
  joinedDate: string;
  category: string;
}

export function demoPeople(count: number, unitNames: string[], seed = 20210301): DemoPerson[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const people: DemoPerson[] = [];
  const seen = new Set<string>();
  for (let i = 0; people.length < count; i++) {
    const sex = rnd() < 0.78 ? '男' : '女';
    const y = 1965 + Math.floor(rnd() * 35);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    const sexDigit = Math.floor(rnd() * 5) * 2 + (sex === '男' ? 1 : 0); // 17th digit: odd for men
    const first17 = `${pick(AREAS)}${y}${pad(m)}${pad(d)}${pad(Math.floor(rnd() * 100))}${sexDigit}`;
    const idNumber = first17 + checkCharFor(first17);
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    const chars = (sex === '男' ? GIVEN_MALE : GIVEN_FEMALE).split('');
    const given = pick(chars) + (rnd() < 0.6 ? pick(chars) : '');
    const joinYear = Math.min(2025, y + 21 + Math.floor(rnd() * 8));
    people.push({
      name: pick(SURNAMES.split('')) + given,
      sex,
      badge: String(100000 + i),
      idNumber,
      birthDate: `${y}-${pad(m)}-${pad(d)}`,
      politicalStatus: rnd() < 0.82 ? '中共党员' : rnd() < 0.7 ? '群众' : pick(POLITICAL_STATUSES.slice(1)),
      unitName: pick(unitNames),
      post: pick(POSTS),
      rank: pick(RANKS),
      phone: `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      joinedDate: `${joinYear}-${pad(1 + Math.floor(rnd() * 12))}`,
      category: pick(CATEGORY),
    });
  }
  return people;
}
