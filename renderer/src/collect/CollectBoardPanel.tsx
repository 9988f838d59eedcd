import { useEffect, useState } from 'react';
import type { CollectBoardItem } from '../../../shared/contract/collect';
import { api } from '../api';
import './collect.css';

/** The board's line on 填报/汇总: each collection's returns so far, the late units in red. */
export function CollectBoardPanel(props: { today: string }) {
  const [items, setItems] = useState<CollectBoardItem[] | null>(null);
  useEffect(() => {
    void api.collect.board({ today: props.today }).then(setItems, () => setItems([]));
  }, [props.today]);
  if (!items || items.length === 0) return null;
  return (
    <section className="card collect-board" data-testid="collect-board">
      <h2>
        填报汇总 <span className="muted">{items.length} 项</span>
      </h2>
      <table className="collect-board-table">
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td className="collect-board-title">
                {c.title}（{c.period}）
              </td>
              <td className="num">
                已报 {c.submitted}/{c.units}
              </td>
              <td className="collect-board-bar">
                <span style={{ width: `${c.units ? Math.round((c.submitted / c.units) * 100) : 0}%` }} />
              </td>
              <td className={c.late ? 'num collect-late' : 'num muted'}>{c.late ? `逾期未报 ${c.late}` : `截止 ${c.dueDate?.slice(5) ?? '—'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
