import { useEffect, useState } from 'react';
import { LEVEL_KEYS, QUALITY_RATINGS, type EscalationRules, type LevelKey } from '../../../shared/domain/supervision';
import { rulesSchema } from '../../../shared/contract/supervision';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { inkOn, useRules } from './levels';

const LEVEL_HINT: Record<LevelKey, string> = {
  white: '按期推进',
  blue: '临近完成时限仍未办结',
  yellow: '已超过完成时限',
  red: '逾期较长或办结质量不合格',
};
/** Colours by name, as the office speaks of them; 其他颜色… opens the system's picker for anything else. */
const PALETTE: readonly { name: string; color: string }[] = [
  { name: '白', color: '#f8fafc' },
  { name: '浅灰', color: '#cbd5e1' },
  { name: '蓝', color: '#2563eb' },
  { name: '青', color: '#0891b2' },
  { name: '绿', color: '#16a34a' },
  { name: '黄', color: '#eab308' },
  { name: '橙', color: '#f97316' },
  { name: '红', color: '#dc2626' },
  { name: '深红', color: '#991b1b' },
  { name: '紫', color: '#7c3aed' },
];

const FIELD_NAMES: Record<string, string> = { name: '等级名称', action: '督办方式', color: '颜色', dueSoonDays: '临期天数', redOverdueDays: '逾期天数' };

/** Checks the form the way the backend will, plus what only a person would notice (two levels with one name). */
export function rulesProblem(r: EscalationRules): string | null {
  const parsed = rulesSchema.safeParse(r);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const level = LEVEL_KEYS.find((l) => issue.path.includes(l));
    const field = FIELD_NAMES[String(issue.path[issue.path.length - 1])] ?? '';
    const msg = issue.code === 'invalid_type' ? '请填写整数' : issue.code === 'too_big' ? '不能超过365天' : issue.message;
    return `${level ? `${r.levels[level].name || '该等级'}的` : ''}${field}：${msg}`;
  }
  const names = LEVEL_KEYS.map((l) => `${r.levels[l].name}${r.levels[l].action}`);
  if (new Set(names).size < names.length) return '四个等级的名称不能重复';
  const colors = LEVEL_KEYS.map((l) => r.levels[l].color.toLowerCase());
  if (new Set(colors).size < colors.length) return '四个等级的颜色不能相同，否则挂图上无法区分';
  return null;
}

/** 督办设置: what each level is called, its colour, and when a task rises. */
export function RulesPage() {
  const { rules, reload } = useRules();
  const { notify } = useStatus();
  const [draft, setDraft] = useState<EscalationRules>(rules);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(rules), [rules]);

  const setLevel = (l: LevelKey, k: 'name' | 'action' | 'color', v: string) => setDraft((d) => ({ ...d, levels: { ...d.levels, [l]: { ...d.levels[l], [k]: v } } }));
  const setDays = (k: 'dueSoonDays' | 'redOverdueDays', v: string) => setDraft((d) => ({ ...d, [k]: v.trim() === '' || !/^-?\d+$/.test(v.trim()) ? (NaN as number) : Number(v) }));

  const save = async () => {
    const p = rulesProblem(draft);
    setError(p);
    if (p) return;
    try {
      await api.tasks.setRules(draft);
      reload();
      notify('督办设置已保存，各页面按新规则计算等级', 'success');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="page rules-page">
      <div className="toolbar">
        <h1>督办设置</h1>
        <span className="muted">四色链式督办：等级名称、颜色和升级条件由本办公室设定。</span>
      </div>
      <div className="card rules-card">
        <h2>督办等级</h2>
        <table className="rules-table">
          <thead>
            <tr>
              <th>预览</th>
              <th>等级名称</th>
              <th>督办方式</th>
              <th>颜色</th>
              <th>含义</th>
            </tr>
          </thead>
          <tbody>
            {LEVEL_KEYS.map((l) => {
              const s = draft.levels[l];
              const ok = /^#[0-9a-fA-F]{6}$/.test(s.color);
              return (
                <tr key={l}>
                  <td>
                    <span className="level-badge" style={ok ? { background: s.color, color: inkOn(s.color) } : undefined}>
                      {s.name}
                      {s.action}
                    </span>
                  </td>
                  <td>
                    <input aria-label={`${LEVEL_HINT[l]}的等级名称`} value={s.name} maxLength={20} onChange={(e) => setLevel(l, 'name', e.target.value)} />
                  </td>
                  <td>
                    <input aria-label={`${LEVEL_HINT[l]}的督办方式`} value={s.action} maxLength={20} onChange={(e) => setLevel(l, 'action', e.target.value)} />
                  </td>
                  <td className="color-cell">
                    <div className="swatches" role="radiogroup" aria-label={`${LEVEL_HINT[l]}的颜色`}>
                      {PALETTE.map((c) => (
                        <button
                          key={c.color}
                          type="button"
                          role="radio"
                          aria-checked={s.color.toLowerCase() === c.color}
                          aria-label={c.name}
                          title={c.name}
                          className={s.color.toLowerCase() === c.color ? 'swatch chosen' : 'swatch'}
                          style={{ background: c.color }}
                          onClick={() => setLevel(l, 'color', c.color)}
                        />
                      ))}
                      <label className="swatch-other" title="其他颜色">
                        <input type="color" aria-label={`${LEVEL_HINT[l]}的其他颜色`} value={ok ? s.color : '#000000'} onChange={(e) => setLevel(l, 'color', e.target.value)} />
                        其他…
                      </label>
                    </div>
                  </td>
                  <td className="muted">{LEVEL_HINT[l]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>升级条件</h2>
        <div className="rules-conditions">
          <label className="inline">
            未办结且距完成时限不足
            <input aria-label="临期天数" className="days" value={Number.isNaN(draft.dueSoonDays) ? '' : draft.dueSoonDays} onChange={(e) => setDays('dueSoonDays', e.target.value)} />
            天（0 表示当天到期）时，列为{draft.levels.blue.name}
            {draft.levels.blue.action}
          </label>
          <label className="inline">
            超过完成时限即列为{draft.levels.yellow.name}
            {draft.levels.yellow.action}；逾期超过
            <input aria-label="逾期天数" className="days" value={Number.isNaN(draft.redOverdueDays) ? '' : draft.redOverdueDays} onChange={(e) => setDays('redOverdueDays', e.target.value)} />
            天列为{draft.levels.red.name}
            {draft.levels.red.action}
          </label>
          <div className="inline">
            办结质量评定为
            {QUALITY_RATINGS.map((q) => (
              <label key={q} className="check inline-check">
                <input
                  type="checkbox"
                  checked={draft.redRatings.includes(q)}
                  onChange={(e) => setDraft((d) => ({ ...d, redRatings: e.target.checked ? [...d.redRatings, q] : d.redRatings.filter((x) => x !== q) }))}
                />
                {q}
              </label>
            ))}
            的任务，直接列为{draft.levels.red.name}
            {draft.levels.red.action}
          </div>
        </div>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="rules-foot">
          <button onClick={() => (setDraft(rules), setError(null))}>放弃修改</button>
          <button className="primary" onClick={() => void save()}>
            保存设置
          </button>
        </div>
      </div>
    </div>
  );
}
