import { LEVEL_KEYS, type Board, type BoardRow, type LevelKey } from '../../../shared/domain/supervision';
import { inkOn, levelLabel, useRules } from './levels';
import { pct } from './lookups';
import { GettingStarted } from './GettingStarted';

type Col = LevelKey | 'done';

/**
 * 挂图作战 matrix: units × the four levels plus 已办结. A non-zero count is painted in its
 * level's colour (colour carries meaning only); every number is a button that opens the
 * tasks behind it.
 */
export function BoardMatrix(props: { board: Board; onCell: (row: BoardRow | null, col: Col) => void; onUnit: (row: BoardRow) => void }) {
  const { rules } = useRules();
  const rows = props.board.byUnit;
  const sum = (c: Col | 'total') => rows.reduce((n, r) => n + r[c], 0);
  const cell = (row: BoardRow | null, col: Col, n: number) => {
    const color = col === 'done' ? null : rules.levels[col].color;
    // the 合计 row stays plain: its numbers are sums, the colour marks each unit's cells
    const painted = n > 0 && color !== null && col !== 'white' && row !== null;
    return (
      <td key={col} className="num">
        {n > 0 ? (
          <button
            className={`count-btn${painted ? ' painted' : ''}`}
            data-testid={`board-cell-${row?.unitId ?? 'all'}-${col}`}
            data-level={col}
            style={painted ? { background: color!, color: inkOn(color!), borderColor: color! } : undefined}
            onClick={() => props.onCell(row, col)}
            aria-label={`${row?.unit ?? '合计'} ${col === 'done' ? '已办结' : levelLabel(rules, col)} ${n} 项`}
          >
            {n}
          </button>
        ) : (
          <span className="zero" data-testid={`board-cell-${row?.unitId ?? 'all'}-${col}`}>
            0
          </span>
        )}
      </td>
    );
  };
  return (
    <table className="board-matrix" data-testid="board-matrix">
      <thead>
        <tr>
          <th className="unit-col">责任单位</th>
          {LEVEL_KEYS.map((l) => (
            <th key={l} className="num">
              <span className="swatch" style={{ background: rules.levels[l].color }} />
              {levelLabel(rules, l)}
            </th>
          ))}
          <th className="num">已办结</th>
          <th className="num">合计</th>
          <th className="num">完成率</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={8} className="muted">
              <GettingStarted />
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.unitId ?? 'none'} data-testid={`board-row-${r.unitId ?? 'none'}`}>
            <th className="unit-col">
              <button className="link unit-link" onClick={() => props.onUnit(r)}>
                {r.unit}
              </button>
            </th>
            {LEVEL_KEYS.map((l) => cell(r, l, r[l]))}
            {cell(r, 'done', r.done)}
            <td className="num total">{r.total}</td>
            <td className="num">{pct(r.completionRate)}</td>
          </tr>
        ))}
      </tbody>
      {rows.length > 0 && (
        <tfoot>
          <tr>
            <th className="unit-col">合计</th>
            {LEVEL_KEYS.map((l) => cell(null, l, sum(l)))}
            {cell(null, 'done', sum('done'))}
            <td className="num total">{sum('total')}</td>
            <td className="num">{sum('total') ? pct(sum('done') / sum('total')) : '—'}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
