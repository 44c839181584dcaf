/**
 * Apache ECharts with only what the cockpit draws: line and bar series on a grid with a tooltip, rendered as SVG
 * (crisp on phones, light on memory, and the text stays the page's Thai font). Imported only by the lazily loaded
 * chart, so the landing page and the feed never download it.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
