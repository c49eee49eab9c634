// The SLA board's bar chart: open dossiers per unit, split into on time and
// past deadline. It reads the numbers the page embeds in #sla-chart-data
// (SlaChartData in src/web/pages/sla.ts). The table beside it has the same
// numbers, so the page is complete without this script.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { SlaChartData } from '../pages/sla.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

// The container is dir="ltr" even on Arabic pages: ECharts places SVG text as if left-to-right, and
// under an inherited rtl direction its labels overlap the legend icons and the axis clips them. The
// mirrored layout for Arabic comes from the options instead (inverse axis, categories on the right).
function drawChart(container: HTMLElement, data: SlaChartData): void {
  const chart = echarts.init(container, undefined, { renderer: 'svg', height: Math.max(220, 60 + data.units.length * 48) });
  const rtl = data.dir === 'rtl';
  chart.setOption({
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 4, [rtl ? 'right' : 'left']: 8, data: [data.labels.onTime, data.labels.breached] },
    grid: { top: 40, bottom: 24, left: rtl ? 24 : 8, right: rtl ? 8 : 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, inverse: rtl },
    yAxis: { type: 'category', data: data.units, position: rtl ? 'right' : 'left' },
    series: [
      { name: data.labels.onTime, type: 'bar', stack: 'open', data: data.onTime, itemStyle: { color: '#0f5b4f' } },
      { name: data.labels.breached, type: 'bar', stack: 'open', data: data.breached, itemStyle: { color: '#a4161a' } },
    ],
  });
  window.addEventListener('resize', () => chart.resize());
}

const container = document.getElementById('sla-chart');
const source = document.getElementById('sla-chart-data');
if (container && source?.textContent) drawChart(container, JSON.parse(source.textContent) as SlaChartData);
