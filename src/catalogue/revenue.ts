import type { Source } from './sources';

/**
 * Meta's reported revenue, total and advertising, each figure with the source it was read in (DESIGN.md
 * section 11). Amounts are whole US dollars. A figure published in millions ("33,671") is exact to the
 * million; one published in billions ("$32.64bn") is exact only to the $10 million its digits show, and
 * `asPublished` keeps the wording so that nobody mistakes it for more. A figure that the sources read do
 * not agree on, or that none states, is `unconfirmed` with the reason, and cannot be used by reference.
 */

export type RevenueKind = 'total' | 'advertising';

export type RevenueFigure =
  | { status: 'confirmed'; amount: string; asPublished: string; source: Source }
  | { status: 'unconfirmed'; amount: null; reason: string; sources: Source[] };

export interface RevenuePeriodEntry {
  platform: 'meta';
  /** A calendar quarter (`2021-Q4`) or a calendar year (`2018`); Meta's fiscal year is the calendar year. */
  period: string;
  currency: 'USD';
  total: RevenueFigure;
  advertising: RevenueFigure;
  /** The results were public on or before this date (UTC); what a journalist could have used from then on. */
  publishedBy: string;
  publishedSource: Source;
}

const RESULTS_2018: Source = {
  title: 'Facebook Reports Fourth Quarter and Full Year 2018 Results (Exhibit 99.1)',
  publisher: 'Facebook, Inc. (SEC EDGAR)',
  url: 'https://www.sec.gov/Archives/edgar/data/1326801/000132680119000003/fb-12312018xex991.htm',
  quote:
    'In millions … Revenue: Advertising $ 16,640 $ 12,779 30 % $ 55,013 $ 39,942 38 % Payments ' +
    'and other fees 274 193 42 % 825 711 16 % Total revenue 16,914 12,972 30 % 55,838 40,653 37 %',
};
const RESULTS_2018_DATE: Source = {
  title: 'Facebook Reports Fourth Quarter and Full Year 2018 Results (EX-99.1 fb-12312018xex991.htm)',
  publisher: 'Facebook, Inc. (copy at RocketFinancial)',
  url: 'https://rocketfinancial.com/FetchDoc.aspx?fid=6998686',
  quote:
    'MENLO PARK, Calif. – January 30, 2019 – Facebook, Inc. (Nasdaq: FB) today ' +
    'reported financial results for the quarter and full year ended December 31, 2018.',
};
const RESULTS_2019_Q1: Source = {
  title: 'Facebook Reports First Quarter 2019 Results (Exhibit 99.1)',
  publisher: 'Facebook, Inc. (SEC EDGAR)',
  url: 'https://www.sec.gov/Archives/edgar/data/1326801/000132680119000035/fb-03312019xex991.htm',
  quote:
    'MENLO PARK, Calif. – April 24, 2019 – Facebook, Inc. (Nasdaq: FB) today reported financial ' +
    'results for the quarter ended March 31, 2019. … In millions … Revenue: Advertising $ ' +
    '14,912 $ 11,795 26 % Payments and other fees 165 171 (4 )% Total revenue 15,077 11,966 26 %',
};
const ZDNET_2021_Q2: Source = {
  title: 'Facebook beats Q2 estimates as ad revenue climbs',
  publisher: 'ZDNet',
  url: 'https://www.zdnet.com/article/facebook-beats-q2-estimates-as-ad-revenue-climbs/',
  quote:
    'Revenue came to $29.08 billion, up 56 percent year-over-year. … ' +
    'Advertising revenue for the quarter was $28.58 billion, up 56 percent.',
};
const TREND_2021_Q2: Source = {
  title: "Facebook's Q2 net income doubles (dated 2021-07-29)",
  publisher: 'Trend News Agency (Xinhua)',
  url: 'https://en.trend.az/business/it/3462091.html',
  quote:
    'Revenue for the quarter hit 29.08 billion dollars, up 56 percent year over year from ' +
    '18.69 billion dollars, with advertising revenue rising to 28.58 billion dollars',
};
const SOCIALSAMOSA_2021_Q3: Source = {
  title: 'Key takeaways from Facebook Q3 2021 report',
  publisher: 'Social Samosa',
  url:
    'https://www.socialsamosa.com/2021/10/key-takeaways-from-facebook-q3-2021-report/?' +
    'utm_source=feedburner&utm_medium=feed&utm_campaign=Feed%3A+SocialSamosa+%28Social+Samosa%29',
  quote:
    'Total revenue generated accounts to 29,010 Mn USD, a 56% year-over-year increase ' +
    '… Advertising revenue accounted for 28,276 Mn USD, a 56% year-over-year increase',
};
const RESULTS_2021_Q3_DATE: Source = {
  title: 'Facebook Reports Third Quarter 2021 Results (copy)',
  publisher: 'Facebook, Inc. (PR Newswire, copied by bestshop.vn)',
  url: 'https://bestshop.vn/report-fb/',
  quote:
    'MENLO PARK, Calif., Oct. 25, 2021 /PRNewswire/ – Facebook, Inc. (Nasdaq: FB) ' +
    'today reported financial results for the quarter ended September 30, 2021.',
};
const RESULTS_2021_Q4: Source = {
  title: 'Meta Fourth Quarter and Full Year 2021 Financial Highlights (copy of the release)',
  publisher: 'Meta Platforms, Inc. (copied by cellit.in)',
  url:
    'https://cellit.in/it/we-had-a-solid-quarter-as-people-turned-to-our-' +
    'products-to-stay-connected-mark-zuckerberg-founder-and-ceo-meta/',
  quote:
    'In millions, except percentages and per share amounts … ' +
    'Total revenue $ 33,671 $ 28,072 20% $ 117,929 $ 85,965 37%',
};
const NSBUSINESSHUB_2021_Q4: Source = {
  title: 'Meta Q4 2021 results',
  publisher: 'NS Business Hub',
  url: 'https://www.ns-businesshub.com/technology/meta-q4-2021-results/',
  quote:
    "Meta's advertising revenue for Q4 2021 was $ 32.64bn, " +
    'compared to $27.18bn in the same period of the previous year.',
};
const INVESTOPEDIA_2021_Q4_DATE: Source = {
  title: 'Facebook (Meta) Q4 2021 Earnings Report Recap',
  publisher: 'Investopedia',
  url:
    'https://link.investopedia.com/click/26622221.503738/' +
    'aHR0cHM6Ly93d3cuaW52ZXN0b3BlZGlhLmNvbS9mYWNlYm9vay1tZXRhLXE0LWZ5MjAyMS1lYXJuaW5ncy1yZXBvcnQtcmVjYXAtNTIxNzgxO' +
    'D91dG1fc291cmNlPW5ld3MtdG8tdXNlJnV0bV9jYW1wYWlnbj1zYWlsdGhydV9zaWdudXBfcGFnZSZ1dG1fdGVybT0yNjYyMjIyMQ/' +
    '610d69e2cf1eac40c143007aB9f4610b7',
  quote:
    'Facebook, which was renamed Meta Platforms, Inc. (FB) in late ' +
    'October 2021, reported mixed Q4 FY 2021 earnings results on Feb. 2.',
};
const RESULTS_2023_Q4: Source = {
  title: 'Meta Reports Fourth Quarter and Full Year 2023 Results; Initiates Quarterly Dividend',
  publisher: 'Meta Platforms, Inc. (PR Newswire)',
  url:
    'https://www.prnewswire.com/news-releases/meta-reports-fourth-quarter-' +
    'and-full-year-2023-results-initiates-quarterly-dividend-302051285.html',
  quote:
    'MENLO PARK, Calif., Feb. 1, 2024 /PRNewswire/ -- Meta Platforms, Inc. (Nasdaq: META) today ' +
    'reported financial results for the quarter and full year ended December 31, 2023. … In ' +
    'millions, except percentages and per share amounts … Revenue $ 40,111 $ 32,165 25 %',
};
const STORYBOARD18_2023_Q4: Source = {
  title: "Meta's ad revenue surged 24 percent YoY, touches $38.7 bn in Q4",
  publisher: 'Storyboard18',
  url:
    'https://www.storyboard18.com/how-it-works/metas-ad-revenue-' +
    'surged-24-percent-yoy-touches-38-7-bn-in-q4-21626.htm',
  quote:
    "The company's ad revenue increased by 24 percent YoY and touched $38.7 " +
    'billion in Q4 as compared to $31.2 billion during the same period last year.',
};
const RESULTS_2024_Q1: Source = {
  title: 'Meta Reports First Quarter 2024 Results',
  publisher: 'Meta Platforms, Inc. (PR Newswire, carried by Stifel)',
  url: 'https://www.stifel.wallst.com/research/company/companyNews.asp?symbol=META&docKey=100-115p1809-1',
  quote:
    "Meta Reports First Quarter 2024 Results 4:05p ET April 24 '24 PR Newswire … In " +
    'millions, except percentages and per share amounts … Revenue $ 36,455 $ 28,645 27%',
};
const STORYBOARD18_2024_Q1: Source = {
  title: 'Meta Q1 2024 results: Ad revenue grows to over 35 billion dollars',
  publisher: 'Storyboard18',
  url:
    'https://www.storyboard18.com/social-media/meta-q1-2024-' +
    'results-ad-revenue-grows-to-over-35-billion-dollars-29865.htm',
  quote:
    "Meta's advertising revenues grew to $35.63 billion in the three " +
    'months ended March 31, 2024, up from $28.10 billion in Q1 2023.',
};
const MEZHA_2024_Q1: Source = {
  title: 'Meta showed better-than-expected financial results for the first quarter of 2024',
  publisher: 'Mezha.Media (citing CNBC)',
  url:
    'https://mezha.media/en/2024/04/25/meta-showed-better-than-expected-financial-' +
    'results-for-the-first-quarter-of-2024-but-this-did-not-help-the-share-price/',
  quote: 'It was also reported that advertising revenue in the first quarter increased by 27% to $35.64 billion.',
};
const SOCIALSAMOSA_2024_Q1: Source = {
  title: "Meta's profit in Q1 observes YoY growth",
  publisher: 'Social Samosa',
  url: 'https://www.socialsamosa.com/news-2/meta-profit-q1-observes-yoy-growth-user-base-4519760',
  quote:
    'In terms of ad revenue, Meta saw a significant jump to USD 35.365 ' +
    'billion from USD 28.101 billion in the same quarter of the prior year.',
};

const confirmed = (amount: string, asPublished: string, source: Source): RevenueFigure => ({
  status: 'confirmed',
  amount,
  asPublished,
  source,
});

export const META_REVENUE: readonly RevenuePeriodEntry[] = [
  {
    platform: 'meta',
    period: '2018',
    currency: 'USD',
    total: confirmed('55838000000', '55,838 (millions)', RESULTS_2018),
    advertising: confirmed('55013000000', '55,013 (millions)', RESULTS_2018),
    publishedBy: '2019-01-30',
    publishedSource: RESULTS_2018_DATE,
  },
  {
    platform: 'meta',
    period: '2018-Q4',
    currency: 'USD',
    total: confirmed('16914000000', '16,914 (millions)', RESULTS_2018),
    advertising: confirmed('16640000000', '16,640 (millions)', RESULTS_2018),
    publishedBy: '2019-01-30',
    publishedSource: RESULTS_2018_DATE,
  },
  {
    platform: 'meta',
    period: '2019-Q1',
    currency: 'USD',
    total: confirmed('15077000000', '15,077 (millions)', RESULTS_2019_Q1),
    advertising: confirmed('14912000000', '14,912 (millions)', RESULTS_2019_Q1),
    publishedBy: '2019-04-24',
    publishedSource: RESULTS_2019_Q1,
  },
  {
    platform: 'meta',
    period: '2021-Q2',
    currency: 'USD',
    // The exact millions (29,077 and 28,580 in FACTS.md) were not found in a stored copy; the billions were.
    total: confirmed('29080000000', '$29.08 billion', ZDNET_2021_Q2),
    advertising: confirmed('28580000000', '$28.58 billion', ZDNET_2021_Q2),
    publishedBy: '2021-07-29',
    publishedSource: TREND_2021_Q2,
  },
  {
    platform: 'meta',
    period: '2021-Q3',
    currency: 'USD',
    total: confirmed('29010000000', '29,010 Mn USD', SOCIALSAMOSA_2021_Q3),
    advertising: confirmed('28276000000', '28,276 Mn USD', SOCIALSAMOSA_2021_Q3),
    publishedBy: '2021-10-25',
    publishedSource: RESULTS_2021_Q3_DATE,
  },
  {
    platform: 'meta',
    period: '2021-Q4',
    currency: 'USD',
    total: confirmed('33671000000', '33,671 (millions)', RESULTS_2021_Q4),
    // The release's own line (in millions) was not in a stored copy; two reports give $32.64bn.
    advertising: confirmed('32640000000', '$32.64bn', NSBUSINESSHUB_2021_Q4),
    publishedBy: '2022-02-02',
    publishedSource: INVESTOPEDIA_2021_Q4_DATE,
  },
  {
    platform: 'meta',
    period: '2023-Q4',
    currency: 'USD',
    total: confirmed('40111000000', '40,111 (millions)', RESULTS_2023_Q4),
    advertising: confirmed('38700000000', '$38.7 billion', STORYBOARD18_2023_Q4),
    publishedBy: '2024-02-01',
    publishedSource: RESULTS_2023_Q4,
  },
  {
    platform: 'meta',
    period: '2024-Q1',
    currency: 'USD',
    total: confirmed('36455000000', '36,455 (millions)', RESULTS_2024_Q1),
    advertising: {
      status: 'unconfirmed',
      amount: null,
      reason:
        'The copies read disagree ($35.63 billion, $35.64 billion, USD 35.365 billion) and the release ' +
        'copy read states only total revenue; use the total, or give the amount yourself with its source.',
      sources: [STORYBOARD18_2024_Q1, MEZHA_2024_Q1, SOCIALSAMOSA_2024_Q1],
    },
    publishedBy: '2024-04-24',
    publishedSource: RESULTS_2024_Q1,
  },
];
