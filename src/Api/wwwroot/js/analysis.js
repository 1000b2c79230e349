// Analysis page, also served at /s/{token} for share links: progress while the analysis runs, then
// the significance chart, the ranking and the histogram viewer.
import {
  ApiError, apiFetch, copyText, describeError, downloadFromApi, formatDate, formatNumber, html, isSharePage, queryParameter,
  renderHeader, setHtml, shareTokenFromPath, showMessage, statusBadge,
} from './common.js';
import {
  createBarChart, createHistogramChart, createSignificanceChart, cssColour, dashPattern, downloadChartPng, seriesColour,
  updateBarChart, updateHistogramChart, updateSignificanceChart,
} from './charts.js';
import { bestAverage, hasResult, isSingleMass, seriesFromCurves, singleMassBars } from './curves.js';

const pollIntervalMs = 1000;
const message = document.getElementById('message');
const shareToken = shareTokenFromPath();
const analysisId = queryParameter('id');
const apiBase = shareToken
  ? `/api/shared/${encodeURIComponent(shareToken)}`
  : `/api/analyses/${encodeURIComponent(analysisId ?? '')}`;

let analysis = null;
let curves = null;
let significanceChart = null;
let histogramChart = null;
const histogramCache = new Map();
let histogramRequest = 0;

renderHeader();
start();

async function start() {
  if (!shareToken && !analysisId) {
    showMessage(message, 'No analysis chosen: open this page from the list on the home page.');
    return;
  }
  bindControls();
  await poll();
}

function bindControls() {
  document.getElementById('export-json').addEventListener('click', () => exportAs('json'));
  document.getElementById('export-csv').addEventListener('click', () => exportAs('csv'));
  document.getElementById('copy-share').addEventListener('click', copyShareLink);
  document.getElementById('cancel-button').addEventListener('click', cancel);
  document.querySelectorAll('input[name="curve-mode"]').forEach((radio) => radio.addEventListener('change', drawSignificance));
  document.getElementById('significance-png').addEventListener('click', () => downloadChartPng(significanceChart, `${fileStem()}-significance.png`));
  document.getElementById('histogram-png').addEventListener('click', () => downloadChartPng(histogramChart, `${fileStem()}-histogram.png`));
  for (const id of ['histogram-discriminant', 'histogram-channel', 'histogram-mass', 'histogram-log']) {
    document.getElementById(id).addEventListener('change', showHistogram);
  }
}

// Re-reads the analysis until it stops, then loads its results once.
async function poll() {
  try {
    analysis = await apiFetch(apiBase);
  } catch (error) {
    showLoadError(error);
    return;
  }

  renderOverview();
  if (analysis.status === 'queued' || analysis.status === 'running') {
    setTimeout(poll, pollIntervalMs);
    return;
  }
  if (analysis.status === 'succeeded') {
    await loadResults();
  }
}

// A 404 means that no analysis has this token or id, or that it was deleted, possibly while this
// page polled it. The overview and result cards are hidden, so no stale data remains on screen.
function showLoadError(error, prefix = '') {
  if (error instanceof ApiError && error.status === 404) {
    for (const id of ['overview', 'significance-card', 'ranking-card', 'histogram-card']) {
      document.getElementById(id).hidden = true;
    }
    document.body.dataset.status = 'not-found';
    showMessage(message, shareToken
      ? 'This share link is not valid or the analysis was deleted.'
      : 'This analysis does not exist or was deleted. Open one from the list on the home page.');
    return;
  }
  showMessage(message, prefix + describeError(error));
}

function renderOverview() {
  document.getElementById('overview').hidden = false;
  document.body.dataset.status = analysis.status;
  document.getElementById('title').textContent = analysis.name || 'Analysis';
  document.title = `${analysis.name || 'Analysis'} · HnlService`;
  setHtml(document.getElementById('status-badge'), statusBadge(analysis));

  const running = analysis.status === 'queued' || analysis.status === 'running';
  const percent = Math.round((analysis.progress ?? 0) * 100);
  document.getElementById('progress-block').hidden = !running;
  document.getElementById('progress-fill').style.width = `${percent}%`;
  document.querySelector('#progress-block .progress').setAttribute('aria-valuenow', String(percent));
  document.getElementById('progress-text').textContent = `Stage: ${analysis.stage ?? 'queued'} · ${percent}%`;
  document.getElementById('stage-text').textContent = running ? `stage: ${analysis.stage ?? 'queued'}` : '';
  document.getElementById('cancel-button').hidden = isSharePage() || !running;

  const errorBox = document.getElementById('analysis-error');
  errorBox.hidden = !analysis.error;
  errorBox.textContent = analysis.error ? `The analysis failed: ${analysis.error.detail || analysis.error.title || analysis.error.code}` : '';

  document.getElementById('share-url').value = shareUrl();
  renderFacts();
}

function renderFacts() {
  const spec = analysis.spec ?? {};
  const binning = spec.binning ?? {};
  const timings = analysis.timings ?? {};
  const timingText = ['loading', 'scoring', 'binning', 'saving']
    .filter((stage) => Number.isFinite(timings[`${stage}Ms`]))
    .map((stage) => `${stage} ${timings[`${stage}Ms`]} ms`).join(', ');
  const compareLink = isSharePage() ? '' : html` · <a href="/compare.html?ids=${encodeURIComponent(analysis.id)}">compare with other analyses</a>`;

  setHtml(document.getElementById('spec-facts'), html`
    <dt>Binning</dt><dd>${binning.strategy ?? '–'}, maximum relative uncertainty ${binning.maxRelativeUncertainty ?? '–'}${binning.strategy === 'equal-signal' ? `, from ${binning.initialBins} bins` : ''}</dd>
    <dt>Formula</dt><dd>${spec.formula ?? '–'}</dd>
    <dt>Channels</dt><dd>${spec.channels?.length ? spec.channels.join(', ') : 'all'}</dd>
    <dt>Masses</dt><dd>${spec.masses?.length ? spec.masses.join(', ') : 'all'}</dd>
    <dt>Created</dt><dd>${formatDate(analysis.createdAt)}${analysis.finishedAt ? ` · finished ${formatDate(analysis.finishedAt)}` : ''}${compareLink}</dd>
    <dt>Timings</dt><dd>${timingText || '–'}</dd>`);
}

function shareUrl() {
  if (isSharePage()) {
    return location.href;
  }
  return analysis.shareUrl || `${location.origin}/s/${analysis.shareToken}`;
}

async function copyShareLink() {
  const state = document.getElementById('copy-state');
  try {
    await copyText(shareUrl(), document.getElementById('share-url'));
    state.textContent = 'Link copied.';
  } catch {
    document.getElementById('share-url').select();
    state.textContent = 'Copy the selected link with Ctrl+C.';
  }
}

async function cancel() {
  try {
    await apiFetch(`${apiBase}/cancel`, { method: 'POST' });
  } catch (error) {
    showMessage(message, describeError(error));
  }
}

async function exportAs(format) {
  try {
    await downloadFromApi(`${apiBase}/export?format=${format}`, `${fileStem()}.${format}`);
  } catch (error) {
    showMessage(message, describeError(error));
  }
}

function fileStem() {
  const name = (analysis?.name || `analysis-${analysis?.id ?? 'shared'}`).replace(/[^\w.-]+/g, '_');
  return name.slice(0, 80);
}

async function loadResults() {
  try {
    curves = await apiFetch(`${apiBase}/curves`);
  } catch (error) {
    showLoadError(error, 'The results could not be loaded: ');
    return;
  }

  for (const id of ['significance-card', 'ranking-card', 'histogram-card']) {
    document.getElementById(id).hidden = false;
  }
  const canvas = document.getElementById('significance-chart');
  significanceChart = isSingleMass(curves) ? createBarChart(canvas, 'significance') : createSignificanceChart(canvas, 'significance');
  histogramChart = createHistogramChart(document.getElementById('histogram-chart'), 'histogram');

  drawSignificance();
  renderRanking();
  fillHistogramControls();
  await showHistogram();
  document.body.dataset.results = 'ready';
}

function drawSignificance() {
  const note = document.getElementById('significance-note');
  if (isSingleMass(curves)) {
    document.getElementById('curve-mode').hidden = true;
    const { categories, series } = singleMassBars(curves);
    const styled = series.map((item) => ({ ...item, colour: seriesColour(item.discriminantIndex) }));
    updateBarChart(significanceChart, categories, styled);
    note.textContent = 'One mass hypothesis: bars show the significance per channel, their average and their quadrature combination, with uncertainties.';
    return;
  }

  const mode = document.querySelector('input[name="curve-mode"]:checked').value;
  const perChannel = mode === 'channels';
  const series = seriesFromCurves(curves, mode).map((item) => ({
    ...item,
    colour: seriesColour(perChannel ? item.channelIndex : item.discriminantIndex),
    dash: perChannel ? dashPattern(item.discriminantIndex) : [],
  }));
  updateSignificanceChart(significanceChart, series, { bands: !perChannel });
  note.textContent = perChannel
    ? 'Colour marks the channel and the line style the discriminant; bars show each point\'s uncertainty. Channels without signal or background leave gaps.'
    : 'Shaded bands show ±1σ; both axes are logarithmic. Masses where no channel has a result leave gaps.';
}

// A discriminant without any result is listed last and unranked, whatever rank the API gave it.
function renderRanking() {
  const rankOf = (discriminant) => (hasResult(discriminant) ? discriminant.rank ?? Infinity : Infinity);
  const rows = [...curves.discriminants]
    .sort((left, right) => rankOf(left) - rankOf(right) || Number(hasResult(right)) - Number(hasResult(left)))
    .map((discriminant) => {
      if (!hasResult(discriminant)) {
        return html`<tr class="no-result">
          <td class="number">–</td>
          <td>${discriminant.name}</td>
          <td>${discriminant.kind}</td>
          <td class="number">no result</td>
          <td class="number">–</td>
          <td>–</td>
        </tr>`;
      }
      const best = bestAverage(discriminant);
      return html`<tr>
        <td class="number">${discriminant.rank ?? '–'}</td>
        <td>${discriminant.name}</td>
        <td>${discriminant.kind}</td>
        <td class="number">${formatNumber(discriminant.area, 4)}</td>
        <td class="number">${formatNumber(best?.value)}</td>
        <td>${best?.mass ?? (best ? 'single hypothesis' : '–')}</td>
      </tr>`;
    });
  setHtml(document.querySelector('#ranking tbody'), html`${rows}`);
}

function fillHistogramControls() {
  fillSelect('histogram-discriminant', curves.discriminants.map((discriminant) => discriminant.name));
  fillSelect('histogram-channel', curves.channels);
  const masses = curves.masses.filter((mass) => mass !== null);
  document.getElementById('histogram-mass-label').hidden = masses.length === 0;
  fillSelect('histogram-mass', masses.map(String));
}

function fillSelect(id, values) {
  const select = document.getElementById(id);
  select.replaceChildren(...values.map((value) => new Option(value, value)));
}

async function showHistogram() {
  const discriminant = document.getElementById('histogram-discriminant').value;
  const channel = document.getElementById('histogram-channel').value;
  const mass = document.getElementById('histogram-mass-label').hidden ? '' : document.getElementById('histogram-mass').value;
  const key = `${discriminant}|${channel}|${mass}`;

  // Selections can change faster than responses arrive; only the latest request may draw.
  const request = ++histogramRequest;
  let histogram = histogramCache.get(key);
  if (!histogram) {
    const query = new URLSearchParams({ discriminant, channel });
    if (mass !== '') {
      query.set('mass', mass);
    }
    try {
      histogram = await apiFetch(`${apiBase}/histograms?${query}`);
    } catch (error) {
      if (request === histogramRequest) {
        document.getElementById('histogram-note').textContent = `The histogram could not be loaded: ${describeError(error)}`;
      }
      return;
    }
    histogramCache.set(key, histogram);
  }

  if (request !== histogramRequest) {
    return;
  }

  drawHistogram(histogram, discriminant);
  document.body.dataset.histogram = key;
}

function drawHistogram(histogram, discriminant) {
  const note = document.getElementById('histogram-note');
  const edges = histogram.edges ?? [];
  const logarithmic = document.getElementById('histogram-log').checked;
  if (edges.length < 2) {
    updateHistogramChart(histogramChart, [0, 1], [], { logarithmic, xTitle: discriminant });
    note.textContent = `No histogram: the outcome for this channel and mass is ${histogram.outcome}.`;
    return;
  }

  const series = [
    { label: 'Background', colour: cssColour('--background-process'), values: histogram.background, errors: histogram.backgroundError },
    { label: 'Signal', colour: cssColour('--signal'), values: histogram.signal, errors: histogram.signalError },
  ];
  const clamped = updateHistogramChart(histogramChart, edges, series, { logarithmic, xTitle: discriminant });

  const parts = [
    `${edges.length - 1} bins`,
    `outcome ${histogram.outcome}`,
    `Z = ${formatNumber(histogram.significance)} ± ${formatNumber(histogram.uncertainty)}`,
  ];
  if (clamped > 0) {
    parts.push(`${clamped} bin yield(s) at or below zero drawn at the axis minimum (▼)`);
  }
  note.textContent = parts.join(' · ');
}
