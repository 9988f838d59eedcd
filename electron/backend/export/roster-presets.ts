import type { Person } from '../../../shared/domain/roster';
import type { ExportPresetSpec } from '../../../shared/contract/exports';
import type { ExportColumn } from './table-spec';
import { builtIn } from './preset-spec';

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

/** The roster's built-in presets: the whole 花名册, and a 通讯录 (contact list). */
export const ROSTER_PRESETS: readonly { name: string; spec: ExportPresetSpec }[] = [
  builtIn('花名册', '{填报单位}花名册', ROSTER_COLUMNS.map((c) => c.key)),
  builtIn('通讯录', '{填报单位}通讯录', ['name', 'sex', 'unitName', 'post', 'phone', 'note']),
];
