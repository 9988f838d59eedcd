import { useState } from 'react';
import { TASK_LOG_LABELS, type TaskLogEntry } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
import { localTime } from '../common/format';
import { LevelBadge } from './levels';

const ACTIONS = [
  { kind: 'urge', label: '催办' },
  { kind: 'note', label: '督办意见' },
  { kind: 'reply', label: '回复' },
] as const;

/** 留痕: the task's trail, newest first, and the box to add a 催办 / 督办意见 / 回复. */
export function TaskTrail(props: { taskId: number; log: TaskLogEntry[]; onAdded: () => void }) {
  const [kind, setKind] = useState<(typeof ACTIONS)[number]['kind']>('urge');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    if (!text.trim()) return setError('请填写内容');
    try {
      await api.tasks[kind]({ id: props.taskId, text: text.trim() });
      setText('');
      setError(null);
      props.onAdded();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="trail">
      <div className="trail-add">
        <div className="tabs" role="tablist" aria-label="留痕类型">
          {ACTIONS.map((a) => (
            <button key={a.kind} role="tab" aria-selected={kind === a.kind} className={kind === a.kind ? 'tab active' : 'tab'} onClick={() => setKind(a.kind)}>
              {a.label}
            </button>
          ))}
        </div>
        <textarea aria-label="留痕内容" rows={2} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} placeholder={kind === 'reply' ? '责任单位的答复' : kind === 'note' ? '督办意见' : '催办要求'} />
        <div className="trail-add-foot">
          {error && <span className="field-error">{error}</span>}
          <span className="spacer" />
          <button className="primary" onClick={() => void add()}>
            记入留痕
          </button>
        </div>
      </div>
      {props.log.length === 0 ? (
        <div className="empty small">暂无留痕</div>
      ) : (
        <ol className="trail-list" data-testid="trail">
          {props.log.map((e) => (
            <li key={e.id} className={`trail-${e.kind}`}>
              <div className="audit-meta">
                <span>{localTime(e.at)}</span>
                <span>{e.actor}</span>
                <b className="trail-kind">{TASK_LOG_LABELS[e.kind]}</b>
                {e.level && <LevelBadge level={e.level} />}
              </div>
              {e.text && <div className="trail-text">{e.text}</div>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
