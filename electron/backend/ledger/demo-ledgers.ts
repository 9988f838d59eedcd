import type { FieldValue } from '../../../shared/domain/ledger';
import type { BackendContext } from '../context';
import type { CategoryService } from './category-service';
import type { RecordService } from './record-service';
import { DbRefs } from './refs';

/**
 * The sample office's ledgers, with the seed reports' figures (湖南省监狱管理局): 32 opinions
 * in 6 aspects; 29 practical matters, 18 done and 11 at a stage; 96 branch study sessions
 * with 2,750 study notes and 342 reflections. Deterministic: the same every time it loads.
 */
const ASPECTS = ['思想观念', '工作作风', '执法办案', '为民服务', '制度机制', '政策措施'];
const SOURCES = ['座谈会', '走访', '意见箱', '电话', '网上征集'];
const OPINION_TOPICS = ['执法规范化', '办事流程公开', '窗口服务态度', '警务保障', '信息公开', '基层减负', '会见预约', '队伍作风'];
const MATTERS = [
  '乡村振兴帮扶', '掌上服务便群众', '会见中心便民服务', '视频亲情帮教走访', '推进智慧监狱建设', '法律服务进机关下基层', '深化文明创建',
  '户籍业务“一窗通办”', '出入境证件“就近办”', '交通违法处理“网上办”', '校园周边护学岗', '老旧小区技防改造', '电信诈骗预警劝阻',
  '农村道路安全隐患整治', '无证驾驶摩托车专项整治', '“一村一辅警”', '流动人口居住证“当日办”', '律师会见“随到随见”', '群众报警“快速响应”',
  '消防安全隐患排查', '重点人员走访帮扶', '警营开放日', '身份证“跨省通办”', '特殊群体“上门办”', '信访积案化解', '夜间延时服务',
  '12345热线“接诉即办”', '法律援助“绿色通道”', '民警困难家庭帮扶',
];
const FORMS = ['支部学习', '集中学习', '专题讲座', '警示教育', '读书班', '英模报告会', '红色教育'];
const STUDY_TOPICS = ['学习党史', '习近平法治思想', '政法英模先进事迹', '典型案例警示教育', '《中国共产党政法工作条例》', '新时代政法干警核心价值观'];

const day = (start: string, plusDays: number): string => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().slice(0, 10);
};

export function loadDemoLedgers(ctx: BackendContext, categories: CategoryService, records: RecordService): { categories: number; records: number } {
  const db = ctx.db;
  const refs = new DbRefs(db);
  const departments = db.prepare("SELECT id FROM units WHERE kind = 'department' ORDER BY sort_order, id").pluck().all() as number[];
  const people = db.prepare('SELECT id FROM people ORDER BY id LIMIT 40').pluck().all() as number[];
  const unit = (i: number) => departments.length ? departments[i % departments.length]! : undefined;
  let count = 0;
  const add = (categoryId: number, values: Record<string, FieldValue | undefined>) => {
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, FieldValue>;
    records.insert(categoryId, categories.fields(categoryId), clean, refs, 'demo');
    count++;
  };

  const opinions = categories.create({ templateKey: 'opinions' });
  for (let i = 0; i < 32; i++) {
    const status = i < 20 ? '已办结' : i < 28 ? '办理中' : '未办结';
    add(opinions.id, {
      source: SOURCES[i % SOURCES.length],
      content: `关于${ASPECTS[i % 6]}的意见建议：建议进一步加强${OPINION_TOPICS[i % OPINION_TOPICS.length]}。`,
      aspect: ASPECTS[i % 6],
      unit: unit(i * 7),
      measure: '制定整改方案，明确责任人和完成时限，逐项销号。',
      deadline: day('2021-09-15', 10 + (i % 8) * 7),
      status,
      feedback: status === '已办结' ? '已向意见提出人反馈整改情况，对方表示满意。' : undefined,
    });
  }

  const practical = categories.create({ templateKey: 'practical' });
  MATTERS.forEach((matter, i) => {
    add(practical.id, {
      matter,
      unit: unit(i * 3 + 1),
      leader: people.length ? people[i % Math.min(people.length, 8)] : undefined,
      due: day('2021-10-31', (i % 4) * 15),
      progress: i < 18 ? '已完成' : '阶段性完成',
      effect: i < 18 ? '已建立长效机制，群众满意度明显提升。' : undefined,
    });
  });

  // each session's 参加人员 are its unit's people, one or two of them away (请假) in two sessions of three:
  // 应到 is the unit's headcount, 实到 the list's length, so the coverage check agrees with them
  const peopleOf = db.prepare('SELECT id FROM people WHERE unit_id = ? ORDER BY id').pluck();
  const study = categories.create({ templateKey: 'study' });
  for (let i = 0; i < 96; i++) {
    const unitId = unit(i);
    const members = unitId === undefined ? [] : (peopleOf.all(unitId) as number[]);
    const away = Math.min(members.length, i % 3);
    const present = members.slice(away);
    add(study.id, {
      date: day('2021-09-01', Math.floor(i * 0.9)),
      form: i % 3 === 0 ? FORMS[(i / 3) % FORMS.length] : '支部学习',
      topic: STUDY_TOPICS[i % STUDY_TOPICS.length],
      speaker: '支部书记',
      unit: unitId,
      expected: members.length,
      present: present.length,
      attendees: present.length ? present : undefined,
      notes: i < 62 ? 29 : 28,
      reflections: i < 54 ? 4 : 3,
    });
  }
  return { categories: 3, records: count };
}
