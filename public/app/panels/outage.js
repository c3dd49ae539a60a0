// The outage as every calculator takes it (DESIGN.md §2 "Time"): a past outage picked from the catalogue
// (`{ "ref" }`, DESIGN.md §11), or a time zone and half-open windows typed in.
import { describeOutage, outageOptions } from '../catalogue.js';

/** @typedef {import('../form.js').Node} Node */

const TIMESTAMP_HINT =
  'Local time in the outage time zone, such as 2021-10-04T11:39:00; or add Z or an offset (+02:00) for an exact instant.';

/** @type {Node[]} */
const CUSTOM_FIELDS = [
  {
    kind: 'text',
    key: 'timeZone',
    label: 'Outage time zone',
    list: 'time-zones',
    placeholder: 'UTC',
    hint: 'An IANA zone name such as America/New_York; the window times below are read in it. Empty means UTC.',
  },
  {
    kind: 'list',
    key: 'windows',
    legend: 'Outage windows',
    itemLegend: 'Window',
    hint: 'Each window runs from its start up to (not including) its end. Windows must not overlap.',
    min: 1,
    max: 100,
    blank: () => ({ start: '', end: '' }),
    fields: [
      { kind: 'text', key: 'start', label: 'Start', hint: TIMESTAMP_HINT },
      { kind: 'text', key: 'end', label: 'End (not included)', hint: TIMESTAMP_HINT },
      {
        kind: 'decimal',
        key: 'deliveryLoss',
        label: 'Share of delivery lost (0 to 1)',
        placeholder: '1',
        hint: '1 is a full outage, 0.4 a partial one; "40%" works too. Empty means 1.',
      },
    ],
  },
];

/** @type {Node} */
export const outageFields = {
  kind: 'group',
  key: 'outage',
  legend: 'The outage',
  fields: [
    {
      kind: 'pick',
      key: 'ref',
      label: 'Outage',
      hint: 'A past outage from the catalogue, with its sourced windows; or windows of your own.',
      options: outageOptions,
      otherLabel: 'Custom windows (enter them below)',
      otherBlank: () => ({ timeZone: 'UTC', windows: [{ start: '', end: '' }] }),
      describe: describeOutage,
      fields: [
        {
          kind: 'decimal',
          key: 'deliveryLoss',
          label: 'Share of delivery lost (0 to 1)',
          placeholder: '1',
          hint: 'Applied to every window of the catalogue outage: 1 is a full outage. Empty means 1.',
        },
      ],
      otherFields: CUSTOM_FIELDS,
    },
  ],
};
