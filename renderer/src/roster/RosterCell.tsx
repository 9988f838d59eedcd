import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Person } from '../../../shared/domain/roster';
import type { RefusedCells } from './refusals';

export interface RosterGridContext {
  refused: RefusedCells;
}

/** Shows the saved value, or a refused one in red with its reason (kept until fixed or discarded). */
export function RosterCell(props: CustomCellRendererProps<Person, unknown, RosterGridContext>) {
  const field = props.colDef?.colId ?? '';
  const refusal = props.data ? props.context.refused.get(props.data.id, field) : undefined;
  if (refusal) {
    return (
      <span className="cell-refused" title={`未保存：${refusal.reason}（按 Esc 放弃）`} data-refused-reason={refusal.reason}>
        {refusal.value || '（空）'}
      </span>
    );
  }
  const v = props.valueFormatted ?? props.value;
  return <>{v === null || v === undefined ? '' : String(v)}</>;
}
