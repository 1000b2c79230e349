// Chart.js helpers shared by the analysis and compare pages. Chart.js 4 is loaded as a classic
// script (vendor/chart.umd.min.js) before the page modules, so it is read from window.Chart.
// Every chart is created once and later updated in place through the update* functions.

const Chart = window.Chart;

/** Chart instances by name, exposed so browser tests can read what each chart draws. */
export const charts = (window.hnlCharts ??= {});


export function cssColour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function seriesColour(index) {
  return cssColour(`--series-${(index % 8) + 1}`);
}

/** Converts a #rrggbb custom property value to rgba() with the given opacity. */
export function withAlpha(colour, alpha) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) {
    return colour;
  }
  const [red, green, blue] = match.slice(1).map((part) => parseInt(part, 16));
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`;
}

const dashPatterns = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 6]];

export function dashPattern(index) {
  return dashPatterns[index % dashPatterns.length];
}

// Paints the canvas background so exported PNGs are not transparent.
const backgroundPlugin = {
  id: 'hnlBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = cssColour('--chart-background');
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

// Draws vertical error bars listed in dataset.errorBars ({x | index, low, high}) and a downward
// triangle at the axis minimum for each x in dataset.floorMarks (yields clamped to the axis).
// Bars are cut at the axis minimum, which on a log axis also absorbs low ends at or below zero.
const errorBarPlugin = {
  id: 'hnlErrorBars',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
    ctx.clip();

    chart.data.datasets.forEach((dataset, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) {
        return;
      }
      const meta = chart.getDatasetMeta(datasetIndex);
      ctx.strokeStyle = dataset.borderColor;
      ctx.fillStyle = dataset.borderColor;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([]);
      for (const bar of dataset.errorBars ?? []) {
        const x = bar.x !== undefined ? scales.x.getPixelForValue(bar.x) : meta.data[bar.index]?.x;
        drawErrorBar(ctx, scales.y, x, bar.low, bar.high);
      }
      for (const markX of dataset.floorMarks ?? []) {
        drawFloorMark(ctx, scales.x.getPixelForValue(markX), chartArea.bottom);
      }
    });
    ctx.restore();
  },
};

function drawErrorBar(ctx, yScale, x, low, high) {
  if (x === undefined || !Number.isFinite(high) || high <= yScale.min) {
    return;
  }
  const clampedLow = Number.isFinite(low) && low > yScale.min ? low : yScale.min;
  const top = yScale.getPixelForValue(high);
  const bottom = yScale.getPixelForValue(clampedLow);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, bottom);
  ctx.moveTo(x - 3, top);
  ctx.lineTo(x + 3, top);
  if (clampedLow === low) {
    ctx.moveTo(x - 3, bottom);
    ctx.lineTo(x + 3, bottom);
  }
  ctx.stroke();
}

function drawFloorMark(ctx, x, bottom) {
  ctx.beginPath();
  ctx.moveTo(x - 4, bottom - 8);
  ctx.lineTo(x + 4, bottom - 8);
  ctx.lineTo(x, bottom - 1);
  ctx.closePath();
  ctx.fill();
}

Chart.register(backgroundPlugin, errorBarPlugin);
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = cssColour('--text-muted');
Chart.defaults.borderColor = cssColour('--grid');

/**
 * Returns a log-axis minimum: the largest 1, 2 or 5 times a power of ten at or below half the
 * smallest positive value, so points and band edges at or below zero can be drawn at it.
 */
export function logAxisFloor(values) {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  if (positive.length === 0) {
    return 0.1;
  }
  const target = Math.min(...positive) * 0.5;
  const decade = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((step) => step * decade).find((floor) => floor <= target * (1 + 1e-12));
}

function hideBandsFilter(item, data) {
  return data.datasets[item.datasetIndex]?.hnlRole !== 'band';
}

function baseOptions({ xTitle, yTitle, xType, yType }) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    // No animation: a chart caught mid-transition (a PNG download, a screenshot) would show lines away
    // from their error bars, and large analyses redraw faster without it.
    animation: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', intersect: false },
    scales: {
      x: { type: xType, title: { display: true, text: xTitle } },
      y: { type: yType, title: { display: true, text: yTitle } },
    },
    plugins: {
      legend: { labels: { filter: hideBandsFilter, boxHeight: 2 } },
      tooltip: { filter: (item) => item.dataset.hnlRole !== 'band' },
    },
  };
}

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

/** Returns the power of ten at or below a positive value, immune to log10 rounding just below a power. */
function decadeExponent(value) {
  return Math.floor(Math.log10(value) + 1e-9);
}

function isRoundTick(value) {
  const mantissa = value / 10 ** decadeExponent(value);
  return [1, 2, 5].some((round) => Math.abs(mantissa - round) < 1e-6);
}

/**
 * Keeps only the 1, 2 and 5 times a power of ten ticks of a log axis. An axis spanning too little
 * to hold two of them keeps every tick, so it is never left with a single label.
 */
function keepRoundLogTicks(scale) {
  if (scale.type !== 'logarithmic') {
    return;
  }
  const round = scale.ticks.filter((tick) => tick.value > 0 && isRoundTick(tick.value));
  if (round.length >= 2) {
    scale.ticks = round;
  }
}

/**
 * Formats a log-axis tick in one style for the whole axis: plain decimals from 0.001 to below
 * 10000 (0.05, 2, 500) and mantissa-exponent notation outside (1e4, 2e5, 5e-4).
 */
export function formatLogTick(value) {
  if (!(value > 0)) {
    return '';
  }
  const exponent = decadeExponent(value);
  if (exponent >= -3 && exponent < 4) {
    return String(Number(value.toPrecision(3)));
  }
  const mantissa = Number((value / 10 ** exponent).toPrecision(3));
  return `${mantissa}e${exponent}`;
}

function formatValue(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? Number(value.toPrecision(3)).toString() : value.toExponential(2);
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

function refresh(chart) {
  chart.update('none');
}

/** Saves a chart as PNG under fileName. */
export function downloadChartPng(chart, fileName) {
  const link = document.createElement('a');
  link.href = chart.toBase64Image('image/png', 1);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}
