// The significance-against-mass chart of the analysis and compare pages.
import { Chart, baseOptions, charts, refresh, withAlpha } from './chart-base.js';
import { formatLogTick, formatValue, keepRoundLogTicks, logAxisFloor } from './chart-axes.js';

/** Creates the significance-against-mass chart: numeric log axes for mass and significance. */
export function createSignificanceChart(canvas, name) {
  const options = baseOptions({ xTitle: 'Mass hypothesis [GeV]', yTitle: 'Significance Z', xType: 'logarithmic', yType: 'logarithmic' });
  options.plugins.tooltip.callbacks = {
    title: (items) => `m = ${items[0]?.raw.x} GeV`,
    label: (item) => `${item.dataset.label}: Z = ${formatValue(item.raw.y)} ± ${formatValue(item.raw.sigma)}`,
  };
  // Ticks sit at the masses the curves were computed for, which a 1-2-5 log axis would mostly skip.
  options.scales.x.afterBuildTicks = (scale) => {
    scale.ticks = plottedMasses(scale).map((value) => ({ value }));
  };
  options.scales.x.ticks = { callback: (value) => String(value) };
  options.scales.y.afterBuildTicks = keepRoundLogTicks;
  options.scales.y.ticks = { callback: (value) => formatLogTick(value) };

  charts[name] = new Chart(canvas, { type: 'line', data: { datasets: [] }, options });
  return charts[name];
}

/** Returns the sorted distinct x values of the drawn curves that fall inside the scale's range. */
function plottedMasses(scale) {
  const masses = new Set();
  for (const dataset of scale.chart.data.datasets) {
    for (const point of dataset.data) {
      if (Number.isFinite(point.x) && point.x >= scale.min && point.x <= scale.max) {
        masses.add(point.x);
      }
    }
  }
  return [...masses].sort((left, right) => left - right);
}

/**
 * Replaces the curves drawn by a significance chart. Each series is
 * {label, colour, dash, points: [{x: mass, y: Z, sigma}]}, and a point with Z null or <= 0 leaves a gap.
 * With bands, each series also gets an upper and a lower dataset filled between them; without,
 * its points carry error bars.
 */
export function updateSignificanceChart(chart, seriesList, { bands }) {
  const plotted = seriesList.flatMap((series) => series.points.map((point) => point.y));
  const floor = logAxisFloor(plotted);
  const datasets = [];

  for (const series of seriesList) {
    const points = series.points.map((point) => ({ x: point.x, y: point.y > 0 ? point.y : null, sigma: point.sigma }));
    if (bands) {
      datasets.push(...bandDatasets(series, points, floor));
    }
    datasets.push({
      hnlRole: 'line',
      label: series.label,
      data: points,
      borderColor: series.colour,
      backgroundColor: series.colour,
      borderDash: series.dash ?? [],
      borderWidth: 2,
      pointRadius: 3,
      spanGaps: false,
      errorBars: bands ? [] : points.filter((point) => point.y !== null && point.sigma > 0)
        .map((point) => ({ x: point.x, low: point.y - point.sigma, high: point.y + point.sigma })),
    });
  }

  chart.options.scales.y.min = floor;
  chart.data.datasets = datasets;
  refresh(chart);
}

function bandDatasets(series, points, floor) {
  const edge = (point, sign) => (point.y === null ? null : Math.max(point.y + sign * (point.sigma ?? 0), floor));
  const common = { hnlRole: 'band', borderWidth: 0, pointRadius: 0, pointHitRadius: 0, spanGaps: false };
  return [
    { ...common, label: `${series.label} +σ`, data: points.map((point) => ({ x: point.x, y: edge(point, 1) })), borderColor: series.colour, fill: false },
    {
      ...common,
      label: `${series.label} −σ`,
      data: points.map((point) => ({ x: point.x, y: edge(point, -1) })),
      borderColor: series.colour,
      backgroundColor: withAlpha(series.colour, 0.18),
      fill: '-1',
    },
  ];
}
