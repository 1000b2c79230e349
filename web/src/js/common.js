// Shared by every page: the header, API calls, HTML escaping, error placement and formatting.

const apiKeyStorageName = 'hnl.apiKey';

/** Error thrown for a non-2xx response; `problem` is the RFC 7807 body when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed with status ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** True on the read-only page reached by a share link (/s/{token}). */
export function isSharePage() {
  return location.pathname.startsWith('/s/');
}

/** Returns the share token from /s/{token}, or null on every other page. */
export function shareTokenFromPath() {
  const match = /^\/s\/([^/]+)\/?$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export function storedApiKey() {
  return localStorage.getItem(apiKeyStorageName) || '';
}

/** Request headers with X-Api-Key added, except on share pages, which must work without a key. */
export function apiHeaders(extra = {}) {
  const headers = { Accept: 'application/json', ...extra };
  const key = storedApiKey();
  if (key && !isSharePage()) {
    headers['X-Api-Key'] = key;
  }
  return headers;
}

/** Sends a request and returns the parsed JSON body (null for 204); throws ApiError otherwise. */
export async function apiFetch(path, { method = 'GET', body, signal } = {}) {
  const extra = body === undefined ? {} : { 'Content-Type': 'application/json' };
  const response = await fetch(path, {
    method,
    headers: apiHeaders(extra),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });

  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }

  if (response.status === 204) {
    return null;
  }
  return response.json();
}

/** Fetches a file with the same headers as apiFetch and saves it under fileName. */
export async function downloadFromApi(path, fileName) {
  const response = await fetch(path, { headers: apiHeaders({ Accept: '*/*' }) });
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  saveBlob(await response.blob(), fileName);
}

export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  saveUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveUrl(url, fileName) {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

async function readProblem(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { title: response.statusText, status: response.status, detail: text.slice(0, 500) };
  }
}

/** Escapes text for use inside HTML element content or a quoted attribute value. */
export function escapeHtml(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Marks markup as trusted so the html tag inserts it without escaping. */
export function raw(markup) {
  return { trustedHtml: markup };
}

/**
 * Template tag that escapes every interpolated value, except values wrapped by raw() and arrays of
 * html results. Server text therefore cannot inject markup.
 */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, index) => {
    out += renderValue(value) + strings[index + 1];
  });
  return raw(out);
}

function renderValue(value) {
  if (Array.isArray(value)) {
    return value.map(renderValue).join('');
  }
  if (value && typeof value === 'object' && 'trustedHtml' in value) {
    return value.trustedHtml;
  }
  return escapeHtml(value);
}

export function setHtml(element, template) {
  element.innerHTML = template.trustedHtml;
}

const navigation = [
  ['/', 'Overview'],
  ['/datasets-new.html', 'Upload dataset'],
  ['/models-new.html', 'Upload model'],
  ['/analyses-new.html', 'New analysis'],
  ['/compare.html', 'Compare'],
];

/** Renders the page header: navigation and the API key field (only a title on share pages). */
export function renderHeader() {
  const header = document.querySelector('header.site-header');
  if (isSharePage()) {
    setHtml(header, html`<a class="brand" href="/">HnlService</a><span class="muted">Shared analysis (read-only)</span>`);
    return;
  }

  const links = navigation.map(([href, label]) => {
    const current = location.pathname === href || (href === '/' && location.pathname === '/index.html');
    return html`<a href="${href}" ${raw(current ? 'aria-current="page"' : '')}>${label}</a>`;
  });
  setHtml(header, html`
    <a class="brand" href="/">HnlService</a>
    <nav>${links}</nav>
    <form class="api-key" autocomplete="off"><label>API key
      <input id="api-key" type="password" autocomplete="off" placeholder="only when the server requires one">
    </label></form>`);
  header.querySelector('form').addEventListener('submit', (event) => event.preventDefault());

  const input = header.querySelector('#api-key');
  input.value = storedApiKey();
  input.addEventListener('change', () => {
    const key = input.value.trim();
    if (key) {
      localStorage.setItem(apiKeyStorageName, key);
    } else {
      localStorage.removeItem(apiKeyStorageName);
    }
  });
}

/** Returns a one-line explanation of a failed request, pointing at the API key field on 401/403. */
export function describeError(error) {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    return 'The server requires a valid API key: enter it in the "API key" field at the top and reload.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** Shows text in a page-level message box; kind is "error", "info" or "ok". */
export function showMessage(box, text, kind = 'error') {
  box.hidden = !text;
  box.className = `message message-${kind}`;
  box.textContent = text || '';
}

export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((slot) => {
    slot.textContent = '';
    slot.hidden = true;
  });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

/**
 * Places each entry of problem.errors next to the element whose data-error-keys lists that key.
 * A key like "discriminants[1].column" also matches "discriminants[1]" and then "discriminants".
 * Returns the messages that matched no element, so the caller can show them in a summary box.
 */
export function placeFieldErrors(form, problem) {
  const unplaced = [];
  const errors = problem?.errors && typeof problem.errors === 'object' ? problem.errors : {};

  for (const [key, messages] of Object.entries(errors)) {
    const text = [].concat(messages).join(' ');
    const target = findErrorTarget(form, key);
    if (target) {
      appendFieldError(target, text);
    } else {
      unplaced.push(key ? `${key}: ${text}` : text);
    }
  }
  return unplaced;
}

function findErrorTarget(form, key) {
  const targets = [...form.querySelectorAll('[data-error-keys]')];
  let candidate = key.toLowerCase().replace(/^\$\.?/, '');
  while (candidate) {
    const match = targets.find((element) => element.dataset.errorKeys.toLowerCase().split(/\s+/).includes(candidate));
    if (match) {
      return match;
    }
    const parent = candidate.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === candidate) {
      return null;
    }
    candidate = parent;
  }
  return null;
}

function appendFieldError(target, text) {
  // A field's own slot is its direct child, so nested check items keep their slots for their own errors.
  const slot = target.querySelector(':scope > .field-error') ?? target.querySelector('.field-error');
  if (!slot) {
    return;
  }
  slot.hidden = false;
  slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
  target.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
}

/** Summary text for a failed submission: the problem's detail plus the errors no field took. */
export function problemSummary(error, unplaced) {
  const head = describeError(error);
  const code = error?.problem?.code ? ` (${error.problem.code})` : '';
  return [head + code, ...unplaced].join('\n');
}

export function formatNumber(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
    return value.toExponential(digits - 1);
  }
  return Number(value.toPrecision(digits)).toString();
}

export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) {
    return '–';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDate(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function statusBadge(analysis) {
  const running = analysis.status === 'running' && Number.isFinite(analysis.progress);
  const suffix = running ? ` ${Math.round(analysis.progress * 100)}%` : '';
  return html`<span class="badge status-${analysis.status}">${analysis.status}${suffix}</span>`;
}

/** Splits pasted text on commas, whitespace or newlines, dropping empty entries. */
export function splitList(text) {
  return text.split(/[\s,;]+/).map((item) => item.trim()).filter(Boolean);
}

/** Parses a pasted list of numbers; returns null when any entry is not a finite number. */
export function parseNumberList(text) {
  const items = splitList(text.replace(/[[\]]/g, ' '));
  const numbers = items.map(Number);
  return numbers.every(Number.isFinite) ? numbers : null;
}

export function queryParameter(name) {
  return new URLSearchParams(location.search).get(name);
}

/** Copies text to the clipboard, falling back to a selected text field where the API is missing. */
export async function copyText(text, fallbackInput) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  fallbackInput.value = text;
  fallbackInput.select();
  document.execCommand('copy');
}
