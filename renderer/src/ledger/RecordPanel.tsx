import type { LedgerCategory, LedgerField, LedgerRecord } from '../../../shared/domain/ledger';
import type { AuditEntry } from '../../../shared/domain/audit';
import { AuditList } from '../common/AuditList';
import { AttachmentList } from '../attachments/AttachmentList';
import { shownValue } from './ledger-format';
import type { RefsStore } from './ledger-store';
import { RecordTasks } from '../supervision/RecordTasks';
import { recordLabel } from '../supervision/record-label';

/**
 * The chosen record: every field (hidden ones too, long text in full), its supervision tasks
 * (一键转办), its attachments, then its history — in the side panel, or `expanded` in a dialog.
 */
export function RecordPanel(props: {
  category: LedgerCategory;
  fields: LedgerField[];
  record: LedgerRecord | null;
  refs: RefsStore;
  history: AuditEntry[];
  /** an attachment was added or removed: it shows in the history */
  onHistoryChanged?: () => void;
  onClose?: () => void;
  onExpand?: (() => void) | undefined;
  expanded?: boolean;
}) {
  const { record } = props;
  const body = record ? (
    <>
      {!props.expanded && (
        <div className="panel-head">
          <h2>
            {recordLabel(props.category, record.values)}{record.deletedAt && <span className="muted small">（在回收站中）</span>}
          </h2>
          {props.onExpand && (
            <button className="ghost small-button" onClick={props.onExpand} title="在大窗口中查看（也可双击行号）">
              展开
            </button>
          )}
          {props.onClose && (
            <button className="ghost small-button" onClick={props.onClose} aria-label="关闭详情" title="关闭详情">
              ×
            </button>
          )}
        </div>
      )}
      <dl className="record-fields" data-testid="record-fields">
        {props.fields.map((f) => {
          const v = shownValue(f, record.values[f.key], props.refs);
          return (
            <div key={f.key} className="record-field">
              <dt>{f.label}</dt>
              <dd className={v ? (f.type === 'longText' ? 'long' : undefined) : 'muted'}>{v || '—'}</dd>
            </div>
          );
        })}
      </dl>
      <RecordTasks key={record.id} category={props.category} record={record} />
      <AttachmentList owner="record" ownerId={record.id} readOnly={record.deletedAt !== null || props.category.archived} {...(props.onHistoryChanged ? { onChanged: props.onHistoryChanged } : {})} />
      <h3>修改记录</h3>
      <AuditList entries={props.history} />
    </>
  ) : (
    <>
      {props.onClose && (
        <div className="panel-head">
          <span className="spacer" />
          <button className="ghost small-button" onClick={props.onClose} aria-label="关闭详情" title="关闭详情">
            ×
          </button>
        </div>
      )}
      <div className="empty">点击表格中的记录，查看全部字段、附件和修改记录。</div>
    </>
  );
  if (props.expanded) return <div className="record-expanded">{body}</div>;
  return (
    <aside className="side-panel record-panel" aria-label="记录详情">
      {body}
    </aside>
  );
}
