import { useEffect, useState } from 'react';
import { api } from '../api';
import { useSupervisionNav } from './nav';
import { recordLabel } from './record-label';

/** The ledger record a task came from (一键转办), by its category and its own words, opening it in its ledger. */
export function LinkedRecord(props: { recordId: number }) {
  const { openRecord } = useSupervisionNav();
  const [shown, setShown] = useState<{ categoryId: number; category: string; label: string; deleted: boolean } | null | 'gone'>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const { record } = await api.ledger.get({ id: props.recordId });
      const category = await api.ledger.category({ id: record.categoryId });
      if (live) setShown({ categoryId: category.id, category: category.name, label: recordLabel(category, record.values), deleted: record.deletedAt !== null });
    })().catch(() => live && setShown('gone'));
    return () => void (live = false);
  }, [props.recordId]);
  if (shown === null) return <span className="muted">正在读取…</span>;
  if (shown === 'gone') return <span className="muted">原台账记录已被删除</span>;
  return (
    <span data-testid="linked-record">
      {shown.category}：
      <button className="link" title="在台账中打开这条记录" onClick={() => openRecord(shown.categoryId, props.recordId)}>
        {shown.label}
      </button>
      {shown.deleted && <span className="muted small">（在回收站中）</span>}
    </span>
  );
}
