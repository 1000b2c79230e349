// Home page: lists datasets, models and analyses, refreshing while an analysis is unfinished, and
// deletes them after a confirmation.
import {
  apiFetch, describeError, formatBytes, formatDate, html, renderHeader, setHtml, showMessage, statusBadge,
} from './common.js';

const refreshIntervalMs = 3000;
const message = document.getElementById('message');
let refreshTimer;
let latestLoad = 0;
let loadFailed = false;

renderHeader();
document.querySelector('main').addEventListener('click', onDeleteClick);
load();

async function onDeleteClick(event) {
  const button = event.target.closest('button[data-delete]');
  if (!button || !window.confirm(`Delete ${button.dataset.kind} "${button.dataset.name}"? This cannot be undone.`)) {
    return;
  }

  button.disabled = true;
  try {
    await apiFetch(button.dataset.delete, { method: 'DELETE' });
    await load();
    showMessage(message, `Deleted ${button.dataset.kind} "${button.dataset.name}".`, 'ok');
  } catch (error) {
    // For a dataset or model still used by analyses the API returns 409 with a message naming the count.
    button.disabled = false;
    showMessage(message, describeError(error));
  }
}

function deleteButton(kind, path, name) {
  return html`<button type="button" class="secondary small" data-delete="${path}" data-kind="${kind}" data-name="${name}">Delete</button>`;
}

async function load() {
  // A refresh that started before a deletion may finish after it, so only the latest load draws.
  const thisLoad = ++latestLoad;
  try {
    const [datasets, models, analyses] = await Promise.all([
      apiFetch('/api/datasets'),
      apiFetch('/api/models'),
      apiFetch('/api/analyses'),
    ]);
    if (thisLoad !== latestLoad) {
      return;
    }
    const datasetNames = new Map(datasets.map((dataset) => [dataset.id, dataset.name]));

    renderDatasets(datasets);
    renderModels(models);
    renderAnalyses(analyses, datasetNames);
    // Clear only a message a failed load left, not the outcome of a deletion.
    if (loadFailed) {
      showMessage(message, '');
      loadFailed = false;
    }

    // A load after a deletion must not start a second refresh chain beside the running one.
    clearTimeout(refreshTimer);
    if (analyses.some((analysis) => analysis.status === 'queued' || analysis.status === 'running')) {
      refreshTimer = setTimeout(load, refreshIntervalMs);
    }
  } catch (error) {
    if (thisLoad === latestLoad) {
      loadFailed = true;
      showMessage(message, describeError(error));
    }
  }
}

function renderDatasets(datasets) {
  const rows = datasets.map((dataset) => {
    const summary = dataset.summary ?? {};
    return html`<tr>
      <td>${dataset.name}</td>
      <td class="number">${(summary.rows ?? dataset.schema?.rowCount ?? 0).toLocaleString()}</td>
      <td>${(summary.channels ?? []).join(', ')}</td>
      <td>${(summary.signalMasses ?? []).length ? summary.signalMasses.join(', ') : 'one hypothesis'}</td>
      <td class="number">${formatBytes(dataset.sizeBytes)}</td>
      <td>${formatDate(dataset.createdAt)}</td>
      <td class="actions"><a href="/analyses-new.html?datasetId=${encodeURIComponent(dataset.id)}">Analyse</a>
        ${deleteButton('dataset', `/api/datasets/${encodeURIComponent(dataset.id)}`, dataset.name)}</td>
    </tr>`;
  });
  fillBody('datasets', rows, 7, 'No datasets yet.');
}

function renderModels(models) {
  const rows = models.map((model) => {
    const manifest = model.manifest ?? {};
    const featureCount = manifest.features?.length
      ?? (manifest.inputs ?? []).reduce((sum, input) => sum + input.features.length, 0);
    const kind = [model.isParametric ? 'parametric' : 'fixed mass', model.isModelSet ? `set of ${model.files.length}` : 'single']
      .join(', ');
    return html`<tr>
      <td>${model.name}</td>
      <td class="number">${featureCount}</td>
      <td>${kind}</td>
      <td>${(model.files ?? []).map((file) => file.fileName).join(', ')}</td>
      <td>${formatDate(model.createdAt)}</td>
      <td class="actions">${deleteButton('model', `/api/models/${encodeURIComponent(model.id)}`, model.name)}</td>
    </tr>`;
  });
  fillBody('models', rows, 6, 'No models yet.');
}

function renderAnalyses(analyses, datasetNames) {
  const rows = analyses.map((analysis) => html`<tr>
      <td><a href="/analysis.html?id=${encodeURIComponent(analysis.id)}">${analysis.name || analysis.id}</a></td>
      <td>${datasetNames.get(analysis.datasetId) ?? analysis.datasetId}</td>
      <td>${(analysis.discriminants ?? []).map((discriminant) => discriminant.name).join(', ')}</td>
      <td>${statusBadge(analysis)}</td>
      <td>${formatDate(analysis.createdAt)}</td>
      <td class="actions">${deleteButton('analysis', `/api/analyses/${encodeURIComponent(analysis.id)}`, analysis.name || analysis.id)}</td>
    </tr>`);
  fillBody('analyses', rows, 6, 'No analyses yet.');
}

function fillBody(tableId, rows, columnCount, emptyText) {
  const body = document.querySelector(`#${tableId} tbody`);
  if (rows.length === 0) {
    setHtml(body, html`<tr><td colspan="${columnCount}" class="muted">${emptyText}</td></tr>`);
    return;
  }
  setHtml(body, html`${rows}`);
}
