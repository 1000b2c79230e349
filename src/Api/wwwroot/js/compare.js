// Compare page: overlays the significance curves of several finished analyses of one dataset.
// The selection lives in the URL (?ids=a,b,c) so the comparison can be shared as a link.
import {
  apiFetch, copyText, describeError, formatNumber, html, queryParameter, renderHeader, setHtml, showMessage,
} from './common.js';
import {
  createBarChart, createSignificanceChart, dashPattern, downloadChartPng, seriesColour, updateBarChart,
  updateSignificanceChart,
} from './charts.js';
import { bestAverage, hasResult, isSingleMass, seriesFromCurves, singleMassBars } from './curves.js';

const message = document.getElementById('message');
const datasetSelect = document.getElementById('dataset');
const analysesById = new Map();
const curvesById = new Map();
let lineChart = null;
let barChart = null;
// Chosen ids in the order they were chosen (or listed in the URL), which sets colours and legend order.
let selection = [];

renderHeader();
start();

async function start() {
  datasetSelect.addEventListener('change', () => {
    selection = [];
    showAnalysesOf(datasetSelect.value);
  });
  document.querySelectorAll('input[name="curve-mode"]').forEach((radio) => radio.addEventListener('change', draw));
  document.getElementById('show-bands').addEventListener('change', draw);
  document.getElementById('copy-link').addEventListener('click', copyLink);
  document.getElementById('compare-png').addEventListener('click', () => {
    const chart = document.getElementById('bar-box').hidden ? lineChart : barChart;
    downloadChartPng(chart, 'comparison.png');
  });

  const requestedIds = (queryParameter('ids') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  try {
    const datasets = await apiFetch('/api/datasets');
    datasetSelect.replaceChildren(new Option('Choose a dataset…', ''), ...datasets.map((dataset) => new Option(dataset.name, dataset.id)));

    const first = requestedIds.length ? await apiFetch(`/api/analyses/${encodeURIComponent(requestedIds[0])}`) : null;
    if (first) {
      selection = requestedIds;
      datasetSelect.value = first.datasetId;
      await showAnalysesOf(first.datasetId);
    }
  } catch (error) {
    showMessage(message, describeError(error));
  }
}

async function showAnalysesOf(datasetId) {
  const container = document.getElementById('analysis-choices');
  if (!datasetId) {
    setHtml(container, html`<span class="muted small">Choose a dataset.</span>`);
    return;
  }

  const analyses = (await apiFetch(`/api/analyses?datasetId=${encodeURIComponent(datasetId)}`))
    .filter((analysis) => analysis.status === 'succeeded');
  analyses.forEach((analysis) => analysesById.set(analysis.id, analysis));
  const items = analyses.map((analysis) => html`<label>
      <input type="checkbox" class="analysis-choice" value="${analysis.id}" ${selection.includes(analysis.id) ? html`checked` : ''}>
      ${analysis.name || analysis.id.slice(0, 8)} <span class="muted small">(${(analysis.discriminants ?? []).map((item) => item.name).join(', ')})</span>
    </label>`);
  setHtml(container, items.length ? html`${items}` : html`<span class="muted small">No finished analysis of this dataset yet.</span>`);
  selection = selection.filter((id) => analyses.some((analysis) => analysis.id === id));
  container.querySelectorAll('input').forEach((input) => input.addEventListener('change', () => {
    selection = input.checked ? [...selection, input.value] : selection.filter((id) => id !== input.value);
    selectionChanged();
  }));
  await selectionChanged();
}

function selectedIds() {
  return selection;
}

async function selectionChanged() {
  const ids = selectedIds();
  const url = new URL(location.href);
  // Ids are GUIDs, so the commas can stay unescaped and the link stays readable.
  url.search = ids.length ? `?ids=${ids.map(encodeURIComponent).join(',')}` : '';
  history.replaceState(null, '', url);
  document.getElementById('compare-url').value = url.href;

  try {
    await Promise.all(ids.filter((id) => !curvesById.has(id)).map(async (id) => {
      curvesById.set(id, await apiFetch(`/api/analyses/${encodeURIComponent(id)}/curves`));
    }));
  } catch (error) {
    showMessage(message, `The curves could not be loaded: ${describeError(error)}`);
    return;
  }
  draw();
}

function analysisLabel(id) {
  const analysis = analysesById.get(id);
  return analysis?.name || id.slice(0, 8);
}

function draw() {
  const ids = selectedIds();
  document.getElementById('compare-card').hidden = ids.length === 0;
  document.getElementById('ranking-card').hidden = ids.length === 0;
  if (ids.length === 0) {
    return;
  }

  const selected = ids.map((id) => ({ id, curves: curvesById.get(id) }));
  if (selected.every((item) => isSingleMass(item.curves))) {
    drawBars(selected);
  } else {
    drawLines(selected);
  }
  renderRanking(selected);
  document.body.dataset.compared = ids.join(',');
}

function drawLines(selected) {
  const mode = document.querySelector('input[name="curve-mode"]:checked').value;
  let colourIndex = 0;
  const series = selected.flatMap(({ id, curves }, analysisIndex) => seriesFromCurves(curves, mode).map((item) => ({
    ...item,
    label: `${analysisLabel(id)} · ${item.label}`,
    colour: seriesColour(colourIndex++),
    dash: dashPattern(analysisIndex),
  })));

  document.getElementById('line-box').hidden = false;
  document.getElementById('bar-box').hidden = true;
  document.getElementById('curve-mode').hidden = false;
  lineChart ??= createSignificanceChart(document.getElementById('compare-chart'), 'compare');
  updateSignificanceChart(lineChart, series, { bands: document.getElementById('show-bands').checked });
  document.getElementById('compare-note').textContent = 'Line style marks the analysis; both axes are logarithmic.';
}

// Single-hypothesis analyses: one bar group per category, one bar per analysis and discriminant.
function drawBars(selected) {
  let colourIndex = 0;
  let categories = [];
  const series = selected.flatMap(({ id, curves }) => {
    const bars = singleMassBars(curves);
    categories = bars.categories.length > categories.length ? bars.categories : categories;
    return bars.series.map((item) => ({ ...item, label: `${analysisLabel(id)} · ${item.label}`, colour: seriesColour(colourIndex++) }));
  });

  document.getElementById('line-box').hidden = true;
  document.getElementById('bar-box').hidden = false;
  document.getElementById('curve-mode').hidden = true;
  barChart ??= createBarChart(document.getElementById('compare-bars'), 'compareBars');
  updateBarChart(barChart, categories, series);
  document.getElementById('compare-note').textContent = 'One mass hypothesis: bars with their uncertainties.';
}

function renderRanking(selected) {
  const entries = selected.flatMap(({ id, curves }) => curves.discriminants.map((discriminant) => ({ id, curves, discriminant })));
  // A discriminant without any result has area 0 from the API; it is listed last and unranked.
  const sortArea = ({ discriminant }) => (hasResult(discriminant) ? discriminant.area ?? -Infinity : -Infinity);
  entries.sort((left, right) => sortArea(right) - sortArea(left) || Number(hasResult(right.discriminant)) - Number(hasResult(left.discriminant)));

  const rows = entries.map(({ id, discriminant }, index) => {
    const spec = analysesById.get(id)?.spec ?? {};
    const ranked = hasResult(discriminant);
    const best = bestAverage(discriminant);
    return html`<tr>
      <td class="number">${ranked ? index + 1 : '–'}</td>
      <td><a href="/analysis.html?id=${encodeURIComponent(id)}">${analysisLabel(id)}</a></td>
      <td>${discriminant.name}</td>
      <td>${spec.binning?.strategy ?? '–'} ${spec.binning?.maxRelativeUncertainty ?? ''} · ${spec.formula ?? '–'}</td>
      <td class="number">${ranked ? formatNumber(discriminant.area, 4) : 'no result'}</td>
      <td class="number">${formatNumber(best?.value)}</td>
      <td>${best?.mass ?? (best ? 'single hypothesis' : '–')}</td>
    </tr>`;
  });
  setHtml(document.querySelector('#ranking tbody'), html`${rows}`);

  const massSets = new Set(selected.map(({ curves }) => curves.masses.join(',')));
  document.getElementById('ranking-note').textContent = massSets.size > 1
    ? 'The chosen analyses cover different mass hypotheses, so their areas are not directly comparable.'
    : 'Areas under the average significance curve over the same mass hypotheses.';
}

async function copyLink() {
  const input = document.getElementById('compare-url');
  try {
    await copyText(input.value || location.href, input);
    document.getElementById('copy-state').textContent = 'Link copied.';
  } catch {
    input.select();
    document.getElementById('copy-state').textContent = 'Copy the selected link with Ctrl+C.';
  }
}
