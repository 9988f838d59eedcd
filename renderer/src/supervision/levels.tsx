import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { CLOSED_STATUSES, DEFAULT_RULES, type EscalationRules, type LevelKey, type Task } from '../../../shared/domain/supervision';
import { api } from '../api';

/**
 * The escalation rules (level names, colours, thresholds) for every supervision screen, read
 * once and re-read after the settings page saves: names and colours are never hard-coded.
 */
const RulesContext = createContext<{ rules: EscalationRules; reload: () => void }>({ rules: DEFAULT_RULES, reload: () => {} });

export function RulesProvider({ children, reloadKey }: { children: ReactNode; reloadKey: number }) {
  const [rules, setRules] = useState<EscalationRules>(DEFAULT_RULES);
  const reload = useCallback(() => void api.tasks.rules({}).then(setRules, () => {}), []);
  useEffect(reload, [reload, reloadKey]);
  return <RulesContext.Provider value={{ rules, reload }}>{children}</RulesContext.Provider>;
}

export const useRules = () => useContext(RulesContext);

/** 白色领办 / 蓝色催办 …: the name and the action, as the office writes it. */
export const levelLabel = (rules: EscalationRules, l: LevelKey): string => `${rules.levels[l].name}${rules.levels[l].action}`;

/** Dark or light text on a level colour, by its luminance, so any colour the office picks stays readable. */
export function inkOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 160 ? '#1f2933' : '#ffffff';
}

/** A level as a small coloured chip; a manual level is marked 人工. */
export function LevelBadge(props: { level: LevelKey; manual?: boolean }) {
  const { rules } = useRules();
  const color = rules.levels[props.level].color;
  return (
    <span className="level-badge" data-level={props.level} style={{ background: color, color: inkOn(color) }} title={props.manual ? '人工调整的等级' : undefined}>
      {levelLabel(rules, props.level)}
      {props.manual && <em>人工</em>}
    </span>
  );
}

/** A task's level in a list: a finished task is no longer supervised, so no 白 badge (only a red one, if rated into red). */
export function TaskLevel({ task }: { task: Task }) {
  if (CLOSED_STATUSES.includes(task.status) && task.level === 'white') return <span className="muted">—</span>;
  return <LevelBadge level={task.level} manual={task.overrideLevel !== null} />;
}
