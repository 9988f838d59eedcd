import { useState } from 'react';
import { LEVEL_KEYS, type LevelKey, type Task } from '../../../shared/domain/supervision';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { levelLabel, useRules } from './levels';

/** 人工调整督办等级 (or cancel one): the reason is required and goes into the trail. */
export function OverrideDialog(props: { task: Task; onClose: () => void; onDone: (t: Task) => void }) {
  const { rules } = useRules();
  const manual = props.task.overrideLevel !== null;
  const [level, setLevel] = useState<LevelKey>(props.task.level);
  const [mode, setMode] = useState<'set' | 'clear'>('set');
  const [reason, setReason] = useState('');
  const save = async () => {
    if (!reason.trim()) throw new Error('请填写调整理由（将记入留痕）');
    props.onDone(mode === 'clear' ? await api.tasks.clearOverride({ id: props.task.id, reason }) : await api.tasks.override({ id: props.task.id, level, reason }));
  };
  return (
    <FormDialog title="人工调整督办等级" onClose={props.onClose} onSubmit={save}>
      <p className="muted small">人工等级优先于自动规则，直到取消为止。当前：{levelLabel(rules, props.task.level)}{manual ? '（人工）' : '（按规则）'}</p>
      {manual && (
        <div className="radio-row">
          <label className="check">
            <input type="radio" checked={mode === 'set'} onChange={() => setMode('set')} />
            改为其他等级
          </label>
          <label className="check">
            <input type="radio" checked={mode === 'clear'} onChange={() => setMode('clear')} />
            取消人工调整，恢复按规则计算
          </label>
        </div>
      )}
      {mode === 'set' && (
        <label className="field">
          <span>调整为</span>
          <select aria-label="调整为" value={level} onChange={(e) => setLevel(e.target.value as LevelKey)}>
            {LEVEL_KEYS.map((l) => (
              <option key={l} value={l}>
                {levelLabel(rules, l)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>
          理由<i className="required">*</i>
        </span>
        <textarea aria-label="理由" rows={3} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} placeholder="如：经分管领导批准延期至3月10日" />
      </label>
    </FormDialog>
  );
}
