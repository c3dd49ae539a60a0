import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import atlantic from '../../examples/atlantic-2014-08-01.json';
import atlanticAsPublished from '../../examples/atlantic-2014-08-01.as-published.json';
import ccn from '../../examples/ccn-2019-03-13.json';
import ccnAsPublished from '../../examples/ccn-2019-03-13.as-published.json';
import fortune from '../../examples/fortune-2021-10-04.json';
import fortuneAsPublished from '../../examples/fortune-2021-10-04.as-published.json';
import ladbible from '../../examples/ladbible-2024-03-05.json';
import snopes from '../../examples/snopes-2021-10-04.json';
import snopesAsPublished from '../../examples/snopes-2021-10-04.as-published.json';
import whatdope from '../../examples/whatdope-2021-10-04.json';
import whatdopeAsPublished from '../../examples/whatdope-2021-10-04.as-published.json';
import { PlatformLossResponse } from '../../schemas/platform';

// Each examples/*.json is a published estimate of a past Meta (Facebook) outage, posted as is. The
// expected figures are worked out by hand below from the inputs the publication states; examples/README.md
// and docs/methodology.md's table compare them with the published figures. `*.as-published.json` repeats the
// publication's own shortcut (a wrong day count, or an hourly rate rounded first) to show where its
// figure came from.

async function estimate(body: unknown): Promise<PlatformLossResponse> {
  const res = await exports.default.fetch('http://localhost/v1/platform-loss', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return PlatformLossResponse.parse(await res.json());
}

describe('examples/: published estimates of past Meta outages', () => {
  it('Fortune, 4 Oct 2021: $29.08B over 2021-Q2, 11:30-19:00 ET', async () => {
    // 2021-Q2 = 30 + 31 + 30 = 91 days = 2,184 h. 29,080,000,000 ÷ 91 = 319,560,439.56 a day (Fortune: $319.6M).
    // ÷ 2,184 = 13,315,018.315… an hour (Fortune: $13.3M). 11:30-19:00 EDT is 7.5 h:
    // 13,315,018.315… × 7.5 = 99,862,637.3626… → 99,862,637.36 (Fortune: $99.75M = 7.5 × $13.3M).
    expect(await estimate(fortune)).toMatchObject({
      revenuePerDay: '319560439.56',
      revenuePerHour: '13315018.32',
      outageMinutes: '450.00',
      grossLoss: '99862637.36',
    });
    // As published: the hourly rate rounded to $13.3M first; 13,300,000 × 7.5 = 99,750,000.00.
    expect((await estimate(fortuneAsPublished)).grossLoss).toBe('99750000.00');
  });

  it('Snopes, 4 Oct 2021: $28.58B ad revenue over 2021-Q2, 5 hours', async () => {
    // Correct day count: 28,580,000,000 ÷ 91 = 314,065,934.0659… a day; ÷ 2,184 h = 13,086,080.586… an hour;
    // × 5 = 65,430,402.930… → 65,430,402.93.
    expect(await estimate(snopes)).toMatchObject({
      revenuePerDay: '314065934.07',
      revenuePerHour: '13086080.59',
      outageMinutes: '300.00',
      grossLoss: '65430402.93',
    });
    // Snopes divided by 90 days (2,160 h), not 91:
    // 28,580,000,000 ÷ 90 = 317,555,555.555… → 317,555,555.56 a day (Snopes: $317,555,555.56)
    // ÷ 2,160 = 13,231,481.481… an hour (Snopes: $13,231,481.48); ÷ 60 = 220,524.6913… a minute (Snopes: $220,524.69);
    // ÷ 3,600 = 3,675.41152… a second (Snopes: $3,675.41); × 5 h = 66,157,407.407… → 66,157,407.41 (Snopes: "$66 million").
    expect(await estimate(snopesAsPublished)).toMatchObject({
      periodHours: '2160.00',
      revenuePerDay: '317555555.56',
      revenuePerHour: '13231481.48',
      revenuePerMinute: '220524.6914',
      revenuePerSecond: '3675.4115',
      grossLoss: '66157407.41',
    });
  });

  it('@whatdope quoted by Indy100, 4 Oct 2021: $84.2B ad revenue over 2020', async () => {
    // 2020 was a leap year: 366 days = 8,784 h = 527,040 min = 31,622,400 s.
    // 84,200,000,000 ÷ 527,040 = 159,760.1700… a minute (527,040 × 159,760 = 84,199,910,400; 89,600 ÷ 527,040 = 0.17000…)
    // ÷ 31,622,400 = 2,662.66950… a second (31,622,400 × 2,662 = 84,178,828,800; 21,171,200 ÷ 31,622,400 = 0.66950…)
    // 7.5 h × 84,200,000,000 ÷ 8,784 = 631,500,000,000 ÷ 8,784 = 71,892,076.502… → 71,892,076.50
    expect(await estimate(whatdope)).toMatchObject({
      periodHours: '8784.00',
      revenuePerMinute: '159760.1700',
      revenuePerSecond: '2662.6695',
      grossLoss: '71892076.50',
    });
    // As published, 365 days: ÷ 525,600 min = 160,197.8691… ("around $160,000"); ÷ 31,536,000 s = 2,669.96448… ("$2,670")
    // (525,600 × 160,197 = 84,199,543,200; 456,800 ÷ 525,600 = 0.86910…; 31,536,000 × 2,669 = 84,169,584,000; 30,416,000 ÷ 31,536,000 = 0.96448…)
    // 7.5 h: 631,500,000,000 ÷ 8,760 = 72,089,041.095… → 72,089,041.10
    expect(await estimate(whatdopeAsPublished)).toMatchObject({
      periodHours: '8760.00',
      revenuePerMinute: '160197.8691',
      revenuePerSecond: '2669.9645',
      grossLoss: '72089041.10',
    });
  });

  it('LADbible, 5 Mar 2024: $38.7B ad revenue over 2023-Q4, 10:00-12:00 ET', async () => {
    // 2023-Q4 = 31 + 30 + 31 = 92 days = 2,208 h (LADbible: 92 days).
    // 38,700,000,000 ÷ 92 = 420,652,173.913… a day (LADbible: about $420M);
    // ÷ 2,208 = 17,527,173.913… an hour (about $17.5M); ÷ 132,480 min = 292,119.5652… a minute ($292,119);
    // 10:00-12:00 EST is 2 h: 2 × 17,527,173.913… = 35,054,347.826… → 35,054,347.83 (LADbible gave no total).
    expect(await estimate(ladbible)).toMatchObject({
      periodHours: '2208.00',
      revenuePerDay: '420652173.91',
      revenuePerHour: '17527173.91',
      revenuePerMinute: '292119.5652',
      outageMinutes: '120.00',
      grossLoss: '35054347.83',
    });
  });

  it('CCN, 13 Mar 2019: $55.8B revenue over 2018, 14 hours', async () => {
    // 2018 = 365 days = 8,760 h. 55,800,000,000 ÷ 365 = 152,876,712.33 a day (CCN: $152.9M);
    // ÷ 8,760 = 6,369,863.0136… an hour (CCN: $6.4M); ÷ 525,600 min = 106,164.38356… a minute (CCN: $106,700);
    // 12:00 EDT 13 Mar to 02:00 EDT 14 Mar is 14 h: 14 × 6,369,863.0136… = 89,178,082.191… → 89,178,082.19 (CCN: $89.6M).
    expect(await estimate(ccn)).toMatchObject({
      revenuePerDay: '152876712.33',
      revenuePerHour: '6369863.01',
      revenuePerMinute: '106164.3836',
      outageMinutes: '840.00',
      grossLoss: '89178082.19',
    });
    // As published: $6.4M an hour × 14 = 89,600,000.00; 6,400,000 ÷ 60 = 106,666.6667 a minute (CCN: $106,700).
    expect(await estimate(ccnAsPublished)).toMatchObject({ revenuePerMinute: '106666.6667', grossLoss: '89600000.00' });
  });

  it('The Atlantic, 1 Aug 2014: $2.91B revenue over 2014-Q2, 12:08-12:27 ET', async () => {
    // 2014-Q2 = 91 days = 131,040 min. 2,910,000,000 ÷ 131,040 = 22,206.9597… a minute;
    // 19 min × 2,910,000,000 ÷ 131,040 = 55,290,000,000 ÷ 131,040 = 421,932.234… → 421,932.23.
    expect(await estimate(atlantic)).toMatchObject({
      revenuePerMinute: '22206.9597',
      outageMinutes: '19.00',
      grossLoss: '421932.23',
    });
    // The Atlantic counted "90 days, from April 1 to June 30": 2,910,000,000 ÷ 90 = 32,333,333.33 a day ($32,333,333);
    // ÷ 2,160 = 1,347,222.22 an hour ($1,347,222); ÷ 129,600 = 22,453.7037… a minute ($22,453);
    // 19 min: 55,290,000,000 ÷ 129,600 = 426,620.370… → 426,620.37 (The Atlantic: $426,607 = 19 × $22,453).
    expect(await estimate(atlanticAsPublished)).toMatchObject({
      revenuePerDay: '32333333.33',
      revenuePerHour: '1347222.22',
      revenuePerMinute: '22453.7037',
      grossLoss: '426620.37',
    });
  });
});
