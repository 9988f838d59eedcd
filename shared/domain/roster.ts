/** The roster (花名册): one row per person in the office's organisation. */
export const SEXES = ['男', '女'] as const;
export type Sex = (typeof SEXES)[number];

/** 政治面貌 as written on Chinese personnel forms (GB/T 4762 names). */
export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

/** Kinds of people the campaign follows one by one (一人一档); the office may type others. */
export const PERSON_CATEGORIES = ['在职民警', '辅警', '职工', '离退休', '英烈家属', '伤残', '特困'] as const;

export interface Person {
  id: number;
  name: string;
  sex: Sex | null;
  badge: string | null; // 警号/工号
  idNumber: string | null; // 公民身份号码
  birthDate: string | null; // YYYY-MM-DD or YYYY-MM
  politicalStatus: string | null;
  unitId: number | null;
  unitName: string | null;
  post: string | null; // 职务
  rank: string | null; // 职级
  phone: string | null;
  joinedDate: string | null; // 入职/入警时间, YYYY-MM-DD or YYYY-MM
  category: string | null; // 人员类别
  note: string | null;
  updatedAt: string;
}

/** Fields a user edits; `unitId` is the link to the organisation tree. */
export const PERSON_FIELDS = [
  'name',
  'sex',
  'badge',
  'idNumber',
  'birthDate',
  'politicalStatus',
  'unitId',
  'post',
  'rank',
  'phone',
  'joinedDate',
  'category',
  'note',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type PersonInput = { [K in PersonField]?: Person[K] };

export const PERSON_FIELD_LABELS: Record<PersonField, string> = {
  name: '姓名',
  sex: '性别',
  badge: '警号/工号',
  idNumber: '公民身份号码',
  birthDate: '出生日期',
  politicalStatus: '政治面貌',
  unitId: '所在单位',
  post: '职务',
  rank: '职级',
  phone: '联系电话',
  joinedDate: '入职时间',
  category: '人员类别',
  note: '备注',
};
