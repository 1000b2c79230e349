// The bar chart drawn instead of curves when an analysis has a single mass hypothesis.
import { Chart, baseOptions, charts, refresh, withAlpha } from './chart-base.js';
import { formatValue } from './chart-axes.js';

/** Creates the bar chart used when an analysis has a single mass hypothesis. */
export function createBarChart(canvas, name) {
  const options = baseOptions({ xTitle: 'Channel', yTitle: 'Significance Z', xType: 'category', yType: 'linear' });
  options.parsing = true;
  options.interaction = { mode: 'index', intersect: false };
  options.scales.y.beginAtZero = true;
  options.plugins.legend.labels.boxHeight = 12;
  options.plugins.tooltip.callbacks = {
    label: (item) => `${item.dataset.label}: Z = ${formatValue(item.raw)} ± ${formatValue(item.dataset.sigmas[item.dataIndex])}`,
  };

  charts[name] = new Chart(canvas, { type: 'bar', data: { labels: [], datasets: [] }, options });
  return charts[name];
}

/** Replaces the bars: one dataset per series {label, colour, values, sigmas}, one bar per category. */
export function updateBarChart(chart, categories, seriesList) {
  chart.data.labels = categories;
  chart.data.datasets = seriesList.map((series) => ({
    hnlRole: 'line',
    label: series.label,
    data: series.values.map((value) => value ?? null),
    sigmas: series.sigmas,
    borderColor: series.colour,
    backgroundColor: withAlpha(series.colour, 0.6),
    borderWidth: 1,
    errorBars: series.values
      .map((value, index) => ({ index, low: value - (series.sigmas[index] ?? 0), high: value + (series.sigmas[index] ?? 0) }))
      .filter((bar) => Number.isFinite(bar.low) && series.sigmas[bar.index] > 0),
  }));
  chart.options.scales.y.suggestedMax = barAxisTop(seriesList);
  refresh(chart);
}

/**
 * Returns the highest bar top plus its uncertainty, with 5% headroom, so that the top error bar
 * fits on the axis. Returns undefined when no bar has a value.
 */
function barAxisTop(seriesList) {
  const tops = seriesList.flatMap((series) => series.values.map((value, index) => value + (series.sigmas[index] ?? 0)))
    .filter(Number.isFinite);
  return tops.length === 0 ? undefined : Math.max(...tops) * 1.05;
}
