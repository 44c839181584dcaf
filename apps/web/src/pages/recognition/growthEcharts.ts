/**
 * Apache ECharts with only what the portfolio draws (a radar with a tooltip), rendered as SVG like the cockpit's
 * charts. Imported only by the lazily loaded radar, so other pages never download it.
 */
import { RadarChart } from 'echarts/charts';
import { RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([RadarChart, RadarComponent, TooltipComponent, SVGRenderer]);

export { echarts };
