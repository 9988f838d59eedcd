import { POLITICAL_STATUSES, SEXES, PERSON_FIELD_LABELS, type PersonField, type PersonInput } from '../../../../shared/domain/roster';
import { checkPersonConsistency, checkPersonField } from '../../../../shared/validation/person';
import type { FieldCheck, ImportField, ImportTarget, RowValues } from './target';

/**
 * The roster (花名册) as an import target. Values are checked by the same validators the
 * roster grid and service use (shared/validation/person.ts), so an import can never accept
 * what typing would refuse. One difference: the unit arrives by name, under key `unit`
 * (the roster service turns it into `unitId`).
 */
const byPersonRule =
  (field: PersonField) =>
  (value: unknown): FieldCheck =>
    checkPersonField(field, value);

const MAX_UNIT_NAME = 100;

const fields: ImportField[] = [
  {
    key: 'name',
    label: PERSON_FIELD_LABELS.name,
    synonyms: ['名字', '人员姓名', '民警姓名', '干警姓名', '职工姓名', '党员姓名'],
    required: true,
    kind: 'text',
    checkValue: byPersonRule('name'),
  },
  {
    key: 'idNumber',
    label: PERSON_FIELD_LABELS.idNumber,
    synonyms: ['公民身份证号码', '身份证号码', '身份证号', '身份证', '居民身份证号码', '身份证件号码', '证件号码', '证件号', '身份号码'],
    kind: 'idNumber',
    checkValue: byPersonRule('idNumber'),
  },
  {
    key: 'sex',
    label: PERSON_FIELD_LABELS.sex,
    kind: 'enum',
    options: SEXES,
    aliases: { 男性: '男', 女性: '女' },
    checkValue: byPersonRule('sex'),
  },
  {
    key: 'badge',
    label: PERSON_FIELD_LABELS.badge,
    synonyms: ['警号', '警员编号', '警员号', '工号', '职工号', '员工编号', '职工编号', '人员编号', '警号工号'],
    kind: 'code',
    checkValue: byPersonRule('badge'),
  },
  {
    key: 'birthDate',
    label: PERSON_FIELD_LABELS.birthDate,
    synonyms: ['出生年月', '出生年月日', '出生时间', '生日'],
    kind: 'month-date',
    checkValue: byPersonRule('birthDate'),
  },
  {
    key: 'politicalStatus',
    label: PERSON_FIELD_LABELS.politicalStatus,
    synonyms: ['政治面目', '党派'],
    kind: 'enum',
    // the shared validator knows the short forms (党员, 团员, 预备党员)
    checkValue: byPersonRule('politicalStatus'),
  },
  {
    key: 'unit',
    label: PERSON_FIELD_LABELS.unitId,
    synonyms: ['所在部门', '部门', '单位', '工作单位', '所属部门', '所属单位', '单位部门', '部门名称', '单位名称', '科室', '所在科室', '所在支部', '支部'],
    kind: 'unit',
    checkValue: (v) =>
      typeof v === 'string' && v.length > MAX_UNIT_NAME ? { ok: false, reason: `所在单位名称过长（最多${MAX_UNIT_NAME}个字）` } : { ok: true, value: v },
  },
  {
    key: 'post',
    label: PERSON_FIELD_LABELS.post,
    synonyms: ['现任职务', '岗位', '职位', '现职务'],
    kind: 'text',
    checkValue: byPersonRule('post'),
  },
  {
    key: 'rank',
    label: PERSON_FIELD_LABELS.rank,
    synonyms: ['级别', '职务职级', '现职级'],
    kind: 'text',
    checkValue: byPersonRule('rank'),
  },
  {
    key: 'phone',
    label: PERSON_FIELD_LABELS.phone,
    synonyms: ['手机号码', '手机号', '手机', '电话', '电话号码', '联系方式'],
    kind: 'code',
    checkValue: byPersonRule('phone'),
  },
  {
    key: 'joinedDate',
    label: PERSON_FIELD_LABELS.joinedDate,
    synonyms: ['入警时间', '参加工作时间', '入职日期', '入警日期', '参加工作日期', '参加公安工作时间', '参工时间', '工作时间'],
    kind: 'month-date',
    checkValue: byPersonRule('joinedDate'),
  },
  {
    key: 'category',
    label: PERSON_FIELD_LABELS.category,
    synonyms: ['人员类型', '类别', '人员性质', '身份类别', '人员身份'],
    kind: 'text',
    checkValue: byPersonRule('category'),
  },
  {
    key: 'note',
    label: PERSON_FIELD_LABELS.note,
    synonyms: ['说明', '其他', '备考'],
    kind: 'text',
    checkValue: byPersonRule('note'),
  },
];

export const ROSTER_TARGET: ImportTarget = {
  key: 'roster',
  label: '花名册',
  fields,
  identityKeys: ['idNumber', 'badge'],
  checkRow: (v: RowValues) => {
    const p: PersonInput = {
      name: (v.name as string | undefined) ?? '',
      idNumber: (v.idNumber as string | null | undefined) ?? null,
      birthDate: (v.birthDate as string | null | undefined) ?? null,
      sex: (v.sex as PersonInput['sex']) ?? null,
    };
    return checkPersonConsistency(p);
  },
};

/** Kept for callers that list the options (the mapping screen). */
export const ROSTER_ENUMS = { sex: SEXES, politicalStatus: POLITICAL_STATUSES } as const;
