// Figures as people read them. The API's decimal strings are shown exactly as computed, only grouped
// (15598.09 → 15,598.09): they never pass through a float, which would change a 17-digit figure.

/**
 * Groups the integer part of a decimal string in thousands; anything else is returned as it is.
 * @param {string} value
 */
export function groupDigits(value) {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!match) return value;
  const [, sign, whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/**
 * A figure with its unit: money as "USD 1,200.00", other units after the number ("326.00 minutes").
 * @param {string | null | undefined} value
 * @param {{ money?: string, unit?: string }} unit money: the currency code; unit: a word or symbol
 */
export function withUnit(value, unit) {
  if (value === null || value === undefined) return 'not determined';
  const grouped = groupDigits(value);
  if (unit.money) return `${unit.money} ${grouped}`;
  if (unit.unit === '%') return `${grouped} %`;
  return unit.unit ? `${grouped} ${unit.unit}` : grouped;
}

/**
 * An RFC 3339 UTC instant as a wall-clock time in a zone, with the zone's offset ("2021-10-04 11:39 EDT").
 * @param {string} instant
 * @param {string} timeZone
 */
export function localTime(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(instant));
  const get = (/** @type {string} */ type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}
