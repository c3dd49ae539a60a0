// One calculator on the page: its form, its Calculate button, its errors and its results. Each
// calculator is a PanelDef (panels/*.js); adding a calculator is adding one more PanelDef.
import { postJson } from './api.js';
import { downloadCsv } from './csv.js';
import { clearErrors, h, leafPointers, mountForm, readForm, showErrors } from './form.js';

/**
 * @typedef {object} PanelDef
 * @property {string} id the panel's name in the URL fragment
 * @property {string} title
 * @property {string} intro
 * @property {string} endpoint the API path the form's body is POSTed to
 * @property {Record<string, any>} example the body the panel opens with
 * @property {import('./form.js').Node[]} fields
 * @property {(body: any) => any} prepare the body as sent (options the page always wants)
 * @property {(root: HTMLElement, answer: any, request: any) => void} render
 * @property {(answer: any, request: any) => { label: string, filename: string, text: string }[]} csvFiles
 * @property {(answer: any) => string} status a one-line summary announced to screen readers
 * @property {(body: Record<string, any>) => Record<string, any>} [toForm] a request body as the form holds it
 *   (when the form's shape differs from the API's, as a price CSV does from its arrays)
 * @property {(form: Record<string, any>) => import('./api.js').ProblemError[]} [check] what the page itself
 *   must refuse before anything can be sent (a CSV it cannot read); the API checks everything else
 * @property {(body: any) => Promise<import('./api.js').ApiAnswer>} [send] how the body goes to the API when it
 *   is not JSON POSTed to `endpoint` (the import sends a CSV with its settings in the query)
 * @property {(errors: import('./api.js').ProblemError[], request: any) => import('./api.js').ProblemError[]} [mapErrors]
 *   the API's pointers moved to the controls that hold those values
 */

/**
 * @typedef {object} Panel
 * @property {PanelDef} def
 * @property {HTMLElement} element
 * @property {(body: Record<string, any>) => string[]} fill fills the form; returns the pointers it could not hold
 * @property {() => Promise<void>} compute
 * @property {() => void} redraw draws the form again with what it holds (the pickers' lists may have changed)
 * @property {boolean} computed
 */

/**
 * @param {PanelDef} def
 * @param {(panel: PanelDef, body: unknown) => void} onComputed called with the body sent, for the permalink
 * @returns {Panel}
 */
export function createPanel(def, onComputed) {
  const form = h('form', { class: 'calculator', novalidate: '', 'aria-labelledby': `${def.id}-title` });
  const fieldsRoot = h('div', { class: 'fields' });
  const summary = h('div', { class: 'error-summary', id: `${def.id}-errors`, tabindex: '-1', hidden: '' });
  const submit = h('button', { type: 'submit', class: 'primary' }, ['Calculate']);
  const reset = h('button', { type: 'button', class: 'secondary' }, ['Start again from the example']);
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results', id: `${def.id}-results` });
  const downloads = h('div', { class: 'downloads' });
  form.append(summary, fieldsRoot, h('div', { class: 'actions' }, [submit, reset]));
  const element = h(
    'section',
    { class: 'panel', id: `panel-${def.id}`, role: 'tabpanel', 'aria-labelledby': `tab-${def.id}` },
    [
      h('h2', { id: `${def.id}-title` }, [def.title]),
      h('p', { class: 'intro' }, [def.intro]),
      h('div', { class: 'panel-body' }, [
        form,
        h('section', { class: 'answer', 'aria-label': `${def.title}: results` }, [status, downloads, results]),
      ]),
    ],
  );

  let runs = 0;
  /** @type {Panel} */
  const panel = {
    def,
    element,
    computed: false,
    fill(body) {
      mountForm(fieldsRoot, def.fields, def.id, structuredClone(def.toForm ? def.toForm(body) : body));
      const held = new Set(leafPointers(def.prepare(readForm(fieldsRoot, def.fields, def.id))));
      return leafPointers(def.prepare(body)).filter((p) => !held.has(p));
    },
    redraw() {
      mountForm(fieldsRoot, def.fields, def.id, readForm(fieldsRoot, def.fields, def.id));
    },
    async compute() {
      const form = readForm(fieldsRoot, def.fields, def.id);
      const refused = def.check?.(form) ?? [];
      if (refused.length) {
        results.replaceChildren();
        downloads.replaceChildren();
        status.textContent = 'The input could not be read: see the messages at the fields.';
        showProblem(fieldsRoot, summary, { title: 'The input could not be read', errors: refused });
        return;
      }
      const body = def.prepare(form);
      const run = ++runs;
      submit.setAttribute('aria-busy', 'true');
      status.textContent = 'Calculating…';
      const answer = def.send ? await def.send(body) : await postJson(def.endpoint, body);
      if (run !== runs) return; // a later Calculate is under way: its answer is the one to show
      submit.removeAttribute('aria-busy');
      panel.computed = true;
      onComputed(def, body);
      if (answer.ok) {
        clearErrors(fieldsRoot);
        summary.hidden = true;
        def.render(results, answer.body, body);
        drawDownloads(downloads, def.csvFiles(answer.body, body));
        status.textContent = def.status(answer.body);
        return;
      }
      results.replaceChildren();
      downloads.replaceChildren();
      status.textContent = 'The calculation was refused: see the messages at the fields.';
      const errors = answer.problem.errors ?? [];
      showProblem(fieldsRoot, summary, { ...answer.problem, errors: def.mapErrors?.(errors, body) ?? errors });
    },
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void panel.compute();
  });
  reset.addEventListener('click', () => {
    panel.fill(def.example);
    void panel.compute();
  });
  return panel;
}

/**
 * @param {HTMLElement} holder
 * @param {{ label: string, filename: string, text: string }[]} files
 */
function drawDownloads(holder, files) {
  holder.replaceChildren(
    ...files.map((file) => {
      const button = h('button', { type: 'button', class: 'secondary' }, [file.label]);
      button.addEventListener('click', () => downloadCsv(file.filename, file.text));
      return button;
    }),
  );
}

/**
 * Puts each error at its field, and lists them all above the form, each with a button to its field.
 * @param {HTMLElement} fieldsRoot
 * @param {HTMLElement} summary
 * @param {import('./api.js').Problem} problem
 */
function showProblem(fieldsRoot, summary, problem) {
  const { placed, unplaced } = showErrors(fieldsRoot, problem.errors ?? []);
  const items = [
    ...placed.map((p) => {
      const go = h('button', { type: 'button', class: 'link' }, [p.label]);
      go.addEventListener('click', () => p.element.focus());
      return h('li', {}, [go, `: ${p.detail}`]);
    }),
    ...unplaced.map((e) => h('li', {}, [`${e.pointer || 'The request'}: ${e.detail}`])),
  ];
  summary.replaceChildren(
    h('h3', {}, [problem.title ?? 'The calculation was refused']),
    ...(problem.detail && items.length === 0 ? [h('p', {}, [problem.detail])] : []),
    ...(items.length ? [h('ul', {}, items)] : []),
  );
  summary.hidden = false;
  summary.focus();
  // A service with API keys answers 401: open the box where the key goes.
  const keyBox = document.getElementById('api-key-box');
  if (problem.status === 401 && keyBox instanceof HTMLDetailsElement) keyBox.open = true;
}
