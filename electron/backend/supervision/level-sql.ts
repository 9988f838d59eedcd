import { CLOSED_STATUSES, type EscalationRules } from '../../../shared/domain/supervision';
import { addDays, ISO_DATE } from './calendar';

/**
 * escalate() (escalation.ts) as one SQL expression over a `tasks` row aliased `t`, so the
 * board over 50,000 tasks is one grouped scan instead of 50,000 calls. Same order of rules;
 * a test runs both over the threshold table and requires them to agree.
 * The day thresholds are turned into dates once (red before X, blue up to Y) and inlined,
 * so each row costs string comparisons only — julianday() per row made the 50,000-task
 * board several times slower. Dates are checked ISO text, safe to inline.
 */
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const CLOSED_SQL = `(${CLOSED_STATUSES.map(quote).join(', ')})`;

export function levelSql(rules: EscalationRules, today: string, t = 't'): string {
  if (!ISO_DATE.test(today)) throw new Error(`bad date ${today}`);
  const red = rules.redRatings.length ? `WHEN ${t}.rating IN (${rules.redRatings.map(quote).join(', ')}) THEN 'red'` : '';
  const redBefore = addDays(today, -Math.trunc(rules.redOverdueDays));
  const soonUntil = addDays(today, Math.trunc(rules.dueSoonDays));
  return `(CASE
    WHEN ${t}.override_level IS NOT NULL THEN ${t}.override_level
    ${red}
    WHEN ${t}.status IN ${CLOSED_SQL} OR ${t}.due_date IS NULL THEN 'white'
    WHEN ${t}.due_date < '${redBefore}' THEN 'red'
    WHEN ${t}.due_date < '${today}' THEN 'yellow'
    WHEN ${t}.due_date <= '${soonUntil}' THEN 'blue'
    ELSE 'white' END)`;
}

/** The board's 已办结 column, as isDone(). */
export function doneSql(rules: EscalationRules, t = 't'): string {
  const notRed = rules.redRatings.length ? ` AND (${t}.rating IS NULL OR ${t}.rating NOT IN (${rules.redRatings.map(quote).join(', ')}))` : '';
  return `(${t}.status IN ${CLOSED_SQL}${notRed})`;
}
