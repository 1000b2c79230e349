// Upload-a-dataset page: column roles, channel mapping, XHR upload with progress, errors in place.
import {
  apiHeaders, ApiError, clearFieldErrors, formatBytes, html, placeFieldErrors, problemSummary,
  renderHeader, setHtml, showMessage,
} from './common.js';

const defaultMapping = [['0', 'tee'], ['1', 'tem'], ['2', 'tmm'], ['3', 'tte'], ['4', 'ttm']];
// The server applies these defaults itself and drops an optional role whose default column is absent,
// whereas a name sent explicitly must exist. So only changed names are sent; an empty one means none.
const roleDefaults = {
  weightColumn: 'genWeight', labelColumn: 'signal_label', channelColumn: 'channel', massColumn: 'mass_hyp', eventColumn: 'event',
};
const roleFieldIds = Object.keys(roleDefaults);
// Reading this much of a CSV is enough for its header line.
const csvHeaderBytes = 64 * 1024;

const form = document.getElementById('dataset-form');
const message = document.getElementById('message');
const fileInput = document.getElementById('file');
const mappingRows = document.getElementById('mapping-rows');
const useDefaultMapping = document.getElementById('default-mapping');
const progressField = document.getElementById('upload-progress');
const progressBar = progressField.querySelector('.progress');
const uploadButton = document.getElementById('upload-button');

renderHeader();
defaultMapping.forEach(([value, name]) => addMappingRow(value, name));
useDefaultMapping.addEventListener('change', () => {
  document.getElementById('mapping-editor').hidden = useDefaultMapping.checked;
});
document.getElementById('add-mapping-row').addEventListener('click', () => addMappingRow('', ''));
fileInput.addEventListener('change', suggestColumnNames);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  upload();
});

function addMappingRow(value, name) {
  const row = document.createElement('tr');
  setHtml(row, html`
    <td><input type="text" class="mapping-value" value="${value}" aria-label="Value in the column"></td>
    <td><input type="text" class="mapping-name" value="${name}" aria-label="Channel name"></td>
    <td><button type="button" class="secondary" aria-label="Remove this value">Remove</button></td>`);
  row.querySelector('button').addEventListener('click', () => row.remove());
  mappingRows.append(row);
}

// Offers the CSV header's column names as suggestions in the role fields. Parquet keeps its schema
// in the file footer, so Parquet column names are first checked by the server on upload.
async function suggestColumnNames() {
  const file = fileInput.files[0];
  const datalist = document.getElementById('column-names');
  datalist.replaceChildren();
  if (!file || !/\.csv$/i.test(file.name)) {
    return;
  }

  const head = await file.slice(0, csvHeaderBytes).text();
  const columns = head.split(/\r?\n/, 1)[0].split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
  for (const column of columns) {
    const option = document.createElement('option');
    option.value = column;
    datalist.append(option);
  }
}

function readMapping() {
  if (useDefaultMapping.checked) {
    return null;
  }
  const mapping = {};
  for (const row of mappingRows.rows) {
    const value = row.querySelector('.mapping-value').value.trim();
    const name = row.querySelector('.mapping-name').value.trim();
    if (value || name) {
      mapping[value] = name;
    }
  }
  return mapping;
}

// A server error may be keyed by the column name the user typed, so each role field also matches
// its current value.
function refreshRoleErrorKeys() {
  for (const id of roleFieldIds) {
    const field = document.getElementById(id).closest('.field');
    field.dataset.baseErrorKeys ??= field.dataset.errorKeys;
    const value = document.getElementById(id).value.trim().replace(/\s+/g, '');
    field.dataset.errorKeys = value ? `${field.dataset.baseErrorKeys} ${value}` : field.dataset.baseErrorKeys;
  }
}

// Fields go first so that the server has the roles when the file arrives; it accepts either order.
function buildFormData() {
  const data = new FormData();
  const name = document.getElementById('name').value.trim();
  if (name) {
    data.append('name', name);
  }
  for (const id of roleFieldIds) {
    const value = document.getElementById(id).value.trim();
    if (value !== roleDefaults[id]) {
      data.append(id, value);
    }
  }
  const mapping = readMapping();
  if (mapping) {
    data.append('channelMapping', JSON.stringify(mapping));
  }
  data.append('file', fileInput.files[0]);
  return data;
}

function upload() {
  clearFieldErrors(form);
  showMessage(message, '');
  if (!fileInput.files[0]) {
    placeFieldErrors(form, { errors: { file: ['Choose a Parquet or CSV file to upload.'] } });
    return;
  }
  refreshRoleErrorKeys();

  const request = new XMLHttpRequest();
  request.open('POST', '/api/datasets');
  for (const [name, value] of Object.entries(apiHeaders())) {
    request.setRequestHeader(name, value);
  }
  request.upload.addEventListener('progress', (event) => showProgress(event.loaded, event.total));
  request.upload.addEventListener('load', () => setState('Upload complete: the server is checking the file…'));
  request.addEventListener('load', () => handleResponse(request));
  request.addEventListener('error', () => finish('The upload failed: the server could not be reached.'));

  uploadButton.disabled = true;
  progressField.hidden = false;
  showProgress(0, fileInput.files[0].size);
  setState('Uploading…');
  request.send(buildFormData());
}

function showProgress(loaded, total) {
  const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
  progressBar.firstElementChild.style.width = `${percent}%`;
  progressBar.setAttribute('aria-valuenow', String(percent));
  document.getElementById('upload-progress-text').textContent = `${percent}% of ${formatBytes(total)}`;
}

function handleResponse(request) {
  let body = null;
  try {
    body = JSON.parse(request.responseText);
  } catch {
    body = { title: request.statusText, detail: request.responseText.slice(0, 500) };
  }

  if (request.status === 201 || request.status === 200) {
    finish('');
    showResult(body);
    return;
  }

  const error = new ApiError(request.status, body);
  const unplaced = placeFieldErrors(form, body);
  finish(problemSummary(error, unplaced));
}

function finish(errorText) {
  uploadButton.disabled = false;
  setState('');
  showMessage(message, errorText);
}

function setState(text) {
  document.getElementById('upload-state').textContent = text;
}

function showResult(dataset) {
  const summary = dataset.summary ?? {};
  const groups = (summary.groups ?? []).map((group) => html`<tr>
      <td>${group.channel}</td><td>${group.label === 1 ? 'signal' : 'background'}</td>
      <td class="number">${group.events}</td><td class="number">${group.weightSum}</td>
      <td class="number">${group.negativeWeightSum}</td></tr>`);
  const result = document.getElementById('result');
  setHtml(document.getElementById('result-body'), html`
    <p class="message message-ok">Stored <strong>${dataset.name}</strong> with ${(summary.rows ?? 0).toLocaleString()} events.
      <a href="/analyses-new.html?datasetId=${encodeURIComponent(dataset.id)}">Start an analysis on it</a></p>
    <dl class="facts">
      <dt>Channels</dt><dd>${(summary.channels ?? []).join(', ') || '–'}</dd>
      <dt>Signal masses</dt><dd>${(summary.signalMasses ?? []).join(', ') || 'one hypothesis'}</dd>
      <dt>Numeric columns</dt><dd>${(summary.numericColumns ?? []).join(', ')}</dd>
      <dt>SHA-256</dt><dd>${dataset.sha256}</dd>
    </dl>
    <div class="table-wrap"><table>
      <thead><tr><th>Channel</th><th>Class</th><th class="number">Events</th><th class="number">Weight sum</th><th class="number">Negative weights</th></tr></thead>
      <tbody>${groups}</tbody>
    </table></div>`);
  result.hidden = false;
  result.dataset.datasetId = dataset.id;
}
