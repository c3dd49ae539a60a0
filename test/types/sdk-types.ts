// Type tests of the generated SDK, checked by `npm run typecheck` (tsc -p test/types) and never run. Each
// `@ts-expect-error` marks a call the SDK's types must refuse: were the types loose (`any`, or every field
// optional), the directive would be unused and the type check would fail.
import { createClient, type ImpactRequest, type Problem } from '../../sdk/typescript';

const client = createClient({ baseUrl: 'http://127.0.0.1:8787' });
const outage = { windows: [{ start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z' }] };
const budget = { amount: '1200', period: 'day' } as const;

export async function typeTests(): Promise<void> {
  // A correct request compiles, and the answer is typed: every numeric output is a decimal string.
  const ok = await client.POST('/v1/impact', { body: { outage, campaigns: [{ budget, cpm: '9.50', ctr: 0.011 }] } });
  const lostSpend: string | undefined = ok.data?.campaigns[0]?.lostSpend;
  const problem: Problem | undefined = ok.error;
  void lostSpend;
  void problem;
  // @ts-expect-error -- a decimal string is not a number
  const asNumber: number | undefined = ok.data?.campaigns[0]?.lostSpend;
  void asNumber;

  // openapi-fetch infers `body` generically, so TypeScript's excess-property check needs the body typed by the
  // SDK's own request type (as the README shows): then a typo is caught.
  // @ts-expect-error -- `cmp` is a typo for `cpm`: unknown fields are refused, as the service refuses them
  const typo: ImpactRequest = { outage, campaigns: [{ budget, cmp: '9.50' }] };
  void typo;
  // A campaign gives `budget` or `spend` (actual spend over a period); the service checks that exactly one is given.
  await client.POST('/v1/impact', {
    body: {
      outage,
      campaigns: [{ spend: { amount: '8400', start: '2024-02-26T00:00:00', end: '2024-03-04T00:00:00' } }],
    },
  });
  // @ts-expect-error -- spend needs its period
  await client.POST('/v1/impact', { body: { outage, campaigns: [{ spend: { amount: '8400' } }] } });
  // @ts-expect-error -- `daily` is not a budget period
  await client.POST('/v1/impact', { body: { outage, campaigns: [{ budget: { amount: '1200', period: 'daily' } }] } });
  // @ts-expect-error -- the body is required
  await client.POST('/v1/impact', {});

  // revenue.period is one of the named period forms; a quarter is a string such as "2021-Q2".
  await client.POST('/v1/platform-loss', {
    body: { revenue: { amount: '29080000000', period: { quarter: '2021-Q2' } }, outage },
  });
  await client.POST('/v1/platform-loss', {
    body: { revenue: { amount: '29080000000', period: { start: '2021-04-01', end: '2021-06-30' } }, outage },
  });
  // @ts-expect-error -- a period needs one of its forms, not nothing
  await client.POST('/v1/platform-loss', { body: { revenue: { amount: '29080000000', period: {} }, outage } });
  await client.POST('/v1/platform-loss', {
    // @ts-expect-error -- a quarter is a string such as "2021-Q2", not a number
    body: { revenue: { amount: '29080000000', period: { quarter: 2 } }, outage },
  });

  // The price move is `before` with `after`, or `before` with `changePercent`.
  await client.POST('/v1/market-cap', {
    body: { shareClasses: [{ shares: '1000' }], price: { before: '343.01', changePercent: '-4.89' } },
  });
  // @ts-expect-error -- `before` alone does not say where the price went
  await client.POST('/v1/market-cap', { body: { shareClasses: [{ shares: '1000' }], price: { before: '343.01' } } });

  // @ts-expect-error -- `lostMoney` is not a result column
  await client.GET('/v1/impact/value', { params: { query: { metric: 'lostMoney' } }, parseAs: 'text' });
  // @ts-expect-error -- no such path
  await client.GET('/v1/nothing-here');
}
