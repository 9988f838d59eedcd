/**
 * Ledgers (台账): categories the office shapes itself, each a table of records whose columns
 * (fields) it defines. Values are stored per field key; a field's key never changes, so
 * renaming a column never touches the records.
 */
export const FIELD_TYPES = ['text', 'longText', 'number', 'date', 'singleChoice', 'multiChoice', 'person', 'people', 'unit', 'boolean', 'status'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: '文本',
  longText: '长文本',
  number: '数字',
  date: '日期',
  singleChoice: '单选',
  multiChoice: '多选',
  person: '人员',
  people: '人员名单（多人）',
  unit: '单位',
  boolean: '是/否',
  status: '状态',
};

export const CATEGORY_GROUPS = ['教育整顿', '党建工作', '自定义'] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];

export interface Choice {
  value: string;
  /** CSS colour of the chip, e.g. #16a34a */
  color: string;
  /** status fields only: true when a record with this value counts as closed (办结) */
  closed?: boolean;
  /** other spellings matched on import and paste, e.g. 整改中 for 办理中 */
  aliases?: string[];
}

/**
 * A stored value, by field type:
 * text/longText/singleChoice/status → string; number → number; date → 'YYYY-MM-DD';
 * multiChoice → string[]; person → person id; people → person ids (a list of attendees,
 * each a person on the roster); unit → unit id; boolean → boolean.
 * An empty cell is absent (never stored as null or '').
 */
export type FieldValue = string | number | boolean | string[] | number[];

export interface LedgerField {
  id: number;
  categoryId: number;
  /** stable identifier inside the category (letters, digits, _); values are stored under it */
  key: string;
  label: string;
  type: FieldType;
  choices: Choice[];
  required: boolean;
  defaultValue: FieldValue | null;
  hidden: boolean;
  order: number;
  /** other header names meaning this field, for imports */
  synonyms: string[];
}

export interface LedgerCategory {
  id: number;
  name: string;
  group: CategoryGroup;
  order: number;
  archived: boolean;
  templateKey: string | null;
  /** e.g. 问题线索: kept out of the global search and marked in the sidebar */
  sensitive: boolean;
  /** live records (not in the recycle bin) */
  records: number;
  deleted: number;
  fields: LedgerField[];
}

export interface LedgerRecord {
  id: number;
  categoryId: number;
  values: Record<string, FieldValue>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Names of the people and units a page of records points at, so the grid can show them. */
export interface LedgerRefs {
  people: Record<string, { name: string; unit: string | null; badge: string | null }>;
  units: Record<string, string>;
}

/** A raw cell as typed, pasted or sent: normalised and validated per field type by the backend. */
export type RawCell = string | number | boolean | string[] | number[] | null;

export const SYSTEM_SORT_KEYS = ['_id', '_createdAt', '_updatedAt', '_deletedAt'] as const;

export interface LedgerTemplateInfo {
  key: string;
  name: string;
  group: CategoryGroup;
  sensitive: boolean;
}
