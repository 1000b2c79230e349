// Upload-a-model page: ONNX files plus a manifest built from the form, pasted, or left to the file.
import {
  apiFetch, apiHeaders, ApiError, clearFieldErrors, describeError, html, parseNumberList, placeFieldErrors,
  problemSummary, renderHeader, setHtml, showMessage, splitList,
} from './common.js';

const form = document.getElementById('model-form');
const message = document.getElementById('message');
const filesInput = document.getElementById('files');
const featuresInput = document.getElementById('features');
const massFeatureSelect = document.getElementById('mass-feature');
const memberRows = document.getElementById('member-rows');
const datasetSelect = document.getElementById('feature-dataset');
const datasets = new Map();

renderHeader();
loadDatasets();
filesInput.addEventListener('change', fillMembersFromFiles);
featuresInput.addEventListener('input', refreshMassFeatureOptions);
datasetSelect.addEventListener('change', showDatasetColumns);
document.getElementById('clear-features').addEventListener('click', () => {
  featuresInput.value = '';
  refreshMassFeatureOptions();
});
form.querySelectorAll('input[name="manifest-source"]').forEach((radio) => radio.addEventListener('change', showManifestSource));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  upload();
});

async function loadDatasets() {
  try {
    for (const dataset of await apiFetch('/api/datasets')) {
      datasets.set(dataset.id, dataset);
      const option = document.createElement('option');
      option.value = dataset.id;
      option.textContent = dataset.name;
      datasetSelect.append(option);
    }
  } catch (error) {
    showMessage(message, `The dataset list could not be loaded: ${describeError(error)}`);
  }
}

function showDatasetColumns() {
  const picker = document.getElementById('column-picker');
  const dataset = datasets.get(datasetSelect.value);
  picker.replaceChildren();
  if (!dataset) {
    return;
  }

  const columns = dataset.summary?.numericColumns
    ?? (dataset.schema?.columns ?? []).filter((column) => column.isNumericFeature).map((column) => column.name);
  for (const column of columns) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = column;
    button.title = 'Append to the feature list';
    button.addEventListener('click', () => appendFeature(column));
    picker.append(button);
  }
}

function appendFeature(column) {
  const features = splitList(featuresInput.value);
  features.push(column);
  featuresInput.value = features.join(', ');
  refreshMassFeatureOptions();
}

function refreshMassFeatureOptions() {
  const features = splitList(featuresInput.value);
  const previous = massFeatureSelect.value;
  massFeatureSelect.replaceChildren(new Option('none (not parametric)', ''));
  for (const feature of features) {
    massFeatureSelect.append(new Option(feature, feature));
  }

  const preferred = features.includes(previous) ? previous : features.find((feature) => feature === 'mass_hyp');
  massFeatureSelect.value = preferred ?? '';
}

function showManifestSource() {
  const source = form.querySelector('input[name="manifest-source"]:checked').value;
  document.getElementById('manifest-fields').hidden = source !== 'form';
  document.getElementById('manifest-json-field').hidden = source !== 'json';
}

// Guesses fold members from the file names: a network trained on even events scores the odd ones
// (event mod 2 == 1) and the reverse. Names without "even" or "odd" get k = their position.
function fillMembersFromFiles() {
  const files = [...filesInput.files];
  if (!document.getElementById('name').value && files[0]) {
    document.getElementById('name').placeholder = files[0].name.replace(/\.onnx$/i, '');
  }
  if (files.length < 2) {
    setHtml(memberRows, html`<tr><td colspan="4" class="muted">Choose two or more files to form a model set.</td></tr>`);
    return;
  }

  const rows = files.map((file, index) => {
    const remainder = /even/i.test(file.name) ? 1 : /odd/i.test(file.name) ? 0 : index;
    return html`<tr class="member-row" data-file="${file.name}" data-error-keys="${`members[${index}] ${file.name}`}">
      <td>${file.name}<p class="field-error" hidden></p></td>
      <td><input type="number" class="member-modulus" min="1" step="1" value="${files.length}" aria-label="Modulus for ${file.name}"></td>
      <td><input type="number" class="member-remainder" min="0" step="1" value="${remainder}" aria-label="Remainder for ${file.name}"></td>
      <td><details><summary>scaler</summary>
        <textarea class="member-mean" rows="2" placeholder="mean per feature" aria-label="Scaler mean for ${file.name}"></textarea>
        <textarea class="member-scale" rows="2" placeholder="scale per feature" aria-label="Scaler scale for ${file.name}"></textarea>
      </details></td>
    </tr>`;
  });
  setHtml(memberRows, html`${rows}`);
}

/** Builds the manifest from the form fields; throws a field-keyed problem for unreadable numbers. */
function manifestFromFields() {
  const features = splitList(featuresInput.value);
  const manifest = {
    features,
    outputKind: form.querySelector('input[name="outputKind"]:checked').value,
  };

  const scaler = readScaler(document.getElementById('scaler-mean').value, document.getElementById('scaler-scale').value, 'scaler');
  if (scaler) {
    manifest.scaler = scaler;
  }
  const output = document.getElementById('output').value.trim();
  if (output) {
    manifest.output = output;
  }
  if (massFeatureSelect.value) {
    manifest.massFeature = massFeatureSelect.value;
  }

  const members = [...memberRows.querySelectorAll('.member-row')].map((row, index) => readMember(row, index));
  if (members.length > 0) {
    manifest.members = members;
    manifest.eventColumn = document.getElementById('event-column').value.trim() || undefined;
  }
  return manifest;
}

function readMember(row, index) {
  const member = {
    file: row.dataset.file,
    foldModulus: Number(row.querySelector('.member-modulus').value),
    foldRemainder: Number(row.querySelector('.member-remainder').value),
  };
  const scaler = readScaler(row.querySelector('.member-mean').value, row.querySelector('.member-scale').value, `members[${index}]`);
  if (scaler) {
    member.scaler = scaler;
  }
  return member;
}

function readScaler(meanText, scaleText, errorKey) {
  if (!meanText.trim() && !scaleText.trim()) {
    return null;
  }
  const mean = parseNumberList(meanText);
  const scale = parseNumberList(scaleText);
  if (!mean || !scale) {
    throw invalidInput(errorKey === 'scaler' ? (mean ? 'scaler.scale' : 'scaler.mean') : errorKey,
      'Enter the scaler as numbers separated by commas, spaces or new lines, the same count for mean and scale.');
  }
  return { mean, scale };
}

function invalidInput(key, text) {
  return new ApiError(400, { title: 'The form has an invalid value.', errors: { [key]: [text] } });
}

function readManifest() {
  const source = form.querySelector('input[name="manifest-source"]:checked').value;
  if (source === 'embedded') {
    return null;
  }
  if (source === 'form') {
    return manifestFromFields();
  }

  const text = document.getElementById('manifest-json').value;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidInput('manifest', `The manifest is not valid JSON: ${error.message}`);
  }
}

async function upload() {
  clearFieldErrors(form);
  showMessage(message, '');
  // Errors about a feature are keyed by its name, so the feature field also matches each feature name.
  const featuresField = document.getElementById('features-field');
  featuresField.dataset.baseErrorKeys ??= featuresField.dataset.errorKeys;
  featuresField.dataset.errorKeys = [featuresField.dataset.baseErrorKeys, ...splitList(featuresInput.value)].join(' ');

  const button = document.getElementById('upload-button');
  button.disabled = true;
  document.getElementById('upload-state').textContent = 'Uploading and checking the model…';
  try {
    const model = await send();
    showResult(model);
  } catch (error) {
    const unplaced = placeFieldErrors(form, error.problem);
    showMessage(message, problemSummary(error, unplaced));
  } finally {
    button.disabled = false;
    document.getElementById('upload-state').textContent = '';
  }
}

async function send() {
  const files = [...filesInput.files];
  if (files.length === 0) {
    throw invalidInput('files', 'Choose one or more ONNX files.');
  }

  // Fields go before the file parts because the server reads the body as a stream and needs them first.
  const data = new FormData();
  const manifest = readManifest();
  if (manifest) {
    data.append('manifest', JSON.stringify(manifest));
  }
  const name = document.getElementById('name').value.trim();
  if (name) {
    data.append('name', name);
  }
  files.forEach((file) => data.append('files', file, file.name));

  const response = await fetch('/api/models', { method: 'POST', headers: apiHeaders(), body: data });
  const body = await response.json().catch(() => ({ title: response.statusText }));
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

function showResult(model) {
  const result = document.getElementById('result');
  setHtml(document.getElementById('result-body'), html`
    <p class="message message-ok">Stored <strong>${model.name}</strong>
      (${model.isParametric ? 'parametric' : 'fixed mass'}${model.isModelSet ? `, set of ${model.files.length} members` : ''}).
      <a href="/analyses-new.html">Start an analysis with it</a></p>
    <dl class="facts">
      <dt>Required columns</dt><dd>${(model.requiredColumns ?? []).join(', ')}</dd>
      <dt>Files</dt><dd>${(model.files ?? []).map((file) => `${file.fileName} (${file.sha256?.slice(0, 12)}…)`).join(', ')}</dd>
    </dl>`);
  result.hidden = false;
  result.dataset.modelId = model.id;
}
