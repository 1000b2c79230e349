// New-analysis page: dataset, discriminants, channels, masses, binning and formula; errors in place.
import {
  apiFetch, clearFieldErrors, describeError, html, placeFieldErrors, problemSummary, queryParameter,
  renderHeader, setHtml, showMessage,
} from './common.js';

const form = document.getElementById('analysis-form');
const message = document.getElementById('message');
const datasetSelect = document.getElementById('dataset');
const datasets = new Map();
let models = [];

renderHeader();
load();
datasetSelect.addEventListener('change', showDatasetChoices);
document.getElementById('column-filter').addEventListener('input', filterColumns);
document.getElementById('strategy').addEventListener('change', () => {
  document.getElementById('initial-bins').disabled = document.getElementById('strategy').value !== 'equal-signal';
});
document.getElementById('initial-bins').disabled = true;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  start();
});

async function load() {
  try {
    const [datasetList, modelList] = await Promise.all([apiFetch('/api/datasets'), apiFetch('/api/models')]);
    models = modelList;
    datasetSelect.replaceChildren();
    for (const dataset of datasetList) {
      datasets.set(dataset.id, dataset);
      datasetSelect.append(new Option(`${dataset.name} (${(dataset.summary?.rows ?? 0).toLocaleString()} events)`, dataset.id));
    }
    if (datasetList.length === 0) {
      datasetSelect.append(new Option('No dataset yet: upload one first', ''));
    }

    const requested = queryParameter('datasetId');
    if (requested && datasets.has(requested)) {
      datasetSelect.value = requested;
    }
    showDatasetChoices();
  } catch (error) {
    showMessage(message, describeError(error));
  }
}

function roleColumns(dataset) {
  return new Set(Object.values(dataset.roles ?? {}).filter(Boolean));
}

function numericColumns(dataset) {
  const columns = dataset.summary?.numericColumns
    ?? (dataset.schema?.columns ?? []).filter((column) => column.isNumericFeature).map((column) => column.name);
  const roles = roleColumns(dataset);
  return columns.filter((column) => !roles.has(column));
}

function showDatasetChoices() {
  const dataset = datasets.get(datasetSelect.value);
  if (!dataset) {
    return;
  }
  const summary = dataset.summary ?? {};
  const masses = summary.signalMasses ?? [];
  document.getElementById('dataset-summary').textContent =
    `${(summary.rows ?? 0).toLocaleString()} events, ${(summary.channels ?? []).length} channels, `
    + (masses.length ? `${masses.length} mass hypotheses` : 'one hypothesis (no mass column)');

  renderModelChoices(dataset);
  renderColumnChoices(dataset);
  renderChecks('channel-choices', 'channel', summary.channels ?? [], 'Every event is in one channel.');
  renderChecks('mass-choices', 'mass', masses, 'The dataset has no mass column: all signal forms one hypothesis.');
}

function renderModelChoices(dataset) {
  const available = new Set((dataset.schema?.columns ?? []).map((column) => column.name));
  const items = models.map((model) => {
    const missing = (model.requiredColumns ?? []).filter((column) => available.size && !available.has(column));
    const note = missing.length ? `missing columns: ${missing.join(', ')}` : '';
    return html`<div class="check-item" data-kind="model" data-value="${model.id}" data-required-columns="${(model.requiredColumns ?? []).join(' ')}">
      <label><input type="checkbox" class="discriminant" data-kind="model" value="${model.id}"> ${model.name}</label>
      <span class="hint">${note}</span>
      <p class="field-error" hidden></p>
    </div>`;
  });
  setHtml(document.getElementById('model-choices'),
    items.length ? html`${items}` : html`<span class="muted small">No models yet. <a href="/models-new.html">Upload one</a>.</span>`);
}

function renderColumnChoices(dataset) {
  const columns = numericColumns(dataset);
  // The notebook's baseline discriminant comes first and is chosen by default.
  columns.sort((left, right) => (right === 'Mt_tot') - (left === 'Mt_tot'));
  const items = columns.map((column) => html`<div class="check-item" data-kind="column" data-value="${column}">
      <label><input type="checkbox" class="discriminant" data-kind="column" value="${column}" ${column === 'Mt_tot' ? html`checked` : ''}> ${column}</label>
      <p class="field-error" hidden></p>
    </div>`);
  setHtml(document.getElementById('column-choices'), html`${items}`);
  filterColumns();
}

function filterColumns() {
  const filter = document.getElementById('column-filter').value.trim().toLowerCase();
  document.querySelectorAll('#column-choices .check-item').forEach((item) => {
    const checked = item.querySelector('input').checked;
    item.hidden = !checked && filter !== '' && !item.dataset.value.toLowerCase().includes(filter);
  });
}

function renderChecks(containerId, kind, values, emptyText) {
  const items = values.map((value) => html`<div class="check-item" data-kind="${kind}">
      <label><input type="checkbox" class="${kind}" value="${value}" checked> ${value}</label>
      <p class="field-error" hidden></p>
    </div>`);
  setHtml(document.getElementById(containerId), items.length ? html`${items}` : html`<span class="muted small">${emptyText}</span>`);
}

/**
 * Builds the request and tags each chosen item with the error keys the server uses for it
 * (discriminants[i], channels[i], masses[i]), so a 422 lands next to the right checkbox.
 */
function buildSpec() {
  const chosen = [...form.querySelectorAll('input.discriminant:checked')];
  const discriminants = chosen.map((input, index) => {
    const item = input.closest('.check-item');
    // A model's errors may also be keyed by one of its features.
    item.dataset.errorKeys = `discriminants[${index}] ${input.value} ${item.dataset.requiredColumns ?? ''}`.trim();
    return input.dataset.kind === 'model' ? { modelId: input.value } : { column: input.value };
  });
  form.querySelectorAll('input.discriminant:not(:checked)').forEach((input) => delete input.closest('.check-item').dataset.errorKeys);

  const spec = {
    datasetId: datasetSelect.value,
    discriminants,
    binning: {
      strategy: document.getElementById('strategy').value,
      maxRelativeUncertainty: Number(document.getElementById('threshold').value),
      initialBins: Number(document.getElementById('initial-bins').value),
    },
    formula: document.getElementById('formula').value,
  };
  const name = document.getElementById('name').value.trim();
  if (name) {
    spec.name = name;
  }

  const channels = chosenSubset('channel', 'channels', (value) => value);
  if (channels) {
    spec.channels = channels;
  }
  const masses = chosenSubset('mass', 'masses', Number);
  if (masses) {
    spec.masses = masses;
  }
  return spec;
}

// Returns the checked values, or null when all are checked (the API's default is "all").
function chosenSubset(kind, errorKey, convert) {
  const all = [...form.querySelectorAll(`input.${kind}`)];
  const checked = all.filter((input) => input.checked);
  all.forEach((input) => delete input.closest('.check-item').dataset.errorKeys);
  if (checked.length === all.length) {
    return null;
  }
  checked.forEach((input, index) => {
    input.closest('.check-item').dataset.errorKeys = `${errorKey}[${index}]`;
  });
  return checked.map((input) => convert(input.value));
}

async function start() {
  clearFieldErrors(form);
  showMessage(message, '');
  const button = document.getElementById('start-button');
  button.disabled = true;
  document.getElementById('start-state').textContent = 'Checking the request…';

  try {
    const analysis = await apiFetch('/api/analyses', { method: 'POST', body: buildSpec() });
    location.href = `/analysis.html?id=${encodeURIComponent(analysis.id)}`;
  } catch (error) {
    const unplaced = placeFieldErrors(form, error.problem);
    showMessage(message, problemSummary(error, unplaced));
    button.disabled = false;
    document.getElementById('start-state').textContent = '';
  }
}
