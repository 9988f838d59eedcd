import { useMemo } from 'react';
import type { BoardRow } from '../../../shared/domain/supervision';
import { EChart } from '../charts/EChart';

/**
 * 完成率 by unit, one horizontal bar each, in the board's (tree) order top to bottom. A calm
 * neutral blue: the level colours are kept for levels. Clicking a bar opens that unit's tasks.
 */
export function CompletionChart(props: { rows: BoardRow[]; onBar: (row: BoardRow) => void }) {
  const rows = props.rows;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: { dataIndex: number }[]) => {
        const r = rows[rows.length - 1 - p[0]!.dataIndex]!;
        return `${r.unit}<br/>已办结 ${r.done} / ${r.total} 项，完成率 ${Math.round(r.completionRate * 100)}%`;
      } },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', color: '#66727f' }, splitLine: { lineStyle: { color: '#eceff3' } } },
      yAxis: { type: 'category', data: [...rows].reverse().map((r) => r.unit), axisLabel: { color: '#1f2933', width: 110, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 11,
          data: [...rows].reverse().map((r) => Math.round(r.completionRate * 100)),
          itemStyle: { color: '#5b7fa6' },
          label: { show: true, position: 'right', formatter: '{c}%', color: '#44505c', fontSize: 11 },
          cursor: 'pointer',
        },
      ],
    }),
    [rows],
  );
  return (
    <EChart
      option={option}
      height={Math.max(140, rows.length * 19 + 30)}
      label="各单位完成率柱状图"
      onItemClick={(e) => {
        const r = rows[rows.length - 1 - e.dataIndex];
        if (r) props.onBar(r);
      }}
    />
  );
}
