// Chart.js set-up shared by every chart: the registry browser tests read, series colours and dashes,
// the background and error-bar plugins, and the options all charts start from. Chart.js 4 is loaded
// as a classic script (vendor/chart.umd.min.js) before the page modules, so it is read from window.Chart.

export const Chart = window.Chart;

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

function hideBandsFilter(item, data) {
  return data.datasets[item.datasetIndex]?.hnlRole !== 'band';
}

export function baseOptions({ xTitle, yTitle, xType, yType }) {
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

export function refresh(chart) {
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
