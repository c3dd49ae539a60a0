/**
 * Outage impact calculator for Google Sheets.
 *
 * Extensions > Apps Script, paste this file as Code.gs, set API_BASE_URL below, save. Then, in the sheet:
 *
 *   =OUTAGE_IMPACT(A1:X20)
 *   =OUTAGE_IMPACT(A1:M50, "2021-10-04T11:39:00", "2021-10-04T17:05:00", "America/New_York")
 *
 * The range's first row is the header (batch column names: id, currency, timeZone, budgetAmount, ...),
 * each following row a campaign. The whole range goes to POST /v1/impact/batch in ONE request; the
 * function answers a header row and one row per campaign row: the result columns as numbers (the ten
 * results, then the low and high of each of the eight a range such as `9..10` can move), then `error`.
 * Blank rows stay blank. integrations/google-sheets/README.md explains every option.
 */

/**
 * Where the service runs. Apps Script runs on Google's servers, which cannot reach your computer's
 * 127.0.0.1: replace this with your deployed URL (https://outage-impact-calculator.<you>.workers.dev).
 */
var API_BASE_URL = 'http://127.0.0.1:8787';

/** If the deployment requires an API key, put it here (it is sent as `Authorization: Bearer`). */
var API_KEY = '';

var OUTAGE_RESULT_COLUMNS = [
  'plannedSpend',
  'lostSpend',
  'recapturedSpend',
  'netLostSpend',
  'lostImpressions',
  'lostClicks',
  'lostConversions',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
  // The exact ends of each metric's range when a cell is a range (cpm 9..10); the metric itself when none is.
  'recapturedSpendLow',
  'recapturedSpendHigh',
  'netLostSpendLow',
  'netLostSpendHigh',
  'lostImpressionsLow',
  'lostImpressionsHigh',
  'lostClicksLow',
  'lostClicksHigh',
  'lostConversionsLow',
  'lostConversionsHigh',
  'lostRevenueLow',
  'lostRevenueHigh',
  'lostGrossProfitLow',
  'lostGrossProfitHigh',
  'netContributionChangeLow',
  'netContributionChangeHigh',
];

/**
 * What an ad-platform outage cost each campaign: planned and lost spend, recaptured spend,
 * impressions, clicks, conversions, revenue, gross profit and the advertiser's net change.
 *
 * @param {A1:X20} range Campaign rows; the first row is the header of batch column names.
 * @param {"2021-10-04T11:39:00"} outageStart Optional: fills rows whose outageStart is empty.
 * @param {"2021-10-04T17:05:00"} outageEnd Optional: fills rows whose outageEnd is empty.
 * @param {"America/New_York"} outageTimeZone Optional: fills rows whose outageTimeZone is empty.
 * @param {"half-up"} rounding Optional: "half-up" rounds a tie such as 100.125 up; by default half to even.
 * @return A header row, then the results of each row (numbers, with the low and high of each range), then its error, if any.
 * @customfunction
 */
function OUTAGE_IMPACT(range, outageStart, outageEnd, outageTimeZone, rounding) {
  if (!Array.isArray(range) || range.length < 2) {
    throw new Error('Give a range whose first row is the header and whose other rows are campaigns, e.g. A1:X20.');
  }
  var header = range[0].map((name) => String(name).trim());
  var timeZone = outageSpreadsheetTimeZone_();

  // Only the columns that have a header are sent; blank rows are skipped and answered blank.
  var rows = [];
  var positions = [];
  for (var r = 1; r < range.length; r++) {
    var row = {};
    var filled = false;
    for (var c = 0; c < header.length; c++) {
      if (header[c] === '') continue;
      var text = outageCellText_(range[r][c], timeZone);
      if (text !== '') filled = true;
      row[header[c]] = text;
    }
    if (!filled) continue;
    rows.push(row);
    positions.push(r);
  }
  var out = [OUTAGE_RESULT_COLUMNS.concat(['error'])];
  var blank = OUTAGE_RESULT_COLUMNS.map(() => '').concat(['']);
  for (var i = 1; i < range.length; i++) out.push(blank.slice());
  if (rows.length === 0) return out;

  var answer = outageBatch_(rows, {
    outageStart: outageStart,
    outageEnd: outageEnd,
    outageTimeZone: outageTimeZone,
    rounding: rounding,
  });
  answer.forEach((result, k) => {
    out[positions[k]] = OUTAGE_RESULT_COLUMNS.map((column) => {
      // Results are exact decimal strings; a sheet wants numbers. null means "not determined".
      return result[column] === null ? '' : Number(result[column]);
    }).concat([result.error || '']);
  });
  return out;
}

/** One POST /v1/impact/batch with JSON rows; the rows of the answer, or an error a cell can show. */
function outageBatch_(rows, params) {
  var query = Object.keys(params)
    .filter((key) => params[key] !== undefined && params[key] !== null && params[key] !== '')
    .map((key) => `${key}=${encodeURIComponent(outageCellText_(params[key], outageSpreadsheetTimeZone_()))}`)
    .join('&');
  var headers = { Accept: 'application/json' };
  if (API_KEY) headers.Authorization = `Bearer ${API_KEY}`;
  var response = UrlFetchApp.fetch(`${API_BASE_URL.replace(/\/+$/, '')}/v1/impact/batch${query ? `?${query}` : ''}`, {
    method: 'post',
    contentType: 'application/json',
    headers: headers,
    payload: JSON.stringify({ rows: rows }),
    muteHttpExceptions: true,
  });
  var status = response.getResponseCode();
  var body = response.getContentText();
  if (status !== 200) {
    var message = `HTTP ${status}`;
    try {
      var problem = JSON.parse(body);
      message =
        problem.detail +
        (problem.errors?.length ? ` ${problem.errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')}` : '');
    } catch (e) {
      // not problem+json: keep the status
    }
    throw new Error(message);
  }
  return JSON.parse(body).rows;
}

/**
 * A cell as the text the service reads: numbers with a "." decimal point, date-times as RFC 3339
 * local times in the spreadsheet's time zone (the row's timeZone columns then say where they are),
 * booleans and blanks as "" (not given).
 */
function outageCellText_(value, timeZone) {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    return Utilities.formatDate(value, timeZone, "yyyy-MM-dd'T'HH:mm:ss");
  }
  return String(value).trim();
}

function outageSpreadsheetTimeZone_() {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
}
