// The web calculator (DESIGN.md §16): tabs of calculators over the API on this origin, opening with
// DESIGN.md §4's example computed, and a permalink that carries the open calculator's whole input.
import { API_KEY_STORAGE } from './api.js';
import { loadCatalogue } from './catalogue.js';
import { h } from './form.js';
import { createPanel } from './panel.js';
import { decodeState, encodeState } from './permalink.js';
import { eventStudyPanel } from './panels/event-study.js';
import { impactPanel } from './panels/impact.js';
import { importPanel } from './panels/import.js';
import { marketCapPanel } from './panels/market-cap.js';
import { platformPanel } from './panels/platform.js';

/** The calculators, in tab order. A new calculator is one more PanelDef here. */
const PANEL_DEFS = [impactPanel, importPanel, platformPanel, marketCapPanel, eventStudyPanel];

const tabList = /** @type {HTMLElement} */ (document.getElementById('tabs'));
const panelsRoot = /** @type {HTMLElement} */ (document.getElementById('panels'));
const linkField = /** @type {HTMLInputElement} */ (document.getElementById('permalink'));
const linkStatus = /** @type {HTMLElement} */ (document.getElementById('permalink-status'));
const notice = /** @type {HTMLElement} */ (document.getElementById('notice'));

// Suggestions only (any IANA zone or ISO 4217 code may be typed); a browser without the list gets none.
const supported = (/** @type {'timeZone' | 'currency'} */ key) =>
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf(key) : [];
addDatalist('time-zones', ['UTC', ...supported('timeZone').filter((z) => z !== 'UTC')]);
addDatalist('currencies', supported('currency'));

/** The last body each panel sent, so that switching tabs puts that panel's input in the URL. */
const lastBody = new Map();
let linkVersion = 0;

/** @param {import('./panel.js').PanelDef} def @param {unknown} body */
async function remember(def, body) {
  lastBody.set(def.id, body);
  if (current()?.def.id !== def.id) return;
  const version = ++linkVersion;
  const fragment = await encodeState(def.id, body);
  if (version !== linkVersion) return; // a later calculation already set the link
  history.replaceState(null, '', `#${fragment}`);
  linkField.value = location.href;
}

// The pickers list the catalogue, so it is read before the forms are drawn (one small request each).
await loadCatalogue();
const panels = PANEL_DEFS.map((def) => createPanel(def, (d, body) => void remember(d, body)));
const tabs = panels.map((panel, i) => {
  const tab = h(
    'button',
    { type: 'button', role: 'tab', id: `tab-${panel.def.id}`, 'aria-controls': `panel-${panel.def.id}` },
    [panel.def.title],
  );
  tab.addEventListener('click', () => void select(i));
  tab.addEventListener('keydown', (event) => {
    const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: panels.length - 1 };
    const to = moves[/** @type {keyof typeof moves} */ (event.key)];
    if (to === undefined) return;
    event.preventDefault();
    const next = (to + panels.length) % panels.length;
    tabs[next]?.focus();
    void select(next);
  });
  panel.element.hidden = true;
  panel.fill(panel.def.example);
  return tab;
});
tabList.append(...tabs);
panelsRoot.append(...panels.map((p) => p.element));

let selected = -1;
const current = () => panels[selected];

/**
 * Shows a calculator; it computes its example the first time it is shown.
 * @param {number} index
 */
async function select(index) {
  selected = index;
  panels.forEach((panel, i) => {
    panel.element.hidden = i !== index;
    tabs[i]?.setAttribute('aria-selected', String(i === index));
    tabs[i]?.setAttribute('tabindex', i === index ? '0' : '-1');
  });
  const panel = panels[index];
  if (!panel) return;
  if (!panel.computed) await panel.compute();
  else await remember(panel.def, lastBody.get(panel.def.id));
}

/** Opens the calculation the URL's fragment holds, or the first calculator's example. */
async function openFromUrl() {
  notice.hidden = true;
  const state = await decodeState(location.hash);
  if (state && 'error' in state) say(state.error);
  const index = state && 'panel' in state ? panels.findIndex((p) => p.def.id === state.panel) : -1;
  if (state && 'panel' in state && index < 0)
    say(`The link names a calculator this page does not have ("${state.panel}").`);
  if (index >= 0 && state && 'body' in state) {
    const panel = /** @type {import('./panel.js').Panel} */ (panels[index]);
    const body =
      typeof state.body === 'object' && state.body !== null ? /** @type {Record<string, any>} */ (state.body) : {};
    const dropped = panel.fill(body);
    if (dropped.length)
      say(`The link holds values this page cannot show, so they were left out: ${dropped.join(', ')}.`);
    panel.computed = false;
    await select(index);
    return;
  }
  await select(0);
}

/** @param {string} text */
function say(text) {
  notice.textContent = text;
  notice.hidden = false;
}

/** @param {string} id @param {string[]} values */
function addDatalist(id, values) {
  document.body.append(
    h(
      'datalist',
      { id },
      values.map((v) => h('option', { value: v })),
    ),
  );
}

document.getElementById('copy-link')?.addEventListener('click', async () => {
  linkField.select();
  try {
    await navigator.clipboard.writeText(linkField.value);
    linkStatus.textContent = 'Link copied.';
  } catch {
    linkStatus.textContent = 'Select the link above and copy it (Ctrl+C or ⌘C).';
  }
});

const keyField = /** @type {HTMLInputElement} */ (document.getElementById('api-key'));
keyField.value = sessionStorage.getItem(API_KEY_STORAGE) ?? '';
keyField.addEventListener('change', async () => {
  if (keyField.value.trim()) sessionStorage.setItem(API_KEY_STORAGE, keyField.value.trim());
  else sessionStorage.removeItem(API_KEY_STORAGE);
  // A service with API keys refused the catalogue before the key was given: read it again for the pickers.
  await loadCatalogue();
  for (const panel of panels) panel.redraw();
});

// A link pasted into this tab's address bar changes only the fragment: open it too.
window.addEventListener('hashchange', () => void openFromUrl());
void openFromUrl();
