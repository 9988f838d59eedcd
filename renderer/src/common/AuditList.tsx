import type { AuditEntry } from '../../../shared/domain/audit';
import { PERSON_FIELD_LABELS, type PersonField } from '../../../shared/domain/roster';
import { localTime } from './format';

const ACTIONS: Record<AuditEntry['action'], string> = { create: '新建', update: '修改', delete: '删除', restore: '恢复' };
const OTHER_FIELDS: Record<string, string> = { name: '名称', kind: '类型', parent: '上级单位', officeName: '单位名称' };

function fieldLabel(entity: string, field: string | null): string {
  if (!field) return '';
  if (entity === 'person' && field in PERSON_FIELD_LABELS) return PERSON_FIELD_LABELS[field as PersonField];
  return OTHER_FIELDS[field] ?? field;
}

function shown(v: string | null): string {
  if (v === null || v === '') return '（空）';
  if (v.startsWith('{')) return '（整条记录）';
  return v;
}

/** The history of one record: time, who, and old → new for each field. */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <div className="empty small">暂无修改记录</div>;
  return (
    <ol className="audit-list" data-testid="audit-list">
      {entries.map((e) => (
        <li key={e.id}>
          <div className="audit-meta">
            <span>{localTime(e.at, true)}</span>
            <span>{e.actor}</span>
            <span className={`audit-action audit-${e.action}`}>{ACTIONS[e.action]}</span>
          </div>
          {e.field ? (
            <div className="audit-change">
              <b>{fieldLabel(e.entity, e.field)}</b>：
              {e.action === 'create' ? shown(e.newValue) : `${shown(e.oldValue)} → ${shown(e.newValue)}`}
            </div>
          ) : (
            e.action === 'delete' && <div className="audit-change">删除了整条记录</div>
          )}
        </li>
      ))}
    </ol>
  );
}
