import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * report.html's charts: static SVG drawn by Apache ECharts' server-side renderer (no browser, no script in
 * the page; spec 5, v2). No animation (a static file), fonts that carry Chinese on Windows, macOS and Linux.
 * ECharts escapes the texts it writes into the SVG; the page escapes everything else (report-html.ts).
 */

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
const WIDTH = 880;
const BAR = '#2f6fb0';

function render(option: echarts.EChartsCoreOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 12 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Horizontal bars, one per category, drawn top to bottom in the order given (the caller sorts), each
 * labelled with its value as `format` shows it. `max`: the value axis' end (100 for a percentage), or
 * the data's.
 */
export function barChart(categories: string[], values: number[], format: (v: number) => string, max?: number): string {
  const height = 50 + 26 * Math.max(categories.length, 2);
  return render({
    grid: { left: 8, right: 70, top: 10, bottom: 24 },
    xAxis: { type: 'value', max, axisLabel: { formatter: (v: number) => format(v) } },
    yAxis: { type: 'category', data: categories, inverse: true, axisTick: { show: false } },
    series: [{
      type: 'bar', data: values, barMaxWidth: 18, itemStyle: { color: BAR },
      label: { show: true, position: 'right', formatter: (p: { value: number }) => format(p.value) },
    }],
  }, height);
}

/** Lines over the points `x` (oldest first): one per series, a value or null (no point) at each. */
export function lineChart(x: string[], series: { name: string; values: (number | null)[] }[], format: (v: number) => string): string {
  return render({
    grid: { left: 8, right: 40, top: series.length > 1 ? 48 : 28, bottom: 24 },
    legend: series.length > 1 ? { top: 0, type: 'plain' } : undefined,
    xAxis: { type: 'category', data: x, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
    series: series.map((s) => ({
      type: 'line', name: s.name, data: s.values, connectNulls: false, symbolSize: 6,
      label: { show: series.length === 1, formatter: (p: { value: number }) => format(p.value) },
    })),
  }, 300);
}
