import { useCallback, useEffect, useState } from 'react';
import type { TaskDetail as Detail, TaskTreeNode } from '../../../shared/contract/supervision';
import { CLOSED_STATUSES, type Task } from '../../../shared/domain/supervision';
import { api, errorMessage } from '../api';
import { ConfirmDialog, Modal } from '../common/Modal';
import { useStatus } from '../common/status';
import { LevelBadge, TaskLevel, levelLabel, useRules } from './levels';
import { TaskTrail } from './TaskTrail';
import { TaskForm } from './TaskForm';
import { DecomposeDialog } from './DecomposeDialog';
import { OverrideDialog } from './OverrideDialog';
import { CloseDialog } from './CloseDialog';
import { Timeline } from './Timeline';
import { AttachmentList } from '../attachments/AttachmentList';
import { UrgeDialog } from './UrgeDialog';
import { LinkedRecord } from './LinkedRecord';

type Dialog = 'edit' | 'decompose' | 'urge' | 'override' | 'close' | 'delete' | 'timeline' | null;

/** One task: its fields, the roll-up of its sub-tasks, the 留痕 trail and every action on it. */
export function TaskDetail(props: {
  taskId: number;
  today: string;
  onOpen: (id: number) => void;
  onChanged: (t: Task | null) => void;
  /** deleted: the page says so and offers 撤销 (without it, the panel says so itself) */
  onDeleted?: (t: Task) => void;
}) {
  const { rules } = useRules();
  const { notify } = useStatus();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tree, setTree] = useState<TaskTreeNode | null>(null);
  const [tab, setTab] = useState<'info' | 'trail'>('info');

  const load = useCallback(() => {
    api.tasks.get({ id: props.taskId }).then(setDetail, (err) => notify(errorMessage(err), 'error'));
  }, [props.taskId, notify]);
  useEffect(load, [load]);

  const changed = (t: Task | null, message: string) => {
    setDialog(null);
    notify(message, 'success');
    load();
    props.onChanged(t);
  };

  if (!detail) return <div className="task-detail muted">正在读取…</div>;
  const t = detail.task;
  const r = detail.rollup;
  const closed = CLOSED_STATUSES.includes(t.status);
  const openTimeline = () => {
    const rootId = detail.path[0]?.id ?? t.id;
    api.tasks.tree({ id: rootId }).then((x) => (setTree(x), setDialog('timeline')), (err) => notify(errorMessage(err), 'error'));
  };
  const prop = (label: string, value: React.ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value === null || value === '' || value === undefined ? <span className="muted">—</span> : value}</dd>
    </>
  );

  return (
    <div className="task-detail" data-testid="task-detail">
      {detail.path.length > 0 && (
        <div className="crumbs small">
          {detail.path.map((p) => (
            <span key={p.id}>
              <button className="link" onClick={() => props.onOpen(p.id)}>
                {p.title}
              </button>
              ›
            </span>
          ))}
        </div>
      )}
      <div className="detail-head">
        <h2 data-testid="task-title">{t.title}</h2>
        <LevelBadge level={t.level} manual={t.overrideLevel !== null} />
        <span className="status-tag">{t.status}</span>
      </div>
      <div className="toolbar detail-actions">
        <button onClick={() => setDialog('edit')}>修改</button>
        <button onClick={() => setDialog('decompose')} disabled={closed}>
          逐项分解
        </button>
        <button onClick={() => setDialog('urge')} disabled={closed} title="催办要求记入留痕">
          催办
        </button>
        <button onClick={() => setDialog('override')}>调整等级</button>
        <button className="primary" onClick={() => setDialog('close')} disabled={closed}>
          办结
        </button>
        <button onClick={openTimeline}>时间轴</button>
        <span className="spacer" />
        <button className="danger-text" onClick={() => setDialog('delete')}>
          删除
        </button>
      </div>
      <div className="tabs detail-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'info'} className={tab === 'info' ? 'tab active' : 'tab'} onClick={() => setTab('info')}>
          概况
        </button>
        <button role="tab" aria-selected={tab === 'trail'} className={tab === 'trail' ? 'tab active' : 'tab'} onClick={() => setTab('trail')}>
          留痕（{detail.log.length}）
        </button>
      </div>
      {tab === 'trail' ? (
        <TaskTrail taskId={t.id} log={detail.log} onAdded={() => (notify('已记入留痕', 'success'), load())} />
      ) : (
        <div className="detail-body">
          {t.childCount > 0 && (
            <div className="rollup" data-testid="rollup">
              <div>
                <span className="muted small">下级任务已办结</span>
                <b>
                  {r.done - (closed ? 1 : 0)} / {r.total - 1} 项
                </b>
              </div>
              <div>
                <span className="muted small">平均进度</span>
                <b>{r.progress}%</b>
              </div>
              <div>
                <span className="muted small">逾期</span>
                <b className={r.late ? 'alert' : ''}>{r.late} 项</b>
              </div>
              <div>
                <span className="muted small">最高等级</span>
                <LevelBadge level={r.worstLevel} />
              </div>
            </div>
          )}
          <dl className="props wide">
            {prop('任务来源', t.source)}
            {prop('牵头领导', t.leadLeaderName)}
            {prop('责任单位', t.unitName)}
            {prop('责任人', t.responsibleName)}
            {prop('开始日期', t.startDate)}
            {prop('完成时限', t.dueDate)}
            {prop('进度', `${t.progress}%`)}
            {prop('计划类型', t.horizon)}
            {prop('质量评定', t.rating)}
            {t.overrideLevel && prop('人工等级', `${levelLabel(rules, t.overrideLevel)}：${t.overrideReason ?? ''}`)}
            {t.ledgerRecordId !== null && prop('来自台账', <LinkedRecord recordId={t.ledgerRecordId} />)}
            {prop('任务内容', t.content && <div className="pre">{t.content}</div>)}
            {prop('佐证材料', t.evidence && <div className="pre">{t.evidence}</div>)}
          </dl>
          <AttachmentList owner="task" ownerId={t.id} onChanged={load} />
          {detail.children.length > 0 && (
            <>
              <h3>子任务（{detail.children.length}）</h3>
              <table className="children-table" data-testid="children">
                <tbody>
                  {detail.children.map((c) => (
                    <tr key={c.id} onClick={() => props.onOpen(c.id)}>
                      <td>{c.title}</td>
                      <td className="muted">{c.unitName ?? '—'}</td>
                      <td className="cell-mono">{c.dueDate ?? '—'}</td>
                      <td className="cell-mono">{c.progress}%</td>
                      <td>
                        <TaskLevel task={c} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}

      {dialog === 'edit' && <TaskForm task={t} onClose={() => setDialog(null)} onSaved={(x) => changed(x, '已保存')} />}
      {dialog === 'decompose' && <DecomposeDialog parent={t} onClose={() => setDialog(null)} onDone={(xs) => changed(t, `已分解为 ${xs.length} 项子任务`)} />}
      {dialog === 'urge' && <UrgeDialog task={t} onClose={() => setDialog(null)} onDone={() => changed(t, `已催办“${t.title}”，记入留痕`)} />}
      {dialog === 'override' && <OverrideDialog task={t} onClose={() => setDialog(null)} onDone={(x) => changed(x, `督办等级已调整为${levelLabel(rules, x.level)}`)} />}
      {dialog === 'close' && <CloseDialog task={t} onClose={() => setDialog(null)} onDone={(x) => changed(x, `“${x.title}”${x.status}`)} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title="删除督办任务"
          danger
          confirmLabel="删除"
          message={<p>确定删除“{t.title}”吗？{props.onDeleted ? '删除后可按 Ctrl+Z 撤销；' : ''}删除后可在修改记录中查到，留痕保留。</p>}
          onCancel={() => setDialog(null)}
          onConfirm={() =>
            void api.tasks.delete({ id: t.id }).then(
              () => (setDialog(null), props.onDeleted ? props.onDeleted(t) : notify(`已删除“${t.title}”`, 'success'), props.onChanged(null)),
              (err) => (setDialog(null), notify(errorMessage(err), 'error')),
            )
          }
        />
      )}
      {dialog === 'timeline' && tree && (
        <Modal title={`时间轴：${tree.task.title}`} onClose={() => setDialog(null)} width={1180} footer={<button onClick={() => setDialog(null)}>关闭</button>}>
          <Timeline tree={tree} today={props.today} currentId={t.id} onOpen={(id) => (setDialog(null), props.onOpen(id))} />
        </Modal>
      )}
    </div>
  );
}
