import { useState } from 'react';
import type { Task } from '../../../shared/domain/supervision';
import { api } from '../api';
import { FormDialog } from '../common/Modal';

/** 催办: the urging itself, in a line or two, written into the task's 留痕 with time and person. */
export function UrgeDialog(props: { task: Task; onClose: () => void; onDone: () => void }) {
  const [text, setText] = useState('');
  const save = async () => {
    if (!text.trim()) throw new Error('请填写催办要求（将记入留痕）');
    await api.tasks.urge({ id: props.task.id, text: text.trim() });
    props.onDone();
  };
  return (
    <FormDialog title={`催办：${props.task.title}`} onClose={props.onClose} onSubmit={save} submitLabel="催办">
      <p className="muted small">
        责任单位：{props.task.unitName ?? '未指定'}；完成时限：{props.task.dueDate ?? '未定'}；当前进度 {props.task.progress}%。
      </p>
      <label className="field">
        <span>
          催办要求<i className="required">*</i>
        </span>
        <textarea aria-label="催办要求" rows={3} autoFocus value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} placeholder="如：请于本周五前报送整改进展" />
      </label>
    </FormDialog>
  );
}
