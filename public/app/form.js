// A form described as data. Each calculator lists its fields once (key, plain-words label, hint, kind);
// this module draws the controls, reads them back into the API's request body, fills them from a body
// (a permalink's), and shows the API's 422 errors next to the control that each JSON Pointer names.
// Every control and container carries its pointer (data-pointer="/campaigns/0/cpm"), so a problem's
// pointer finds its place by walking up the pointer until an element has it.

/**
 * @typedef {{ kind: 'text' | 'decimal' | 'select' | 'checkbox' | 'weights' | 'textarea', key: string, label: string,
 *   hint?: string, range?: boolean, options?: [string, string][] | (() => [string, string][]), list?: string,
 *   placeholder?: string, wide?: boolean, rows?: number, extra?: (control: HTMLElement) => HTMLElement[] }} Field
 * @typedef {{ kind: 'group', key?: string, legend: string, fields: Node[], hint?: string }} Group
 * @typedef {{ kind: 'list', key: string, legend: string, itemLegend: string, fields: Node[], min: number, max: number,
 *   blank: () => Record<string, unknown>, optional?: boolean, hint?: string }} List
 * @typedef {{ value: string, label: string, fields: Node[] }} Form
 * @typedef {{ kind: 'oneOf', key?: string, label: string, forms: Form[], hint?: string, selectLabel?: string }} OneOf
 * @typedef {{ kind: 'pick', key: string, label: string, hint?: string, options: () => [string, string][],
 *   otherLabel: string, otherFields: Node[], otherBlank?: () => Record<string, unknown>, fields: Node[],
 *   describe?: (value: string) => (Node | string)[] }} Pick
 *   A choice whose value is itself data: a select of catalogue refs (the value of `key`), or "other" (an
 *   empty value), which shows `otherFields` instead. `fields` go with a picked ref.
 * @typedef {Field | Group | List | OneOf | Pick} Node
 * @typedef {(string | number)[]} Path
 */

/** @param {Path} path */
export const pointerOf = (path) =>
  path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * @param {string} prefix
 * @param {Path} path
 */
const idOf = (prefix, path) => [prefix, ...path].join('-').replace(/[^A-Za-z0-9_-]/g, '_');

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attrs]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

// ---------------------------------------------------------------------------------------------------
// Values: the text shown in a control ↔ the JSON the API takes
// ---------------------------------------------------------------------------------------------------

/** A range { low, base?, high } shows as "low..high" (or "low..base..high"), as in the batch CSV. */
function rangeText(/** @type {unknown} */ value) {
  if (!isObject(value)) return value === undefined || value === null ? '' : String(value);
  const parts = value.base === undefined ? [value.low, value.high] : [value.low, value.base, value.high];
  return parts.map((p) => (p === undefined ? '' : String(p))).join('..');
}

/** @param {string} text */
function parseRange(text) {
  const parts = text.split('..').map((p) => p.trim());
  if (parts.length === 2) return { low: parts[0], high: parts[1] };
  if (parts.length === 3) return { low: parts[0], base: parts[1], high: parts[2] };
  return text;
}

/**
 * The control's text for a JSON value.
 * @param {Field} field
 * @param {unknown} value
 */
function toText(field, value) {
  if (value === undefined || value === null) return '';
  if (field.kind === 'decimal' && field.range) return rangeText(value);
  if (field.kind === 'weights') return Array.isArray(value) ? value.join(' ') : String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The JSON value for a control's text; undefined when empty ("not given", never 0).
 * @param {Field} field
 * @param {string} text
 */
function fromText(field, text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (field.kind === 'decimal' && field.range && trimmed.includes('..')) return parseRange(trimmed);
  if (field.kind === 'weights') return trimmed.toLowerCase() === 'even' ? 'even' : trimmed.split(/[\s,;]+/);
  return trimmed;
}

// ---------------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------------

/**
 * @typedef {{ prefix: string, onChange: (change: (body: any) => void, focusPath?: Path) => void,
 *   stash: Map<string, Record<string, unknown>> }} Context
 */

/**
 * The slot where a container's or control's error messages go.
 * @param {string} id
 */
const errorSlot = (id) => h('p', { class: 'error', id: `${id}-err`, hidden: '' });

/**
 * @param {Field} field
 * @param {unknown} value
 * @param {Path} path
 * @param {Context} ctx
 */
function drawField(field, value, path, ctx) {
  const id = idOf(ctx.prefix, path);
  const described = [field.hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' ');
  const common = { id, name: pointerOf(path), 'aria-describedby': described };
  /** @type {HTMLElement} */
  let control;
  if (field.kind === 'select') {
    const options = typeof field.options === 'function' ? field.options() : (field.options ?? []);
    control = h(
      'select',
      common,
      options.map(([v, label]) => h('option', { value: v }, [label])),
    );
    /** @type {HTMLSelectElement} */ (control).value = toText(field, value);
  } else if (field.kind === 'textarea') {
    // wrap="off": a CSV's lines stay lines.
    const attrs = { ...common, rows: String(field.rows ?? 8), spellcheck: 'false', autocomplete: 'off', wrap: 'off' };
    control = h('textarea', attrs);
    /** @type {HTMLTextAreaElement} */ (control).value = toText(field, value);
  } else if (field.kind === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox' });
    /** @type {HTMLInputElement} */ (control).checked = value === true;
  } else {
    const attrs = { ...common, type: 'text', autocomplete: 'off', spellcheck: 'false' };
    if (field.kind === 'decimal') Object.assign(attrs, { inputmode: field.range ? 'text' : 'decimal' });
    if (field.list) Object.assign(attrs, { list: field.list });
    if (field.placeholder) Object.assign(attrs, { placeholder: field.placeholder });
    control = h('input', attrs);
    /** @type {HTMLInputElement} */ (control).value = toText(field, value);
  }
  const label = h('label', { for: id }, [field.label]);
  const hint = field.hint ? [h('p', { class: 'hint', id: `${id}-hint` }, [field.hint])] : [];
  const cls = `field${field.kind === 'checkbox' ? ' check' : ''}${field.wide ? ' wide' : ''}`;
  const extra = field.extra ? field.extra(control) : [];
  const parts = field.kind === 'checkbox' ? [control, label, ...hint] : [label, control, ...hint, ...extra];
  return h('div', { class: cls, 'data-pointer': pointerOf(path) }, [...parts, errorSlot(id)]);
}

/**
 * Draws a list of nodes for the object `value` at `path`.
 * @param {Node[]} nodes
 * @param {Record<string, any>} value
 * @param {Path} path
 * @param {Context} ctx
 * @returns {HTMLElement[]}
 */
function drawNodes(nodes, value, path, ctx) {
  return nodes.map((node) => drawNode(node, value, path, ctx));
}

/**
 * @param {Node} node
 * @param {Record<string, any>} parent the object this node's key lives in
 * @param {Path} path the parent's path
 * @param {Context} ctx
 * @returns {HTMLElement}
 */
function drawNode(node, parent, path, ctx) {
  switch (node.kind) {
    case 'group':
      return drawGroup(node, parent, path, ctx);
    case 'list':
      return drawList(node, parent, path, ctx);
    case 'oneOf':
      return drawOneOf(node, parent, path, ctx);
    case 'pick':
      return drawPick(node, parent, path, ctx);
    default:
      return drawField(node, parent[node.key], [...path, node.key], ctx);
  }
}

/**
 * @param {Group} group
 * @param {Record<string, any>} parent
 * @param {Path} path
 * @param {Context} ctx
 */
function drawGroup(group, parent, path, ctx) {
  const own = group.key === undefined ? path : [...path, group.key];
  const value = group.key === undefined ? parent : isObject(parent[group.key]) ? parent[group.key] : {};
  const id = idOf(ctx.prefix, [...own, 'g', group.legend.toLowerCase()]);
  const hint = group.hint ? [h('p', { class: 'hint' }, [group.hint])] : [];
  const attrs = { class: 'group', id };
  if (group.key !== undefined) Object.assign(attrs, { 'data-pointer': pointerOf(own) });
  return h('fieldset', attrs, [
    h('legend', {}, [group.legend]),
    ...hint,
    ...drawNodes(group.fields, value, own, ctx),
    errorSlot(id),
  ]);
}

/**
 * @param {List} list
 * @param {Record<string, any>} parent
 * @param {Path} path
 * @param {Context} ctx
 */
function drawList(list, parent, path, ctx) {
  const own = [...path, list.key];
  const items = Array.isArray(parent[list.key]) ? parent[list.key] : [];
  const id = idOf(ctx.prefix, own);
  const drawn = items.map((item, i) => {
    const itemPath = [...own, i];
    const itemId = idOf(ctx.prefix, itemPath);
    const legend = `${list.itemLegend} ${i + 1}`;
    const remove = h('button', { type: 'button', class: 'secondary' }, [`Remove ${legend.toLowerCase()}`]);
    if (items.length <= list.min) remove.setAttribute('disabled', '');
    remove.addEventListener('click', () =>
      ctx.onChange((body) => getAt(body, own)?.splice(i, 1), i > 0 ? [...own, i - 1] : own),
    );
    return h('fieldset', { class: 'item', id: itemId, 'data-pointer': pointerOf(itemPath) }, [
      h('legend', {}, [legend]),
      ...drawNodes(list.fields, isObject(item) ? item : {}, itemPath, ctx),
      h('div', { class: 'item-actions' }, [remove]),
      errorSlot(itemId),
    ]);
  });
  const add = h('button', { type: 'button', class: 'secondary' }, [`Add ${list.itemLegend.toLowerCase()}`]);
  if (items.length >= list.max) add.setAttribute('disabled', '');
  add.addEventListener('click', () =>
    ctx.onChange(
      (body) => {
        const target = ensureArray(body, own);
        target.push(list.blank());
      },
      [...own, items.length],
    ),
  );
  const hint = list.hint ? [h('p', { class: 'hint' }, [list.hint])] : [];
  return h('fieldset', { class: 'list', id, 'data-pointer': pointerOf(own), 'data-count': String(items.length) }, [
    h('legend', {}, [list.legend]),
    ...hint,
    ...drawn,
    add,
    errorSlot(id),
  ]);
}

/**
 * @param {OneOf} one
 * @param {Record<string, any>} parent
 * @param {Path} path
 * @param {Context} ctx
 */
function drawOneOf(one, parent, path, ctx) {
  const own = one.key === undefined ? path : [...path, one.key];
  const value = one.key === undefined ? parent : isObject(parent[one.key]) ? parent[one.key] : {};
  const chosen = chosenForm(one, value);
  const selectId = formSelectId(ctx.prefix, one, own);
  const select = h(
    'select',
    { id: selectId },
    one.forms.map((f) => h('option', { value: f.value }, [f.label])),
  );
  select.value = chosen.value;
  select.addEventListener('change', () =>
    ctx.onChange(
      (body) => {
        // Keep what the other forms hold out of the body: exactly one form is sent.
        const target = one.key === undefined ? getAt(body, own) : ensureObject(body, own);
        for (const form of one.forms) for (const key of keysOf(form.fields)) delete target[key];
        target[FORM_MARK] = select.value;
      },
      [...own, 'form', one.forms[0]?.value ?? ''],
    ),
  );
  const attrs = { class: 'group one-of', id: `${selectId}-set`, 'data-own': JSON.stringify(own) };
  if (one.key !== undefined) Object.assign(attrs, { 'data-pointer': pointerOf(own) });
  const hint = one.hint ? [h('p', { class: 'hint' }, [one.hint])] : [];
  return h('fieldset', attrs, [
    h('legend', {}, [one.label]),
    ...hint,
    h('div', { class: 'field' }, [h('label', { for: selectId }, [one.selectLabel ?? 'Given as']), select]),
    ...drawNodes(chosen.fields, value, own, ctx),
    errorSlot(`${selectId}-set`),
  ]);
}

/**
 * A select whose value is the ref itself, with "other" (empty) first; the fields that go with the choice follow.
 * @param {Pick} pick
 * @param {Record<string, any>} parent
 * @param {Path} path the parent's path: the ref is `parent[pick.key]`
 * @param {Context} ctx
 */
function drawPick(pick, parent, path, ctx) {
  const own = [...path, pick.key];
  const id = idOf(ctx.prefix, own);
  const value = typeof parent[pick.key] === 'string' ? parent[pick.key] : '';
  const options = [['', pick.otherLabel], ...pick.options()];
  // A ref this page's list does not have (a link from a newer catalogue, say) stays selectable, so the
  // permalink is not silently changed; the API says whether it knows it.
  if (value && !options.some(([v]) => v === value)) options.push([value, value]);
  const described = [pick.hint ? `${id}-hint` : '', `${id}-about`, `${id}-err`].filter(Boolean).join(' ');
  const select = h(
    'select',
    // data-drawn: the choice whose fields are on the page, which is what reading the form must follow.
    { id, name: pointerOf(own), 'aria-describedby': described, 'data-drawn': value },
    options.map(([v, label]) => h('option', { value: v }, [label])),
  );
  select.value = value;
  select.addEventListener('change', () =>
    ctx.onChange((body) => {
      const target = ensureObject(body, path);
      const stashKey = pointerOf(own);
      // What was typed under "other" comes back when "other" is chosen again.
      if (!value) ctx.stash.set(stashKey, structuredClone(pickValues(target, pick.otherFields)));
      for (const key of [pick.key, ...keysOf(pick.otherFields), ...keysOf(pick.fields)]) delete target[key];
      if (select.value) target[pick.key] = select.value;
      else Object.assign(target, ctx.stash.get(stashKey) ?? pick.otherBlank?.() ?? {});
    }, own),
  );
  const hint = pick.hint ? [h('p', { class: 'hint', id: `${id}-hint` }, [pick.hint])] : [];
  const about = h('div', { class: 'about', id: `${id}-about` }, value && pick.describe ? pick.describe(value) : []);
  const chooser = h('div', { class: 'field wide pick', 'data-pointer': pointerOf(own) }, [
    h('label', { for: id }, [pick.label]),
    select,
    ...hint,
    about,
    errorSlot(id),
  ]);
  const rest = drawNodes(value ? pick.fields : pick.otherFields, parent, path, ctx);
  return h('div', { class: 'pick-set' }, [chooser, ...rest]);
}

/**
 * @param {string} prefix
 * @param {OneOf} one
 * @param {Path} own
 */
const formSelectId = (prefix, one, own) => idOf(prefix, [...own, 'form', one.forms[0]?.value ?? '']);

/** A transient key recording which form of a oneOf the user picked before filling it in. */
const FORM_MARK = '\u0000form';

/**
 * The form whose keys the value uses (the first form when none is used).
 * @param {OneOf} one
 * @param {Record<string, any>} value
 */
function chosenForm(one, value) {
  const marked = one.forms.find((f) => f.value === value[FORM_MARK]);
  if (marked) return marked;
  return (
    one.forms.find((f) => keysOf(f.fields).some((k) => value[k] !== undefined)) ?? /** @type {Form} */ (one.forms[0])
  );
}

/** @param {Node[]} nodes @returns {string[]} */
function keysOf(nodes) {
  return nodes.flatMap((n) => {
    if (n.kind === 'pick') return [n.key, ...keysOf(n.otherFields), ...keysOf(n.fields)];
    return 'key' in n && n.key !== undefined ? [n.key] : n.kind === 'group' ? keysOf(n.fields) : [];
  });
}

/**
 * The values of `nodes`' keys in `value`.
 * @param {Record<string, any>} value
 * @param {Node[]} nodes
 */
function pickValues(value, nodes) {
  return Object.fromEntries(keysOf(nodes).flatMap((k) => (value[k] === undefined ? [] : [[k, value[k]]])));
}

/** @param {any} body @param {Path} path */
function getAt(body, path) {
  return path.reduce((v, k) => (v == null ? undefined : v[k]), body);
}

/** @param {any} body @param {Path} path */
function ensureObject(body, path) {
  let v = body;
  for (const k of path) {
    if (!isObject(v[k]) && !Array.isArray(v[k])) v[k] = {};
    v = v[k];
  }
  return v;
}

/** @param {any} body @param {Path} path */
function ensureArray(body, path) {
  const parent = ensureObject(body, path.slice(0, -1));
  const key = /** @type {string} */ (path[path.length - 1]);
  if (!Array.isArray(parent[key])) parent[key] = [];
  return parent[key];
}

// ---------------------------------------------------------------------------------------------------
// Reading back
// ---------------------------------------------------------------------------------------------------

/**
 * The request body the controls hold; empty controls and empty optional objects are left out.
 * @param {HTMLElement} root
 * @param {Node[]} nodes
 * @param {string} prefix
 */
export function readForm(root, nodes, prefix) {
  return readNodes(root, nodes, [], prefix);
}

/**
 * @param {HTMLElement} root
 * @param {Node[]} nodes
 * @param {Path} path
 * @param {string} prefix
 * @returns {Record<string, any>}
 */
function readNodes(root, nodes, path, prefix) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const node of nodes) {
    if (node.kind === 'group' || node.kind === 'oneOf') {
      const own = node.key === undefined ? path : [...path, node.key];
      const fields = node.kind === 'group' ? node.fields : formIn(root, node, own, prefix).fields;
      const inner = readNodes(root, fields, own, prefix);
      if (node.key === undefined) Object.assign(out, inner);
      else if (Object.keys(inner).length > 0) out[node.key] = inner;
    } else if (node.kind === 'pick') {
      const control = root.querySelector(`#${idOf(prefix, [...path, node.key])}`);
      const ref = control?.getAttribute('data-drawn') ?? '';
      if (ref) out[node.key] = ref;
      Object.assign(out, readNodes(root, ref ? node.fields : node.otherFields, path, prefix));
    } else if (node.kind === 'list') {
      const own = [...path, node.key];
      const container = root.querySelector(`#${idOf(prefix, own)}`);
      const count = Number(container?.getAttribute('data-count') ?? 0);
      const items = Array.from({ length: count }, (_, i) => readNodes(root, node.fields, [...own, i], prefix));
      if (items.length > 0 || !node.optional) out[node.key] = items;
    } else {
      const control = root.querySelector(`#${idOf(prefix, [...path, node.key])}`);
      const value = readControl(node, control);
      if (value !== undefined) out[node.key] = value;
    }
  }
  return out;
}

/**
 * @param {HTMLElement} root
 * @param {OneOf} one
 * @param {Path} own
 * @param {string} prefix
 */
function formIn(root, one, own, prefix) {
  const select = /** @type {HTMLSelectElement | null} */ (root.querySelector(`#${formSelectId(prefix, one, own)}`));
  return one.forms.find((f) => f.value === select?.value) ?? /** @type {Form} */ (one.forms[0]);
}

/**
 * @param {Field} field
 * @param {Element | null} control
 */
function readControl(field, control) {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked ? true : undefined;
  if (
    control instanceof HTMLInputElement ||
    control instanceof HTMLSelectElement ||
    control instanceof HTMLTextAreaElement
  )
    return fromText(field, control.value);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// The form as a whole
// ---------------------------------------------------------------------------------------------------

/**
 * Draws `nodes` filled from `body` into `root`, redrawing it when a list grows or shrinks.
 * @param {HTMLElement} root
 * @param {Node[]} nodes
 * @param {string} prefix
 * @param {Record<string, any>} body
 */
export function mountForm(root, nodes, prefix, body) {
  /** @type {Context} */
  const ctx = {
    prefix,
    stash: new Map(),
    onChange(change, focusPath) {
      const next = readForm(root, nodes, prefix);
      keepFormMarks(root, next);
      change(next);
      draw(next);
      const target = focusPath && root.querySelector(`#${idOf(prefix, focusPath)}`);
      const focusable = target?.matches('input, select, button') ? target : target?.querySelector('input, select');
      /** @type {HTMLElement | null | undefined} */ (focusable ?? root.querySelector('input, select'))?.focus();
    },
  };
  const draw = (/** @type {Record<string, any>} */ value) => root.replaceChildren(...drawNodes(nodes, value, [], ctx));
  draw(body);
}

/**
 * Carries the form picked in each oneOf select through a redraw, even while its fields are empty.
 * @param {HTMLElement} root
 * @param {Record<string, any>} body
 */
function keepFormMarks(root, body) {
  for (const set of root.querySelectorAll('fieldset.one-of')) {
    const select = set.querySelector('select');
    if (select) ensureObject(body, JSON.parse(set.getAttribute('data-own') ?? '[]'))[FORM_MARK] = select.value;
  }
}

/**
 * Pointers of every value in a JSON document (leaves only), to tell what a form could not hold.
 * @param {unknown} value
 * @param {Path} [path]
 * @returns {string[]}
 */
export function leafPointers(value, path = []) {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null) && value.length > 0)
    return [pointerOf(path)];
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPointers(v, [...path, i]));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => leafPointers(v, [...path, k]));
  return [pointerOf(path)];
}

// ---------------------------------------------------------------------------------------------------
// Errors at their fields
// ---------------------------------------------------------------------------------------------------

/** @param {HTMLElement} root */
export function clearErrors(root) {
  for (const slot of root.querySelectorAll('.error')) {
    slot.textContent = '';
    slot.setAttribute('hidden', '');
  }
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/**
 * Puts each error next to the element its pointer names, or the nearest enclosing one; returns the
 * errors that found no place in the form (a pointer to the whole body, say), and the elements marked.
 * @param {HTMLElement} root
 * @param {{ pointer: string, detail: string }[]} errors
 * @returns {{ unplaced: { pointer: string, detail: string }[], placed: { element: HTMLElement, label: string, detail: string }[] }}
 */
export function showErrors(root, errors) {
  clearErrors(root);
  /** @type {{ pointer: string, detail: string }[]} */
  const unplaced = [];
  /** @type {{ element: HTMLElement, label: string, detail: string }[]} */
  const placed = [];
  for (const error of errors) {
    const holder = holderOf(root, error.pointer);
    const slot = holder && [...holder.children].find((c) => c.classList.contains('error'));
    if (!holder || !slot) {
      unplaced.push(error);
      continue;
    }
    // A pointer below the control (the `high` end of a range, say) names the rest of its path.
    const rest = error.pointer
      .slice((holder.getAttribute('data-pointer') ?? '').length)
      .replace(/^\//, '')
      .replaceAll('/', ' ');
    const line = h('span', { class: 'error-line' }, [rest ? `${rest}: ${error.detail}` : error.detail]);
    slot.append(line);
    slot.removeAttribute('hidden');
    const control = holder.querySelector(':scope > input, :scope > select, :scope > textarea');
    control?.setAttribute('aria-invalid', 'true');
    const own = holder.querySelector(':scope > label, :scope > legend')?.textContent ?? error.pointer;
    // "Campaign 2 › Click-through rate (CTR)": which of several campaigns or windows it is.
    const items = [];
    for (let el = holder.parentElement?.closest('fieldset.item'); el; el = el.parentElement?.closest('fieldset.item')) {
      items.unshift(el.querySelector(':scope > legend')?.textContent ?? '');
    }
    const label = [...items.filter((t) => t && t !== own), own].join(' › ');
    placed.push({
      element: /** @type {HTMLElement} */ (control ?? holder),
      label,
      detail: line.textContent ?? error.detail,
    });
  }
  return { unplaced, placed };
}

/**
 * The element that carries this pointer, or the nearest enclosing pointer's element.
 * @param {HTMLElement} root
 * @param {string} pointer
 * @returns {HTMLElement | null}
 */
function holderOf(root, pointer) {
  let p = pointer;
  while (p !== '') {
    const el = root.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
    if (el instanceof HTMLElement) return el;
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return null;
}
