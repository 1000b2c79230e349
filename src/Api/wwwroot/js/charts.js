// The chart modules, re-exported for the pages. Every chart is created once and later updated in
// place through its update* function.
export { charts, cssColour, dashPattern, downloadChartPng, seriesColour, withAlpha } from './chart-base.js';
export { formatLogTick, logAxisFloor } from './chart-axes.js';
export { createSignificanceChart, updateSignificanceChart } from './significance-chart.js';
export { createBarChart, updateBarChart } from './bar-chart.js';
export { createHistogramChart, updateHistogramChart } from './histogram-chart.js';
