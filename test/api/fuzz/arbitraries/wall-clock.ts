// Wall-clock times next to DST changes: gaps, folds and a zone that changed its offset.

/** Local times (as UTC-epoch arithmetic) near a DST change of each zone, gaps and folds alike. */
export const DST_CHANGES: [string, string][] = [
  ['America/New_York', '2021-03-14T02:00:00'],
  ['America/New_York', '2021-11-07T01:00:00'],
  ['Europe/London', '2021-03-28T01:00:00'],
  ['Europe/London', '2021-10-31T01:00:00'],
  ['Australia/Lord_Howe', '2021-10-03T02:00:00'],
  ['Australia/Lord_Howe', '2021-04-04T01:30:00'],
  ['America/Santiago', '2021-09-05T00:00:00'],
  ['America/Santiago', '2021-04-03T23:00:00'],
  ['Asia/Kathmandu', '1986-01-01T00:00:00'],
  ['UTC', '2021-03-14T02:00:00'],
];

export const naive = (local: number) => new Date(local).toISOString().slice(0, 19);
