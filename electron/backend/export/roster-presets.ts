import type { Person } from '../../../shared/domain/roster';
import type { DateFormat, ExportColumn } from './table-spec';

/** Roster columns as the 花名册 form names them; `key` is the Person property. */
export const ROSTER_COLUMNS: readonly (ExportColumn & { key: keyof Person })[] = [
  { key: 'name', label: '姓名', kind: 'text' },
  { key: 'sex', label: '性别', kind: 'text', align: 'center' },
  { key: 'badge', label: '警号/工号', kind: 'id' },
  { key: 'idNumber', label: '公民身份号码', kind: 'id' },
  { key: 'birthDate', label: '出生日期', kind: 'date' },
  { key: 'politicalStatus', label: '政治面貌', kind: 'text', align: 'center' },
  { key: 'unitName', label: '所在单位', kind: 'text' },
  { key: 'post', label: '职务', kind: 'text' },
  { key: 'rank', label: '职级', kind: 'text' },
  { key: 'phone', label: '联系电话', kind: 'id' },
  { key: 'joinedDate', label: '入职时间', kind: 'date' },
  { key: 'category', label: '人员类别', kind: 'text', align: 'center' },
  { key: 'note', label: '备注', kind: 'longText' },
];

/**
 * A saved way to export the roster: which columns in which order, the date format,
 * whether to add a 合计 row. Built-in ones for now; the office's own come with presets.
 */
export interface RosterPreset {
  name: string;
  /** appended to the office name for the title */
  titleSuffix: string;
  fields: readonly (keyof Person)[];
  dateFormat: DateFormat;
  totalsRow: boolean;
}

export const ROSTER_PRESETS: readonly RosterPreset[] = [
  {
    name: '花名册',
    titleSuffix: '花名册',
    fields: ROSTER_COLUMNS.map((c) => c.key),
    dateFormat: 'yyyy-mm-dd',
    totalsRow: false,
  },
  {
    name: '通讯录',
    titleSuffix: '通讯录',
    fields: ['name', 'sex', 'unitName', 'post', 'phone', 'note'],
    dateFormat: 'yyyy-mm-dd',
    totalsRow: false,
  },
];

export const DEFAULT_ROSTER_PRESET = ROSTER_PRESETS[0]!;

export function findRosterPreset(name: string | undefined): RosterPreset | null {
  if (name === undefined) return DEFAULT_ROSTER_PRESET;
  return ROSTER_PRESETS.find((p) => p.name === name.trim()) ?? null;
}
