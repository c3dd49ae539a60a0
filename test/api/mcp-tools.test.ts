import { describe, expect, it } from 'vitest';
import { CatalogueOutageOut, OutageListResponse } from '../../schemas/catalogue';
import { EventStudyResponse } from '../../schemas/event-study';
import { ImpactResponse } from '../../schemas/impact';
import { MarketCapResponse } from '../../schemas/market-cap';
import { PlatformLossResponse } from '../../schemas/platform';
import { EVENT_STUDY_EXAMPLE } from '../../src/routes/event-study';
import { IMPACT_EXAMPLE } from '../../src/routes/impact';
import { MARKET_CAP_EXAMPLE } from '../../src/routes/market-cap';
import { PLATFORM_LOSS_EXAMPLE } from '../../src/routes/platform';
import { BASE, call, closeClientsAfterEach, component, connect, http, texts, workerFetch } from './support/mcp';

// The official SDK's client, inside workerd, talking to POST /mcp through the Worker's own fetch.

closeClientsAfterEach();

describe('tools/list', () => {
  it('lists the calculators and the catalogue with the request of their HTTP operation as input schema', async () => {
    const { tools } = await (await connect()).listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()]).toEqual([
      'estimate_campaign_impact',
      'estimate_platform_loss',
      'compute_market_cap_change',
      'estimate_event_study',
      'list_outages',
      'get_outage',
    ]);
    const bodies = {
      estimate_campaign_impact: 'ImpactRequest',
      estimate_platform_loss: 'PlatformLossRequest',
      compute_market_cap_change: 'MarketCapRequest',
      estimate_event_study: 'EventStudyRequest',
    };
    for (const [name, schemaName] of Object.entries(bodies)) {
      const { $defs, ...root } = byName.get(name)?.inputSchema as unknown as { $defs: Record<string, unknown> };
      // The same schema as openapi.json's request body, descriptions included, with every named part under $defs.
      expect(root, name).toEqual(component(schemaName));
      for (const [def, schema] of Object.entries($defs)) expect(schema, `${name} ${def}`).toEqual(component(def));
    }
    const impact = byName.get('estimate_campaign_impact');
    expect(impact?.description).toContain('POST /v1/impact');
    expect(impact?.annotations?.readOnlyHint).toBe(true);
  });
});

describe('tools/call answers what the HTTP API answers', () => {
  it('estimate_campaign_impact: the README example, exactly as POST /v1/impact answers it, and a summary', async () => {
    const result = await call(await connect(), 'estimate_campaign_impact', IMPACT_EXAMPLE);
    const direct = await http('/v1/impact', IMPACT_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(direct.json);
    expect(ImpactResponse.safeParse(result.structuredContent).success).toBe(true);
    // 1,200 a day, even: 50 an hour. 11:39 to 17:05 in New York is 326 minutes, inside one Los Angeles day:
    // planned = lost = 50 × 326 ÷ 60 = 271.666… → 271.67. Recaptured 0.5 × 271.666… = 135.833… → 135.83,
    // net 135.83. Impressions 1000 × (271.666… − 135.833… ÷ 1.1) ÷ 9.5 = 1000 × 148.1818… ÷ 9.5
    // = 15,598.086… → 15598.09; clicks × 0.011 = 171.578… → 171.58; conversions × 0.03 = 5.1473… → 5.15;
    // revenue × 72 = 370.610… → 370.61; gross profit × 0.4 = 148.244… → 148.24;
    // contribution 135.833… − 148.244… = −12.410… → −12.41.
    expect(texts(result)[0]).toBe(
      'The campaign "fall-sale" lost 271.67 USD of spend in 326.00 outage minutes (271.67 USD planned); ' +
        'budget pacing recaptures 135.83 USD, so 135.83 USD is lost net. Net of what the recaptured spend buys back, ' +
        'the outage cost 15598.09 impressions, 171.58 clicks and 5.15 conversions, worth 370.61 USD of revenue ' +
        'and 148.24 USD of gross profit; the net contribution change is -12.41 USD ' +
        '(negative: the advertiser is worse off).',
    );
    // The JSON itself as a second text block, for clients that read no structuredContent.
    expect(JSON.parse(texts(result)[1] ?? '')).toEqual(direct.json);
  });

  it('estimate_campaign_impact: several campaigns are summarised by their per-currency totals', async () => {
    const window = { start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' };
    const args = {
      outage: { windows: [window] },
      campaigns: [
        { id: 'a', budget: { amount: '2400', period: 'day' } },
        { id: 'b', budget: { amount: '1200', period: 'day' } },
        { id: 'c', currency: 'JPY', budget: { amount: '24000', period: 'day' } },
      ],
    };
    const result = await call(await connect(), 'estimate_campaign_impact', args);
    expect(result.structuredContent).toEqual((await http('/v1/impact', args)).json);
    // Two hours of even daily budgets: a 2400 × 2 ÷ 24 = 200.00, b 1200 × 2 ÷ 24 = 100.00, USD total 300.00;
    // c 24000 × 2 ÷ 24 = 2000 (JPY has no minor units). Nothing is recaptured; no funnel, so no revenue.
    expect(texts(result)[0]).toBe(
      'The 3 campaigns lost 300.00 USD of spend (300.00 USD net of what pacing recaptures) ' +
        'and 2000 JPY of spend (2000 JPY net of what pacing recaptures) (totals per currency, no exchange). ' +
        'Lost spend by campaign: "a" 200.00 USD, "b" 100.00 USD, "c" 2000 JPY.',
    );
  });

  it('estimate_platform_loss: the DESIGN.md section 5 example, as POST /v1/platform-loss answers it', async () => {
    const result = await call(await connect(), 'estimate_platform_loss', PLATFORM_LOSS_EXAMPLE);
    const direct = await http('/v1/platform-loss', PLATFORM_LOSS_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.structuredContent).toEqual(direct.json);
    expect(PlatformLossResponse.safeParse(result.structuredContent).success).toBe(true);
    // 2021-Q2 has 30 + 31 + 30 = 91 days = 2,184 hours; 29,080,000,000 ÷ 2,184 = 13,315,018.315… → 13315018.32
    // an hour, × 24 = 319,560,439.56 a day; 15:30 to 23:00 is 450 minutes = 7.5 hours:
    // 13,315,018.315… × 7.5 = 99,862,637.362… → 99862637.36; recapture 0.
    expect(texts(result)[0]).toBe(
      'The platform lost an estimated 99862637.36 USD of revenue in 450.00 outage minutes ' +
        '(99862637.36 USD gross, less 0.00 USD recaptured afterwards), ' +
        'at an average of 13315018.32 USD an hour (319560439.56 USD a day) over a 2184.00-hour period.',
    );
  });

  it('compute_market_cap_change: the DESIGN.md section 6 example, as POST /v1/market-cap answers it', async () => {
    const result = await call(await connect(), 'compute_market_cap_change', MARKET_CAP_EXAMPLE);
    const direct = await http('/v1/market-cap', MARKET_CAP_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.structuredContent).toEqual(direct.json);
    expect(MarketCapResponse.safeParse(result.structuredContent).success).toBe(true);
    // Shares 2,366,277,848 + 415,481,668 = 2,781,759,516; price 343.01 → 326.23, a move of −16.78,
    // −16.78 ÷ 343.01 = −4.89198… % → −4.8920; cap before 2,781,759,516 × 343.01 = 954,171,331,583.16,
    // after × 326.23 = 907,493,406,904.68, change × −16.78 = −46,677,924,678.48. Benchmark −2.14 % × beta 1:
    // abnormal −4.89198… + 2.14 = −2.75198… % → −2.7520, of 954,171,331,583.16 = −26,258,658,182.60.
    // Founder 350,000,000 × −16.78 = −5,873,000,000.00; 46,677,924,678.48 ÷ 99,862,637.36 = 467.421309… times.
    expect(texts(result)[0]).toBe(
      'Market capitalisation changed by -46677924678.48 USD (-4.8920 %), ' +
        'from 954171331583.16 to 907493406904.68 USD, ' +
        'as the price moved from 343.01 to 326.23 on 2781759516.00 shares outstanding. ' +
        "Against the benchmark's expected -2.1400 %, the abnormal (stock-specific) move is -2.7520 %, " +
        "-26258658182.60 USD of market cap. Holders' wealth changed: Founder -5873000000.00 USD. " +
        'The market-cap change is 467.421309 times the revenue the outage lost.',
    );
  });
});

describe('the event study and the catalogue answer as their HTTP operations do', () => {
  it('estimate_event_study: the synthetic example, exactly as POST /v1/market-cap/event-study answers it', async () => {
    const result = await call(await connect(), 'estimate_event_study', EVENT_STUDY_EXAMPLE);
    const direct = await http('/v1/market-cap/event-study', EVENT_STUDY_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.structuredContent).toEqual(direct.json);
    const a = EventStudyResponse.parse(result.structuredContent);
    // The summary quotes the answer's own strings: the model, the window, CAR in percent, t and p.
    expect(texts(result)[0]).toContain(`cumulative abnormal return of ${a.carPercent} % on ${a.eventDate}`);
    expect(texts(result)[0]).toContain(`t = ${a.t} with ${a.degreesOfFreedom} degrees of freedom`);
  });

  it('estimate_event_study: a missing event date is a tool error with the pointer of POST', async () => {
    const { eventDate: _, ...body } = EVENT_STUDY_EXAMPLE;
    const result = await call(await connect(), 'estimate_event_study', body);
    const direct = await http('/v1/market-cap/event-study', body);
    expect(direct.status).toBe(422);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual(direct.json);
    const pointers = (direct.json as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);
    expect(pointers).toContain('/eventDate');
  });

  it('list_outages and get_outage: the catalogue as GET /v1/outages answers it', async () => {
    const client = await connect();
    const list = await call(client, 'list_outages', {});
    expect(list.structuredContent).toEqual(await (await workerFetch(`${BASE}/v1/outages`)).json());
    const { outages } = OutageListResponse.parse(list.structuredContent);
    expect(texts(list)[0]).toMatch(new RegExp(`^The catalogue has ${outages.length} outages\\. `));
    const one = await call(client, 'get_outage', { id: 'meta-2021-10-04' });
    expect(one.structuredContent).toEqual(await (await workerFetch(`${BASE}/v1/outages/meta-2021-10-04`)).json());
    const outage = CatalogueOutageOut.parse(one.structuredContent);
    // The catalogue's window for 4 October 2021 (docs/catalogue.md): 15:39 to 21:05 UTC.
    expect(texts(one)[0]).toContain('2021-10-04T15:39:00Z to 2021-10-04T21:05:00Z UTC');
    expect(texts(one)[0]).toContain(`${outage.sources.length} sources`);
    expect(texts(one)[0]).toContain('"outage": { "ref": "meta-2021-10-04" }');
  });

  it('get_outage: an id in the wrong case is a tool error with the 404 problem listing the ids', async () => {
    const result = await call(await connect(), 'get_outage', { id: 'META-2021-10-04' });
    expect(result.isError).toBe(true);
    const problem = result.structuredContent as { status: number; detail: string };
    expect(problem.status).toBe(404);
    expect(problem.detail).toContain('meta-2021-10-04');
  });
});
