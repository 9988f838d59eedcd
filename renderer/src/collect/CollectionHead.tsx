import type { ReactNode } from 'react';
import type { CollectionSummary } from '../../../shared/contract/collect';

/** The top of a collection's pane: its ledger and period, a line of facts, the instructions, and what sits at the right. */
export function CollectionHead(props: { collection: CollectionSummary; facts: ReactNode; right?: ReactNode }) {
  const c = props.collection;
  return (
    <div className="collect-head">
      <div>
        <h2>
          {c.title}（{c.period}）
        </h2>
        <div className="muted small">{props.facts}</div>
        {c.instructions && <div className="small collect-instructions">填报说明：{c.instructions}</div>}
      </div>
      <span className="spacer" />
      {props.right}
    </div>
  );
}
