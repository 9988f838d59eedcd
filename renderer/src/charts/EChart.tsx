import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';

// Only the pieces the program draws, so the bundle stays small; canvas, no network, no fonts fetched.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** The office's font stack, so chart text matches the grids. */
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

/**
 * One ECharts chart that follows its box's size. `onItemClick` gets the clicked bar or slice,
 * so a chart can open the records behind a number, like the board's matrix does.
 */
export function EChart(props: { option: EChartsCoreOption; height?: number; label: string; onItemClick?: (e: ECElementEvent) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(props.onItemClick);
  click.current = props.onItemClick;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ECElementEvent));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...props.option }, true);
  }, [props.option]);

  return <div ref={box} className="echart" role="img" aria-label={props.label} style={{ height: props.height ?? 240, width: '100%' }} />;
}
