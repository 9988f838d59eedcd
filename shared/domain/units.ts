/** The organisation tree (组织架构): 党委/领导小组 → 专班/工作组 → 支部/部门/警种. */
export const UNIT_KINDS = ['leading', 'taskforce', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  leading: '党委/领导小组',
  taskforce: '专班/工作组',
  department: '支部/部门',
};

export interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  kind: UnitKind;
  sortOrder: number;
  /** people whose 所在单位 is this unit (not counting sub-units) */
  peopleCount: number;
}
