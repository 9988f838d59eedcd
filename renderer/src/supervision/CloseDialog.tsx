import { useState } from 'react';
import { QUALITY_RATINGS, type QualityRating, type Task } from '../../../shared/domain/supervision';
import { api } from '../api';
import { FormDialog } from '../common/Modal';
import { AttachmentList } from '../attachments/AttachmentList';
import { levelLabel, useRules } from './levels';

/** 办结: the evidence and the quality rating; a rating in the red list makes the task 红. */
export function CloseDialog(props: { task: Task; onClose: () => void; onDone: (t: Task) => void }) {
  const { rules } = useRules();
  const [rating, setRating] = useState<QualityRating | null>(null);
  const [status, setStatus] = useState<'已办结' | '已销号'>('已办结');
  const [evidence, setEvidence] = useState(props.task.evidence ?? '');
  const save = async () => {
    if (!rating) throw new Error('请选择质量评定');
    if (!evidence.trim()) throw new Error('请填写办结佐证材料');
    props.onDone(await api.tasks.close({ id: props.task.id, rating, evidence: evidence.trim(), status }));
  };
  return (
    <FormDialog title={`办结：${props.task.title}`} onClose={props.onClose} width={560} submitLabel="确认办结" onSubmit={save}>
      <div className="field">
        <span>
          质量评定<i className="required">*</i>
        </span>
        <div className="radio-row" role="radiogroup" aria-label="质量评定">
          {QUALITY_RATINGS.map((r) => (
            <label key={r} className="check">
              <input type="radio" name="rating" checked={rating === r} onChange={() => setRating(r)} />
              {r}
            </label>
          ))}
        </div>
        {rating && rules.redRatings.includes(rating) && <span className="field-error">评定为“{rating}”的任务将列为{levelLabel(rules, 'red')}，并进入通报。</span>}
      </div>
      <div className="field">
        <span>办结方式</span>
        <div className="radio-row">
          {(['已办结', '已销号'] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="close-status" checked={status === s} onChange={() => setStatus(s)} />
              {s}
            </label>
          ))}
        </div>
      </div>
      <label className="field">
        <span>
          佐证材料<i className="required">*</i>
        </span>
        <textarea aria-label="佐证材料" rows={4} value={evidence} maxLength={20000} onChange={(e) => setEvidence(e.target.value)} placeholder="办结情况、印发文件、会议记录、照片等材料的说明" />
      </label>
      <AttachmentList owner="task" ownerId={props.task.id} />
      {props.task.ledgerRecordId !== null && <p className="muted small">该任务由台账记录转办，办结后将同步把该记录的办理状态改为已办结，并填写反馈情况。</p>}
    </FormDialog>
  );
}
