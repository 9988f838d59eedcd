import type { UnitKind } from '../../../shared/domain/units';

/**
 * The sample office, shaped after the seed reports: a city bureau of ~750 police whose
 * party committee leads the campaign through a leading group, six special working groups
 * (资阳: 6 专项工作组) and about thirty departments (资阳: 30 个部门).
 */
export interface DemoUnit {
  name: string;
  kind: UnitKind;
  children?: DemoUnit[];
}

const taskforces = ['综合协调组', '学习教育组', '查纠整改组', '督导检查组', '宣传报道组', '总结提升组'];

const departments = [
  '办公室', '政治部', '指挥中心', '法制支队', '刑侦支队', '治安支队', '交警支队', '经侦支队',
  '网安支队', '禁毒支队', '特警支队', '监所管理支队', '出入境管理支队', '技侦支队', '警务保障室',
  '纪检监察组', '督察支队', '科信支队', '食药环侦支队', '反恐支队', '机场分局', '高新分局',
  '临空分局', '城东分局', '城西分局', '雁江分局', '乐至县局', '安岳县局', '看守所', '拘留所',
];

export const DEMO_TREE: DemoUnit[] = [
  {
    name: '市公安局党委',
    kind: 'leading',
    children: [
      { name: '队伍教育整顿领导小组', kind: 'leading', children: taskforces.map((name) => ({ name, kind: 'taskforce' as const })) },
      ...departments.map((name) => ({ name, kind: 'department' as const })),
    ],
  },
];

export const DEMO_DEPARTMENTS = departments;
export const DEMO_PEOPLE_COUNT = 360;
