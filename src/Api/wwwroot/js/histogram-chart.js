// The histogram viewer: signal and background yields per bin as steps with error bars.
import { Chart, baseOptions, charts, refresh } from './chart-base.js';
import { formatLogTick, formatValue, keepRoundLogTicks, logAxisFloor } from './chart-axes.js';

/** Creates the histogram chart: a linear axis for the discriminant and a log axis for yields. */
export function createHistogramChart(canvas, name) {
  const options = baseOptions({ xTitle: 'Discriminant', yTitle: 'Weighted events per bin', xType: 'linear', yType: 'logarithmic' });
  options.interaction = { mode: 'nearest', axis: 'x', intersect: false };
  options.plugins.tooltip.callbacks = {
    title: (items) => binTitle(items[0]),
    label: (item) => binLabel(item),
  };
  // The x axis spans exactly the first to the last edge. Its ticks stay at round values inside that
  // range, because labels at the two edges themselves are long and would crowd their neighbours.
  options.scales.x.ticks = { includeBounds: false, maxTicksLimit: 9 };
  options.scales.y.afterBuildTicks = keepRoundLogTicks;
  options.scales.y.ticks = {
    // `this` is the scale, whose type follows the log-scale checkbox.
    callback(value) {
      return this.type === 'logarithmic' ? formatLogTick(value) : formatValue(value);
    },
  };

  charts[name] = new Chart(canvas, { type: 'line', data: { datasets: [] }, options });
  return charts[name];
}

function binTitle(item) {
  const bin = item?.raw.bin;
  return bin ? `bin ${bin.index + 1}: [${formatValue(bin.low)}, ${formatValue(bin.high)}${bin.last ? ']' : ')'}` : '';
}

function binLabel(item) {
  const bin = item.raw.bin;
  return bin ? `${item.dataset.label}: ${formatValue(bin.value)} ± ${formatValue(bin.error)}` : '';
}

/**
 * Draws histogram series ({label, colour, values, errors}) over shared edges as steps: N bins use
 * N + 1 edges and the last value is repeated at the last edge, so the last bin keeps its width.
 * On a log axis, bins whose yield is zero or negative are drawn at the axis minimum and marked
 * with a triangle. Returns the number of bins so clamped.
 */
export function updateHistogramChart(chart, edges, seriesList, { logarithmic, xTitle }) {
  const allValues = seriesList.flatMap((series) => series.values);
  const floor = logarithmic ? logAxisFloor(allValues) : undefined;
  let clamped = 0;

  chart.data.datasets = seriesList.map((series) => {
    const centres = series.values.map((_, index) => (edges[index] + edges[index + 1]) / 2);
    const drawnValues = series.values.map((value) => (logarithmic && !(value > 0) ? floor : value));
    const floorMarks = logarithmic ? centres.filter((_, index) => !(series.values[index] > 0)) : [];
    clamped += floorMarks.length;

    const data = drawnValues.map((value, index) => ({ x: edges[index], y: value, bin: describeBin(series, edges, index) }));
    data.push({ x: edges[edges.length - 1], y: drawnValues[drawnValues.length - 1], bin: null });

    return {
      hnlRole: 'line',
      label: series.label,
      data,
      // Chart.js 4 'before' draws each segment flat at the previous point's value, then steps.
      stepped: 'before',
      borderColor: series.colour,
      backgroundColor: series.colour,
      borderWidth: 2,
      pointRadius: 0,
      errorBars: series.values.map((value, index) => ({ x: centres[index], low: value - series.errors[index], high: value + series.errors[index] }))
        .filter((bar, index) => series.errors[index] > 0 && (!logarithmic || series.values[index] > 0)),
      floorMarks,
    };
  });

  chart.options.scales.y.type = logarithmic ? 'logarithmic' : 'linear';
  chart.options.scales.y.min = floor;
  chart.options.scales.x.title.text = xTitle;
  chart.options.scales.x.min = edges[0];
  chart.options.scales.x.max = edges[edges.length - 1];
  refresh(chart);
  return clamped;
}

function describeBin(series, edges, index) {
  return {
    index,
    low: edges[index],
    high: edges[index + 1],
    last: index === edges.length - 2,
    value: series.values[index],
    error: series.errors[index],
  };
}
