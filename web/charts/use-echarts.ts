// One ECharts instance bound to an element: created on mount, resized with its panel
// (ResizeObserver), re-rendered when the option changes, disposed on unmount.
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function useECharts(el: Ref<HTMLElement | null>, option: () => EChartsCoreOption | null) {
  const chart = shallowRef<echarts.ECharts | null>(null);
  let observer: ResizeObserver | null = null;

  onMounted(() => {
    if (!el.value) return;
    chart.value = echarts.init(el.value, undefined, { renderer: 'canvas' });
    observer = new ResizeObserver(() => chart.value?.resize());
    observer.observe(el.value);
    const first = option();
    if (first) chart.value.setOption(first, true);
  });

  watch(option, (next) => {
    if (chart.value && next) chart.value.setOption(next, true);
  });

  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
    chart.value = null;
  });

  return { chart };
}

/** Shared look of every wall chart, sized by the wall's UI scale. */
export function chartTheme(scale: number) {
  const font = (size: number) => ({
    color: '#9fc3e6',
    fontSize: Math.round(size * scale),
    fontFamily: '"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif',
  });
  return {
    font,
    splitLine: { lineStyle: { color: 'rgba(80, 160, 230, 0.15)' } },
    axisLine: { lineStyle: { color: 'rgba(80, 160, 230, 0.45)' } },
    tooltip: { trigger: 'axis', backgroundColor: 'rgba(6, 22, 48, 0.92)', borderColor: '#35d4ff', textStyle: font(12) },
    legend: { top: 0, right: 0, itemWidth: 12 * scale, itemHeight: 8 * scale, textStyle: font(12) },
  };
}
