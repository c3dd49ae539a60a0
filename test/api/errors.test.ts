import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Currency, isTimeZone } from '../../schemas/common';
import { Problem } from '../../schemas/problem';
import { currencyDigits } from '../../src/engine/rounding';

const BASE = 'http://localhost';
const fetchPath = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);

const postText = (text: string, contentType = 'application/json', path = '/v1/market-cap') =>
  fetchPath(path, { method: 'POST', headers: { 'content-type': contentType }, body: text });
const post = (body: unknown) => postText(JSON.stringify(body));

/** A valid request; each bad-input test changes one thing. */
const VALID = {
  currency: 'USD',
  shareClasses: [{ name: 'Class A', shares: '2366277848' }],
  price: { before: '343.01', after: '326.23' },
  holders: [{ name: 'Founder', shares: '350000000' }],
};

/** Expects an RFC 9457 problem with this status, and returns it. */
async function expectProblem(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const json = await res.json();
  const problem = Problem.parse(json);
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^\/problems\/[a-z-]+$/);
  // no stack traces or internals
  expect(JSON.stringify(problem)).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
  return problem;
}

/** Expects a 422 naming exactly these pointers (in any order), and returns its errors. */
async function expectInvalid(res: Response, pointers: string[]): Promise<Problem['errors']> {
  const problem = await expectProblem(res, 422);
  expect(problem.type).toBe('/problems/validation');
  expect(problem.errors.map((e) => e.pointer).sort()).toEqual([...pointers].sort());
  for (const e of problem.errors) expect(e.detail).not.toBe('');
  return problem.errors;
}

describe('422: every bad input is named by its JSON Pointer', () => {
  it('refuses an empty share count', async () => {
    const errors = await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: '' }] }), [
      '/shareClasses/0/shares',
    ]);
    expect(errors[0]?.detail).toBe('must not be empty; leave the field out if it is not given');
  });

  it('refuses a share class without shares', async () => {
    const errors = await expectInvalid(await post({ ...VALID, shareClasses: [{ name: 'Class A' }] }), [
      '/shareClasses/0/shares',
    ]);
    expect(errors[0]?.detail).toBe('is required');
  });

  it('refuses negative shares', async () => {
    const errors = await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: '-5' }] }), [
      '/shareClasses/0/shares',
    ]);
    expect(errors[0]?.detail).toBe('must be greater than 0, at most 1e13');
  });

  it('refuses zero shares, as a string and as a number', async () => {
    await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: '0' }] }), ['/shareClasses/0/shares']);
    await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: 0 }] }), ['/shareClasses/0/shares']);
  });

  it('refuses zero or negative holder shares and conversion ratios', async () => {
    await expectInvalid(await post({ ...VALID, holders: [{ shares: '0' }] }), ['/holders/0/shares']);
    await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: '1', conversionRatio: '-1' }] }), [
      '/shareClasses/0/conversionRatio',
    ]);
  });

  it('refuses a zero price before', async () => {
    const errors = await expectInvalid(await post({ ...VALID, price: { before: '0', after: '326.23' } }), [
      '/price/before',
    ]);
    expect(errors[0]?.detail).toBe('must be greater than 0, at most 1e9');
  });

  it('refuses a negative price after', async () => {
    await expectInvalid(await post({ ...VALID, price: { before: '343.01', after: -1 } }), ['/price/after']);
  });

  it('refuses a price change of −100 % or less, which would make the price zero or negative', async () => {
    const errors = await expectInvalid(await post({ ...VALID, price: { before: '343.01', changePercent: '-100' } }), [
      '/price/changePercent',
    ]);
    expect(errors[0]?.detail).toBe('must be greater than -100, at most 1e6');
  });

  it('refuses 1e400 as a JSON number (JSON.parse makes it Infinity)', async () => {
    const text = JSON.stringify(VALID).replace('"2366277848"', '1e400');
    expect(text).toContain('"shares":1e400');
    const errors = await expectInvalid(await postText(text), ['/shareClasses/0/shares']);
    expect(errors[0]?.detail).toBe('must be a finite number');
  });

  it('refuses 1e400 as a string by the bounds', async () => {
    const errors = await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: '1e400' }] }), [
      '/shareClasses/0/shares',
    ]);
    expect(errors[0]?.detail).toBe('must be greater than 0, at most 1e13');
    await expectInvalid(await post({ ...VALID, price: { before: '1e400', after: '1' } }), ['/price/before']);
  });

  it('refuses "NaN", "Infinity" and a 400-digit number', async () => {
    await expectInvalid(await post({ ...VALID, price: { before: 'NaN', after: '1' } }), ['/price/before']);
    await expectInvalid(await post({ ...VALID, price: { before: '1', after: 'Infinity' } }), ['/price/after']);
    await expectInvalid(await post({ ...VALID, shareClasses: [{ shares: '9'.repeat(400) }] }), [
      '/shareClasses/0/shares',
    ]);
  });

  it('refuses a boolean, null or object where a number belongs', async () => {
    for (const shares of [true, null, { value: 1 }]) {
      const errors = await expectInvalid(await post({ ...VALID, shareClasses: [{ shares }] }), [
        '/shareClasses/0/shares',
      ]);
      expect(errors[0]?.detail).toBe('must be a number or a decimal string');
    }
  });

  it('refuses a misspelled field inside a share class (sharez), and says shares is missing', async () => {
    const errors = await expectInvalid(await post({ ...VALID, shareClasses: [{ sharez: '2366277848' }] }), [
      '/shareClasses/0/shares',
      '/shareClasses/0/sharez',
    ]);
    expect(errors.find((e) => e.pointer === '/shareClasses/0/sharez')?.detail).toBe(
      'is not a field of this object; check its spelling',
    );
    expect(errors.find((e) => e.pointer === '/shareClasses/0/shares')?.detail).toBe('is required');
  });

  it('refuses a misspelled field at the top level', async () => {
    const { holders, ...rest } = VALID;
    await expectInvalid(await post({ ...rest, holderz: holders }), ['/holderz']);
    const { shareClasses, ...noClasses } = VALID;
    await expectInvalid(await post({ ...noClasses, shareClass: shareClasses }), ['/shareClass', '/shareClasses']);
  });

  it('refuses an unknown field deep inside, and escapes "/" and "~" in its pointer', async () => {
    await expectInvalid(await post({ ...VALID, price: { ...VALID.price, 'a/b~c': 1 } }), ['/price/a~1b~0c']);
  });

  it('refuses keys such as __proto__ and constructor as unknown fields', async () => {
    await expectInvalid(await postText(`{"__proto__":{"x":1},${JSON.stringify(VALID).slice(1)}`), ['/__proto__']);
    await expectInvalid(await post({ ...VALID, constructor: 1 }), ['/constructor']);
  });

  it('refuses an unknown currency code (XXZ)', async () => {
    const errors = await expectInvalid(await post({ ...VALID, currency: 'XXZ' }), ['/currency']);
    expect(errors[0]?.detail).toBe('must be an ISO 4217 currency code such as "USD", "JPY" or "KWD"');
  });

  it('refuses a price with both after and changePercent, naming both', async () => {
    const errors = await expectInvalid(
      await post({ ...VALID, price: { before: '343.01', after: '326.23', changePercent: '-4.89' } }),
      ['/price/after', '/price/changePercent'],
    );
    expect(errors[0]?.detail).toBe('give only one of `after` and `changePercent`');
  });

  it('refuses a price with neither after nor changePercent', async () => {
    const errors = await expectInvalid(await post({ ...VALID, price: { before: '343.01' } }), ['/price/after']);
    expect(errors[0]?.detail).toBe('give the price after the move as `after` or `changePercent`');
  });

  it('refuses an empty list of share classes', async () => {
    const errors = await expectInvalid(await post({ ...VALID, shareClasses: [] }), ['/shareClasses']);
    expect(errors[0]?.detail).toBe('give at least one share class');
  });

  it('refuses a request without share classes or price', async () => {
    await expectInvalid(await post({ currency: 'USD' }), ['/shareClasses', '/price']);
  });

  it('refuses options it does not know', async () => {
    await expectInvalid(await post({ ...VALID, options: { rounding: 'up' } }), ['/options/rounding']);
    await expectInvalid(await post({ ...VALID, options: { explain: 'yes' } }), ['/options/explain']);
    await expectInvalid(await post({ ...VALID, options: { timeline: 'hour' } }), ['/options/timeline']);
  });

  it('lists every problem of a request at once', async () => {
    const res = await post({
      currency: 'XXZ',
      shareClasses: [{ shares: '0' }, { shares: '5', conversionRatio: '' }],
      price: { before: '-1', after: '1' },
      extra: true,
    });
    const problem = await expectProblem(res, 422);
    expect(problem.detail).toBe('The request has 5 invalid fields.');
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual([
      '/currency',
      '/extra',
      '/price/before',
      '/shareClasses/0/shares',
      '/shareClasses/1/conversionRatio',
    ]);
  });

  it.each([['[]'], ['null'], ['"text"'], ['42'], ['true']])(
    'refuses the JSON %s, which is not an object',
    async (text) => {
      await expectInvalid(await postText(text), ['']);
    },
  );
});

describe('400, 413, 415: bodies that cannot be read', () => {
  it('answers 400 for a body that is not JSON', async () => {
    const problem = await expectProblem(await postText('{"shareClasses": [', 'application/json'), 400);
    expect(problem.type).toBe('/problems/malformed-body');
    expect(problem.errors).toEqual([]);
  });

  it('answers 400 for an empty JSON body', async () => {
    await expectProblem(await postText('', 'application/json'), 400);
  });

  it('answers 415 for JSON sent as text/plain', async () => {
    const problem = await expectProblem(await postText(JSON.stringify(VALID), 'text/plain'), 415);
    expect(problem.type).toBe('/problems/unsupported-media-type');
  });

  it('answers 415 for a form post', async () => {
    await expectProblem(await postText('currency=USD', 'application/x-www-form-urlencoded'), 415);
  });

  it('accepts application/json with a charset', async () => {
    const res = await postText(JSON.stringify(VALID), 'application/json; charset=utf-8');
    expect(res.status).toBe(200);
  });

  it('answers 413 for a body over 5 MiB', async () => {
    // 5 MiB = 5 × 1,024 × 1,024 = 5,242,880 bytes; one more is too many
    const problem = await expectProblem(await postText(' '.repeat(5_242_881)), 413);
    expect(problem.type).toBe('/problems/payload-too-large');
  });

  it('answers 413 for a streamed body over 5 MiB without a Content-Length', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 6 chunks of 1 MiB = 6 MiB > 5 MiB
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetchPath('/v1/market-cap', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await expectProblem(res, 413);
  });

  it('accepts a body of exactly 5 MiB', async () => {
    const json = JSON.stringify(VALID);
    const res = await postText(json + ' '.repeat(5_242_880 - json.length));
    expect(res.status).toBe(200);
  });
});

describe('404, 405: paths and methods', () => {
  it('answers 404 for an unknown path', async () => {
    const problem = await expectProblem(await fetchPath('/v1/market-caps'), 404);
    expect(problem.type).toBe('/problems/not-found');
    await expectProblem(
      await fetchPath('/nothing/here', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      404,
    );
  });

  it('answers 405 with an Allow header for a wrong method', async () => {
    const res = await fetchPath('/v1/market-cap');
    const problem = await expectProblem(res, 405);
    expect(problem.type).toBe('/problems/method-not-allowed');
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('answers 405 for POST /health and DELETE /health, allowing GET, HEAD and OPTIONS', async () => {
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const res = await fetchPath('/health', { method });
      await expectProblem(res, 405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    }
  });
});

describe('problem types explain themselves', () => {
  it('answers GET /problems/validation with a short explanation', async () => {
    const res = await fetchPath('/problems/validation');
    expect(res.status).toBe(200);
    const body = await res.json<{ type: string; title: string; status: number; explanation: string }>();
    expect(body).toMatchObject({ type: '/problems/validation', title: 'Invalid input', status: 422 });
    expect(body.explanation).toMatch(/JSON Pointer/);
  });

  it.each(['malformed-body', 'payload-too-large', 'unsupported-media-type', 'not-found', 'method-not-allowed'])(
    'answers GET /problems/%s',
    async (slug) => {
      const res = await fetchPath(`/problems/${slug}`);
      expect(res.status).toBe(200);
      expect((await res.json<{ type: string }>()).type).toBe(`/problems/${slug}`);
    },
  );

  it('answers 404 for a problem type that does not exist, including inherited object keys', async () => {
    await expectProblem(await fetchPath('/problems/nope'), 404);
    await expectProblem(await fetchPath('/problems/constructor'), 404);
    await expectProblem(await fetchPath('/problems/__proto__'), 404);
  });

  it('answers every problem type a response uses', async () => {
    const responses = [
      await post({}),
      await postText('{'),
      await postText('{}', 'text/plain'),
      await fetchPath('/nope'),
      await fetchPath('/v1/market-cap'),
    ];
    for (const res of responses) {
      const { type } = await res.json<{ type: string }>();
      expect((await fetchPath(type)).status, type).toBe(200);
    }
  });
});

describe('GET /health, HEAD, CORS', () => {
  it('answers GET /health with status and version', async () => {
    const res = await fetchPath('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', version: '0.1.0' });
  });

  it('answers HEAD /health with the headers of GET and no body', async () => {
    const res = await fetchPath('/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe('');
  });

  it('allows any origin on a response, including an error', async () => {
    const ok = await fetchPath('/health', { headers: { origin: 'https://docs.google.com' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const invalid = await fetchPath('/v1/market-cap', {
      method: 'POST',
      headers: { origin: 'https://example.org', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers an OPTIONS preflight for POST /v1/market-cap with JSON', async () => {
    const res = await fetchPath('/v1/market-cap', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });
});

describe('no input produces a 5xx', () => {
  const bodies: [string, string][] = [
    ['deeply nested arrays', `{"shareClasses":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['a huge exponent', '{"shareClasses":[{"shares":"1e9999999999999999999"}],"price":{"before":"1","after":"1"}}'],
    ['a tiny positive number', '{"shareClasses":[{"shares":"1e-400"}],"price":{"before":"1e-400","after":"1e-400"}}'],
    [
      'numbers at every bound',
      '{"shareClasses":[{"shares":"1e13","conversionRatio":"1e6"}],"price":{"before":"1e9","changePercent":"1e6"},"benchmark":{"changePercent":"1e6","beta":"-100"},"holders":[{"shares":"1e13"}],"revenueLoss":"1e-30"}',
    ],
    [
      'a long string',
      `{"currency":"${'A'.repeat(100_000)}","shareClasses":[{"shares":"1"}],"price":{"before":"1","after":"1"}}`,
    ],
    ['invalid UTF-8', '{"currency":"\udc00"}'],
    ['a lone value', '0'],
  ];
  it.each(bodies)('answers 4xx or 200 for %s', async (_, text) => {
    const res = await postText(text);
    expect(res.status, await res.clone().text()).toBeLessThan(500);
    if (res.status !== 200) expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the shared checks answer the same inside workerd as in Node', () => {
  // workerd's V8 is newer than Node 20's: its Intl takes "+05:00" as a time zone, which is not an IANA name
  it.each(['+05:00', '-04:00', 'Mars/Base', ''])('refuses the time zone %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it.each(['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'])('accepts the time zone %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it('knows the minor units of USD (2), JPY (0) and KWD (3), and refuses XXZ', () => {
    expect([currencyDigits('USD'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3]);
    expect(Currency.safeParse('XXZ').success).toBe(false);
  });
});
