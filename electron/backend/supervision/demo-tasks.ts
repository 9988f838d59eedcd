import type { Database } from 'better-sqlite3';
import type { QualityRating } from '../../../shared/domain/supervision';
import type { LedgerService } from '../ledger/ledger-service';
import type { SupervisionService } from './supervision-service';
import { taskInputDefaults } from './task-defaults';
import { addDays, monthStart } from './calendar';

/**
 * The sample office's task tree, from the seed reports: the rectification tasks of the
 * unfinished opinions (征求意见台账, one action each, decomposed further where a measure has
 * steps), the practical matters still at a stage (我为群众办实事), the weekly study plan
 * (每周两次集中学习) and the half-monthly checks (每半月督导考核). Deadlines are spread
 * around the clock's today so every colour, the board and a bulletin show something real.
 * Deterministic; the caller holds the transaction.
 */
const SPREAD = [-21, -12, -9, -4, -1, 0, 2, 3, 5, 9, 16, 25];
const RATINGS: QualityRating[] = ['优', '良', '合格', '优', '不合格', '良'];

export function loadDemoTasks(db: Database, supervision: SupervisionService, ledger: LedgerService | undefined): { tasks: number } {
  const s = supervision.tasks;
  const today = s.today();
  const unitId = (name: string) => (db.prepare('SELECT id FROM units WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
  const leaders = db.prepare('SELECT id FROM people ORDER BY id LIMIT 6').pluck().all() as number[];
  const leader = (i: number) => leaders[i % Math.max(1, leaders.length)] ?? null;
  const lead = unitId('队伍教育整顿领导小组');
  const before = db.prepare('SELECT count(*) FROM tasks').pluck().get() as number;

  const rect = s.insert({ ...taskInputDefaults('征求意见问题整改'), source: '征求意见', unitId: unitId('查纠整改组') ?? lead, leadLeaderId: leader(0), startDate: addDays(today, -40), dueDate: addDays(today, 30), horizon: '月计划', status: '推进中' });
  const practical = s.insert({ ...taskInputDefaults('“我为群众办实事”实践活动'), source: '上级部署', unitId: unitId('综合协调组') ?? lead, leadLeaderId: leader(1), startDate: addDays(today, -60), dueDate: addDays(today, 45), horizon: '月计划', status: '推进中' });

  const categories = ledger?.categories.list() ?? [];
  const opinions = categories.find((c) => c.templateKey === 'opinions');
  if (ledger && opinions) {
    const ids = db.prepare("SELECT id, json_extract(data, '$.status') AS status FROM ledger_records WHERE category_id = ? AND deleted_at IS NULL ORDER BY id").all(opinions.id) as { id: number; status: string }[];
    const open = ids.filter((r) => r.status !== '已办结').slice(0, SPREAD.length);
    const done = ids.filter((r) => r.status === '已办结').slice(0, RATINGS.length);
    open.forEach((r, i) => {
      const id = supervision.fromLedgerRecord(r.id, rect, addDays(today, SPREAD[i]!)).id;
      s.update(id, { progress: [0, 20, 40, 60, 80][i % 5]!, status: i % 3 === 0 ? '未开始' : '推进中', startDate: addDays(today, -45) });
      if (i === 6) {
        // a measure with steps: 逐项分解 one level further
        s.decompose(id, [
          { title: '制定整改方案', unitId: s.get(id).unitId, responsibleId: null, dueDate: addDays(today, -2) },
          { title: '组织整改落实', unitId: s.get(id).unitId, responsibleId: null },
        ]);
      }
    });
    done.forEach((r, i) => {
      const id = supervision.fromLedgerRecord(r.id, rect, addDays(today, -30 + i * 3)).id;
      s.close(id, RATINGS[i]!, '已向意见提出人反馈整改情况，佐证材料已归档。', i % 2 ? '已销号' : '已办结');
    });
  }

  const practicalCat = categories.find((c) => c.templateKey === 'practical');
  if (ledger && practicalCat) {
    const rows = db.prepare("SELECT id, json_extract(data, '$.progress') AS progress FROM ledger_records WHERE category_id = ? AND deleted_at IS NULL ORDER BY id").all(practicalCat.id) as { id: number; progress: string }[];
    rows.filter((r) => r.progress !== '已完成').forEach((r, i) => {
      const t = supervision.fromLedgerRecord(r.id, practical, addDays(today, SPREAD[(i * 5) % SPREAD.length]!));
      s.update(t.id, { progress: 50, status: '推进中', source: '上级部署' });
    });
  }

  const study = s.insert({ ...taskInputDefaults('学习教育周计划'), source: '上级部署', unitId: unitId('学习教育组') ?? lead, startDate: addDays(monthStart(today), -31), dueDate: addDays(today, 60), horizon: '月计划', status: '推进中' });
  supervision.recurrences.create({
    title: '集中学习', content: '每周二、周四集中学习，学习党史、习近平法治思想，撰写心得体会。', source: '上级部署', rule: 'weekly', weekdays: [2, 4], monthDay: null,
    startDate: addDays(monthStart(today), -31), endDate: addDays(today, 60), unitId: unitId('学习教育组') ?? lead, responsibleId: null, parentId: study, horizon: '周清单',
  });
  const checks = s.insert({ ...taskInputDefaults('督导检查计划'), source: '会议决定', unitId: unitId('督导检查组') ?? lead, startDate: addDays(monthStart(today), -31), dueDate: addDays(today, 60), horizon: '月计划', status: '推进中' });
  supervision.recurrences.create({
    title: '督导考核', content: '每半月对各部门学习教育、查纠整改情况督导考核一次，结果通报。', source: '会议决定', rule: 'semimonthly', weekdays: [], monthDay: null,
    startDate: addDays(monthStart(today), -31), endDate: addDays(today, 60), unitId: unitId('督导检查组') ?? lead, responsibleId: null, parentId: checks, horizon: '月计划',
  });
  supervision.recurrences.generate(addDays(today, 60));
  // the past occurrences were held, except the most recent study session (still to be written up)
  const past = db.prepare('SELECT id FROM tasks WHERE recurrence_id IS NOT NULL AND due_date < ? ORDER BY due_date DESC, id').pluck().all(addDays(today, -1)) as number[];
  past.slice(1).forEach((id, i) => s.close(id, i % 4 === 0 ? '优' : '良', '学习记录、签到表已归入学习教育记录台账。', '已办结'));

  // the trail the office keeps: urges on the red ones, one override with its reason
  const reds = s.list({ level: 'red', limit: 3 });
  reds.forEach((t) => s.act(t.id, 'urge', '请于3个工作日内书面报送整改进展。'));
  const yellow = s.list({ level: 'yellow', limit: 1 })[0];
  if (yellow) s.override(yellow.id, 'red', '分管领导批示：此项群众反映强烈，提级查办。');
  s.refreshLevels();
  return { tasks: (db.prepare('SELECT count(*) FROM tasks').pluck().get() as number) - before };
}
