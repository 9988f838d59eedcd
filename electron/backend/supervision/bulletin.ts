import type { Database } from 'better-sqlite3';
import type { BulletinDraft, BulletinTask, EscalationRules } from '../../../shared/domain/supervision';
import type { LedgerService } from '../ledger/ledger-service';
import type { TaskService } from './task-service';
import { CLOSED_SQL } from './level-sql';
import { daysBetween } from './calendar';
import { NO_UNIT, unitsInTreeOrder } from './board';

const BULLETIN_TEMPLATE = 'bulletins';

/** The office's 通报 ledger: the first live category made from the template, or null. */
export function bulletinCategoryId(db: Database): number | null {
  return (db.prepare("SELECT id FROM ledger_categories WHERE template_key = ? AND archived = 0 ORDER BY id LIMIT 1").pluck().get(BULLETIN_TEMPLATE) as number | undefined) ?? null;
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 11 → 十一, 20 → 二十, 35 → 三十五: section numbers of an official document (beyond 99, digits). */
export function chineseNumber(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${DIGITS[n % 10]}`;
}

/**
 * A bulletin (通报) draft for a period: the tasks due in it (or any time, without a period)
 * that are overdue today or rated 不合格, grouped by unit in tree order, with their levels.
 * 期号 counts on from the 通报 ledger's records; the text is a starting point the user edits.
 */
export function draftBulletin(db: Database, tasks: TaskService, rules: EscalationRules, officeName: string, from: string | null, to: string | null): BulletinDraft {
  const today = tasks.today();
  const red = rules.redRatings.map((r) => `'${r.replace(/'/g, "''")}'`).join(', ') || "''";
  const list = tasks.query(
    `WHERE ((t.status NOT IN ${CLOSED_SQL} AND t.due_date < @today) OR t.rating IN (${red}))
       AND (@from IS NULL OR t.due_date >= @from) AND (@to IS NULL OR t.due_date <= @to)`,
    { from, to },
  );
  const order = new Map(unitsInTreeOrder(db).map((u, i) => [u.id, i]));
  const groups = new Map<number | null, BulletinDraft['groups'][number]>();
  for (const t of list) {
    let g = groups.get(t.unitId);
    if (!g) groups.set(t.unitId, (g = { unitId: t.unitId, unit: t.unitName ?? NO_UNIT, tasks: [] }));
    const failed = t.rating !== null && rules.redRatings.includes(t.rating);
    const item: BulletinTask = {
      taskId: t.id, title: t.title, dueDate: t.dueDate, level: t.level, levelName: `${rules.levels[t.level].name}${rules.levels[t.level].action}`,
      reason: failed ? `质量评定${t.rating}` : `逾期${daysBetween(t.dueDate!, today)}天`,
    };
    g.tasks.push(item);
  }
  const sorted = [...groups.values()].sort((a, b) => (a.unitId === null ? 1 : b.unitId === null ? -1 : (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0)));
  const catId = bulletinCategoryId(db);
  const issued = catId === null ? 0 : (db.prepare('SELECT count(*) FROM ledger_records WHERE category_id = ? AND deleted_at IS NULL').pluck().get(catId) as number);
  const year = today.slice(0, 4);
  const issue = `${year}年第${issued + 1}期`;
  const unitsNamed = sorted.filter((g) => g.unitId !== null).map((g) => g.unit);
  const periodText = from || to ? `${from ?? '开始'}至${to ?? today}` : `截至${today}`;
  const lines = [
    `${periodText}，督办任务中逾期未办结或办结质量评定为不合格的情况通报如下：`,
    ...sorted.flatMap((g, i) => [
      `${chineseNumber(i + 1)}、${g.unit}（${g.tasks.length}项）`,
      ...g.tasks.map((t, j) => `  ${j + 1}. ${t.title}，完成时限${t.dueDate ?? '未定'}，${t.reason}，${t.levelName}。`),
    ]),
    sorted.length ? `请以上单位（部门）${unitsNamed.join('、')}于收到通报后抓紧整改，并将整改情况书面报送${officeName || '办公室'}。` : '本期无逾期或不合格任务。',
  ];
  return { issue, date: today, title: `督办工作通报（${issue}）`, from, to, groups: sorted, unitsNamed, content: lines.join('\n') };
}

/**
 * Saves a bulletin as a record of the 通报 ledger through the ledger service (so it is
 * validated, audited and searchable like any record), creating the category from its
 * template if missing, and logs 通报 on each named task. One transaction.
 */
export function saveBulletin(
  db: Database,
  ledger: LedgerService,
  tasks: TaskService,
  b: { issue: string; date: string; title: string; content: string; unitsNamed: string[]; taskIds: number[] },
): { recordId: number; categoryId: number } {
  return db.transaction(() => {
    const categoryId = bulletinCategoryId(db) ?? ledger.categories.create({ templateKey: BULLETIN_TEMPLATE }).id;
    const rec = ledger.records.create(categoryId, { issue: b.issue, date: b.date, title: b.title || null, content: b.content, units: b.unitsNamed.join('、') || null });
    for (const id of b.taskIds) {
      const t = tasks.get(id);
      tasks.log.write(id, 'bulletin', { level: t.level, text: `列入通报${b.issue}` });
    }
    return { recordId: rec.id, categoryId };
  })();
}
