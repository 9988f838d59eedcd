import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { LedgerField, LedgerRecord } from '../../../shared/domain/ledger';

/** 列: show or hide each column, and freeze (pin) it at the left. */
export function ColumnMenu(props: { grid: GridApi<LedgerRecord>; fields: LedgerField[]; onClose: () => void }) {
  const { grid } = props;
  const [, setTick] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const bump = () => setTick((t) => t + 1);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.parentElement?.contains(e.target as Node)) props.onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [props]);
  return (
    <div className="column-menu" role="dialog" aria-label="列" ref={ref} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <table>
        <thead>
          <tr>
            <th>显示</th>
            <th>列</th>
            <th>冻结</th>
          </tr>
        </thead>
        <tbody>
          {props.fields.map((f) => {
            const col = grid.getColumn(f.key);
            if (!col) return null;
            const pinned = !!col.getPinned();
            return (
              <tr key={f.key}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`显示“${f.label}”`}
                    checked={col.isVisible()}
                    onChange={(e) => {
                      grid.setColumnsVisible([f.key], e.target.checked);
                      bump();
                    }}
                  />
                </td>
                <td>{f.label}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`冻结“${f.label}”`}
                    checked={pinned}
                    onChange={(e) => {
                      grid.setColumnsPinned([f.key], e.target.checked ? 'left' : null);
                      bump();
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="column-menu-foot">
        <button
          onClick={() => {
            grid.resetColumnState();
            bump();
          }}
        >
          恢复默认
        </button>
        <button onClick={props.onClose}>关闭</button>
      </div>
    </div>
  );
}
