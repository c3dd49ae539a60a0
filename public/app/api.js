// Calls the API on this page's own origin (the CSP allows no other).

/**
 * @typedef {{ pointer: string, detail: string }} ProblemError
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, errors?: ProblemError[] }} Problem
 * @typedef {{ ok: true, body: any } | { ok: false, status: number, problem: Problem }} ApiAnswer
 */

/** Where the key lives: this tab's session storage, never the permalink. */
export const API_KEY_STORAGE = 'outage-impact-api-key';

/** JSON in and out, and the API key when the person gave one (a service with API_KEYS set asks for it). */
function requestHeaders() {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const key = sessionStorage.getItem(API_KEY_STORAGE);
  if (key) headers.authorization = `Bearer ${key}`;
  return headers;
}

/**
 * POSTs a JSON body; a problem+json answer (or a failure to reach the service) comes back as a problem.
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<ApiAnswer>}
 */
export async function postJson(path, body) {
  return answerOf(() => fetch(path, { method: 'POST', headers: requestHeaders(), body: JSON.stringify(body) }));
}

/**
 * The answer of a request: its JSON, or its problem (a failure to reach the service is one too).
 * @param {() => Promise<Response>} send
 * @returns {Promise<ApiAnswer>}
 */
async function answerOf(send) {
  let res;
  try {
    res = await send();
  } catch {
    return {
      ok: false,
      status: 0,
      problem: { title: 'The service could not be reached', detail: 'Check the connection and try again.' },
    };
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.ok && json !== undefined) return { ok: true, body: json };
  const problem =
    json && typeof json === 'object'
      ? json
      : { title: `The service answered ${res.status}`, detail: text.slice(0, 300) };
  return { ok: false, status: res.status, problem };
}

/**
 * GETs a JSON document; undefined when the service cannot be reached or refuses (the caller goes on without it).
 * @param {string} path
 * @returns {Promise<any>}
 */
export async function getJson(path) {
  try {
    const headers = requestHeaders();
    delete headers['content-type'];
    const res = await fetch(path, { headers });
    return res.ok ? await res.json() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POSTs a text file with its settings in the query (the import's CSV), answered like postJson.
 * @param {string} path
 * @param {Record<string, string>} query
 * @param {string} text
 * @param {string} contentType
 * @returns {Promise<ApiAnswer>}
 */
export async function postText(path, query, text, contentType) {
  const headers = { ...requestHeaders(), 'content-type': contentType };
  const search = new URLSearchParams(query).toString();
  return answerOf(() => fetch(search ? `${path}?${search}` : path, { method: 'POST', headers, body: text }));
}
