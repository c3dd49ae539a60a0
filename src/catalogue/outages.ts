import type { Source } from './sources';

/**
 * Past outages, each with the sources its times were read in (DESIGN.md section 11). Pure data: a
 * reviewer can check every line against its quote. Times are UTC; a local time in a source is converted
 * in the comment beside it. Where sources disagree, the window takes the best-supported time and the
 * `…Earliest` / `…Latest` bounds span what the sources say, so "about 10 a.m." is a range, not a minute.
 */

/** A half-open window [start, end) in UTC, with the sourced range of each end. */
export interface CatalogueWindow {
  start: string;
  end: string;
  startEarliest: string;
  startLatest: string;
  endEarliest: string;
  endLatest: string;
}

export interface CatalogueOutage {
  /** `<platform>-<UTC date of the start>`, lower case. */
  id: string;
  title: string;
  /** The company whose revenue the outage touched; its figures are at /v1/platforms/{platform}/revenue. */
  platform: 'meta' | 'google';
  services: string[];
  cause: string;
  windows: CatalogueWindow[];
  sources: Source[];
  /** What else happened that day that moves the same numbers, or what to know before using the window. */
  notes: string[];
}

const CLOUDFLARE_2021: Source = {
  title: 'Understanding how Facebook disappeared from the Internet',
  publisher: 'Cloudflare',
  url: 'https://blog.cloudflare.com/october-2021-facebook-outage/?ref=letters.acacess.com',
  quote: 'Today at 15:51 UTC, we opened an internal incident entitled "Facebook DNS lookup returning SERVFAIL"',
};

const CLOUDFLARE_2021_QUOTED: Source = {
  title: 'How Facebook disappeared from the internet (quoting Cloudflare)',
  publisher: 'Cloudflare, quoted by FlowingData',
  url: 'https://flowingdata.com/2021/10/04/how-facebook-disappeared-from-the-internet/',
  quote: "But at around 15:40 UTC we saw a peak of routing changes from Facebook. That's when the trouble began.",
};

export const OUTAGES: readonly CatalogueOutage[] = [
  {
    id: 'meta-2019-03-13',
    title: 'Facebook, Instagram, Messenger and WhatsApp down for most of a day',
    platform: 'meta',
    services: ['Facebook', 'Instagram', 'Messenger', 'WhatsApp', 'Oculus'],
    cause: 'A server configuration change (Facebook, the next day).',
    windows: [
      {
        // 12:01 EDT (UTC-4; DST began 10 March 2019) per DownDetector; "just before 9 a.m." Pacific (PDT, UTC-7).
        start: '2019-03-13T16:00:00Z',
        startEarliest: '2019-03-13T16:00:00Z',
        startLatest: '2019-03-13T16:01:00Z',
        // "until midnight" Eastern = 04:00 UTC; the developer status page listed 22 hours (16:00 + 22 h).
        end: '2019-03-14T04:00:00Z',
        endEarliest: '2019-03-14T04:00:00Z',
        endLatest: '2019-03-14T14:00:00Z',
      },
    ],
    sources: [
      {
        title:
          'The worst drop in the history of Facebook, Instagram and WhatsApp was due to "a change in server settings"',
        publisher: 'Samagame',
        url:
          'https://samagame.com/en/the-worst-drop-in-the-history-of-facebook-' +
          'instagram-and-whatsapp-was-due-to-a-change-in-server-settings/',
        quote:
          'a massive drop left millions of users around the world without being able to access ' +
          'Facebook, Instagram, WhatsApp and Messenger. … This affectation also reached Oculus',
      },
      {
        title: 'Facebook & Instagram experience massive outage across US & Europe',
        publisher: 'World News Network (citing DownDetector)',
        url: 'https://worldnewznetwork.com/2019/03/13/facebook-instagram-experience-massive-outage-across-us-europe/',
        quote:
          'users … have reported being unable to log in or post on ' +
          'their feeds from 12:01pm EDT, according to DownDetector.',
      },
      {
        title: 'Facebook, Instagram having outage issues around the world',
        publisher: 'KSBY (California)',
        url: 'https://www.ksby.com/news/2019/03/13/facebook-instagram-having-outage-issues-around-the-world',
        quote: 'The website reported that the problems began just before 9 a.m.',
      },
      {
        title: 'Did You Survive The The Great Facebook & Instagram Outage Of 2019?',
        publisher: 'KLUV (Radio.com)',
        url:
          'https://kluv.radio.com/blogs/miles-morning/wednesdays-' +
          'facebook-outage-was-longest-social-networks-history',
        quote:
          'For many users, the outage started around 12PM Eastern and lasted ' +
          "until midnight, the longest in the social network's history.",
      },
      {
        title: 'Facebook and Instagram Suffer Lengthy Outages',
        publisher: 'The Wall Street Journal (WSJ City, carried by MarketScreener)',
        url:
          'https://www.marketscreener.com/FACEBOOK-10547141/news/Facebook-and-Instagram-' +
          'Suffer-Lengthy-Outages-28170560/?utm_medium=RSS&utm_content=20190315',
        quote:
          '"Yesterday, as a result of a server configuration change, many people had trouble ' +
          'accessing our apps and services." … A Facebook status page for developers ' +
          'listed the outage as lasting 22 hours. … Some users reported lingering issues.',
      },
    ],
    notes: [
      'Recovery was uneven: the developer status page counted 22 hours and some users ' +
        'reported lingering issues; the window ends when most users had service back.',
      "CCN's published estimate used 14 hours (examples/ccn-2019-03-13.json).",
    ],
  },
  {
    id: 'google-2020-12-14',
    title: 'Google sign-in outage: YouTube, Gmail, Drive and Cloud return errors',
    platform: 'google',
    services: ['YouTube', 'Gmail', 'Google Drive', 'Google Workspace', 'Google Cloud Platform'],
    cause: "An automated quota management error reduced the capacity of Google's central identity (User ID) service.",
    windows: [
      {
        // 03:46-04:33 US/Pacific (PST, UTC-8) per Google's incident report; its spokesperson said 3:47 and 4:32.
        start: '2020-12-14T11:46:00Z',
        startEarliest: '2020-12-14T11:46:00Z',
        startLatest: '2020-12-14T11:47:00Z',
        end: '2020-12-14T12:33:00Z',
        endEarliest: '2020-12-14T12:32:00Z',
        endLatest: '2020-12-14T12:33:00Z',
      },
    ],
    sources: [
      {
        title: 'Google Cloud Infrastructure Components Incident #20013',
        publisher: 'Google Cloud Status Dashboard',
        url: 'http://status.cloud.google.com/incident/zall/20013',
        quote:
          'On Monday 14 December, 2020, for a duration of 47 minutes, customer-facing ' +
          'Google services that required Google OAuth access were unavailable.',
      },
      {
        title: 'Google explains the reason for the recent outage (quoting the incident report)',
        publisher: 'Fox21 News',
        url: 'https://fox21.news/google-explains-the-reason-for-the-recent-outage-of-gmail-gmail.html',
        quote:
          '"On Monday, December 14, 2020, from 03:46 to 04:33 US / Pacific, the issuance of credentials ' +
          'and search of account metadata for all Google user accounts failed," Google explained.',
      },
      {
        title: "Global Google downtime caused by 'internal storage' issue",
        publisher: 'Silicon Republic (Google spokesperson to TechCrunch)',
        url: 'https://www.siliconrepublic.com/business/why-google-went-down-december-outage',
        quote:
          '"Today, at 3.47am PT, Google experienced an authentication system outage for approximately 45 minutes ' +
          'due to an internal storage quota issue. … The authentication system issue was resolved at 4:32am PT."',
      },
    ],
    notes: [
      'The dashboard page header gives the Cloud incident as 04:07-06:23 US/Pacific: ' +
        'that is how long the incident was open, not the 47 minutes of the outage.',
      'Some pages give the start as 03:46 UTC; the incident report ' +
        'says US/Pacific, which in December is UTC-8 (11:46 UTC).',
      'No Google revenue figures are in the catalogue yet, so this outage links to none.',
    ],
  },
  {
    id: 'meta-2021-10-04',
    title: 'Facebook, Instagram, WhatsApp, Messenger and Oculus disconnected from the Internet',
    platform: 'meta',
    services: ['Facebook', 'Instagram', 'WhatsApp', 'Messenger', 'Oculus'],
    cause: "A configuration change on Facebook's backbone routers withdrew the BGP routes to its DNS servers.",
    windows: [
      {
        // Kentik saw the BGP update at 11:39 a.m. ET (EDT, UTC-4) = 15:39 UTC; CBS: from 10:45 a.m. CDT (UTC-5).
        start: '2021-10-04T15:39:00Z',
        startEarliest: '2021-10-04T15:39:00Z',
        startLatest: '2021-10-04T15:45:00Z',
        // BGP restored about 20:50, DNS answering again at 21:05; applications more than an hour later.
        end: '2021-10-04T21:05:00Z',
        endEarliest: '2021-10-04T20:50:00Z',
        endLatest: '2021-10-04T22:39:00Z',
      },
    ],
    sources: [
      CLOUDFLARE_2021,
      CLOUDFLARE_2021_QUOTED,
      {
        title: 'WhatsApp, Facebook & Instagram all Go Down Simultaneously (quoting The New York Times)',
        publisher: 'The New York Times, quoted by Wired2News',
        url:
          'https://wired2news.co.za/2021/10/04/whatsapp-facebook-instagram-' +
          'all-go-down-simultaneously-but-what-caused-the-worldwide-outage/',
        quote:
          'Facebook, Instagram, WhatsApp, Facebook Messenger and Oculus — ' +
          'began displaying error messages around 11:40 a.m. Eastern time',
      },
      {
        title: 'Facebook is Down, Here are Alternate Macon Media Links (quoting Krebs on Security)',
        publisher: 'Krebs on Security, quoted by thunderpigblog',
        url: 'https://thunderpigblog.blogspot.com/2021/10/facebook-is-down-here-are-alternate.html',
        quote:
          'Madory said at approximately 11:39 a.m. ET today (15:39 UTC), someone at Facebook ' +
          "caused an update to be made to the company's Border Gateway Protocol (BGP) records.",
      },
      {
        title: '2021 Facebook outage (Wikipedia, mirrored copy)',
        publisher: 'Wikipedia',
        url: 'https://vuink.com/post/ra-d-djvxvcrqvn-d-dbet/wiki/2021_Facebook_outage',
        quote:
          'Border Gateway Protocol (BGP) routing was restored for the affected prefixes at ' +
          'about 20:50, and DNS services began to be available again at 21:05 UTC, but ' +
          'application-layer services were slowly restored to Facebook, Instagram, and WhatsApp ' +
          'more than an hour later, with the outage lasting over seven hours in total.',
      },
      {
        title:
          "Facebook, Instagram Crashed For Several Hours Worldwide, Social Media Giant 'Apologizes For Inconvenience'",
        publisher: 'CBS Chicago',
        url: 'https://www.cbsnews.com/chicago/news/facebook-instagram-down-crash/',
        quote:
          'Users were unable to access those sites, starting around 10:45 a.m. Chicago time. ' +
          'Facebook and Instagram began to become available to users around 4:30 p.m., Chicago time.',
      },
      {
        title: 'Facebook, WhatsApp, Instagram suffer worldwide outage',
        publisher: 'Associated Press (carried by webjosh.com)',
        url: 'https://webjosh.com/article/facebook-whatsapp-instagram-suffer-worldwide-outage-1633398918-11255',
        quote:
          'Facebook did not say what might have caused the outage, which began around ' +
          '11:40 a.m. ET … Haugen went public on CBS\'s "60 Minutes" program Sunday ' +
          'and is scheduled to testify before a Senate subcommittee Tuesday.',
      },
      {
        title: "FAQ's: Navigating the Recent Facebook Outage",
        publisher: 'Disruptive Advertising (quoting Facebook to advertisers)',
        url: 'https://disruptiveadvertising.com/blog/social-media/faqs-navigating-the-recent-facebook-outage/',
        quote:
          'Ads did not deliver across Facebook apps, and advertisers were not billed ' +
          'during the outage. Ads are starting to deliver again, although advertisers ' +
          'may see accelerated delivery as our services recover from the outage.',
      },
    ],
    notes: [
      "The whistleblower Frances Haugen's 60 Minutes interview aired the evening " +
        'before (Sunday 3 October) and her Senate testimony followed on Tuesday 5 ' +
        "October: the share-price move of 4 October is not the outage's alone.",
      'Facebook told advertisers that ads did not deliver and were not billed during the outage, and that ' +
        'delivery might accelerate as services recovered: part of the unspent budget may have been spent later.',
      'The window runs from the BGP withdrawal to DNS answering again; applications ' +
        'came back gradually up to about an hour and a half later (endLatest).',
    ],
  },
  {
    id: 'instagram-2021-10-08',
    title: 'Instagram and Messenger down again, four days after the October 4 outage',
    platform: 'meta',
    services: ['Instagram', 'Messenger'],
    cause: 'Not stated by Facebook.',
    windows: [
      {
        // DownDetector via BGR: 11:50 p.m. to 2:20 a.m. IST (UTC+5:30);
        // UNILAD: 17,273 reports by about 7:30 p.m. BST (UTC+1).
        start: '2021-10-08T18:20:00Z',
        startEarliest: '2021-10-08T18:20:00Z',
        startLatest: '2021-10-08T18:30:00Z',
        end: '2021-10-08T20:50:00Z',
        endEarliest: '2021-10-08T20:50:00Z',
        endLatest: '2021-10-08T20:50:00Z',
      },
    ],
    sources: [
      {
        title: 'Instagram, Facebook down globally for few hours last night, second time in a week',
        publisher: 'BGR India',
        url:
          'https://www.bgr.in/news/instagram-facebook-down-global-outage-few-hours-' +
          'last-night-second-time-in-a-week-reason-official-statement-1013664/',
        quote:
          'As per the outage tracking website DownDetector, the latest outage ' +
          'lasted little more than two hours, from 11:50pm IST to 2:20am IST.',
      },
      {
        title: 'Users Report Facebook And Instagram Have Crashed For The Second Time This Week',
        publisher: 'UNILAD',
        url:
          'https://www.unilad.co.uk/news/users-report-facebook-and-' +
          'instagram-have-crashed-for-the-second-time-this-week/',
        quote:
          'Downdector … revealed that 17,273 reports ' +
          'of outages were made on Instagram ' +
          'at around 7:30 pm UK time.',
      },
      {
        title: 'Facebook Messenger and Instagram hit by second outage in a week',
        publisher: 'The Guardian (Reuters)',
        url:
          'https://www.theguardian.com/technology/2021/oct/08/facebook-' +
          'messenger-and-instagram-hit-by-second-outage-in-a-week',
        quote:
          'Some users on Friday were unable to load their Instagram feeds, ' +
          'while others were not able to send messages on Facebook Messenger.',
      },
    ],
    notes: [
      'A partial outage (Instagram feeds and Messenger messages, not Facebook ' +
        'as a whole): give `deliveryLoss` or `affectedShare` below 1 for it.',
      "The end is DownDetector's, as reported by BGR; no other source gives one.",
    ],
  },
  {
    id: 'meta-2024-03-05',
    title: 'Facebook, Instagram, Messenger and Threads log users out',
    platform: 'meta',
    services: ['Facebook', 'Instagram', 'Messenger', 'Threads'],
    cause: 'A technical issue (Meta); users were logged out ("session expired") and could not log back in.',
    windows: [
      {
        // 10 a.m. ET (EST, UTC-5; DST began 10 March 2024) = 15:00 GMT per Reuters;
        // status page "major disruptions" at 10:17.
        start: '2024-03-05T15:00:00Z',
        startEarliest: '2024-03-05T15:00:00Z',
        startLatest: '2024-03-05T15:17:00Z',
        // Status page "being restored" 12:07, Meta's "resolved" post 12:19; another report says resolved at 12:36.
        end: '2024-03-05T17:19:00Z',
        endEarliest: '2024-03-05T17:07:00Z',
        endLatest: '2024-03-05T17:36:00Z',
      },
    ],
    sources: [
      {
        title: "Meta's Facebook, Instagram back up after global outage",
        publisher: 'Reuters (carried by Daily Maverick)',
        url: 'https://www.dailymaverick.co.za/article/2024-03-05-metas-facebook-instagram-back-up-after-global-outage/',
        quote:
          'Meta-owned Facebook and Instagram were back up on Tuesday after a more than two-hour outage … ' +
          'The disruptions started at around 10 a.m. ET (1500 GMT) … Meta META.O, whose shares were down ' +
          '1.2% in afternoon trading … However, the outage for WhatsApp and Threads was much smaller',
      },
      {
        title: 'Why Is Facebook Down Today? Meta Faces Widespread Outage',
        publisher: 'Topics Box',
        url:
          'https://topicsbox.com/amp/2024/03/06/why-is-facebook-down-' +
          'today-meta-faces-widespread-outage-sparking-global-frustration',
        quote:
          'The Facebook Login Status page acknowledged "major disruptions" at 10:17 a.m. … An update at ' +
          '12:07 p.m. stated that Facebook Login services were in the process of being restored … Meta ' +
          'spokesman Andy Stone reassured users at 12:19 p.m., stating that the company had resolved the issue',
      },
      {
        title: "Global Outage Sparks Chaos: 'Session Expired' Plagues Facebook and Meta Platforms",
        publisher: 'Topics Box',
        url:
          'https://topicsbox.com/2024/03/06/global-outage-sparks-' +
          'chaos-session-expired-plagues-facebook-and-meta-platforms/',
        quote: 'At 12:36 p.m. EST, Meta announced that they had successfully resolved the technical issue',
      },
      {
        title: "Meta's Facebook, Instagram back up after two-hour global outage",
        publisher: 'The Straits Times (Reuters)',
        url:
          'https://www.straitstimes.com/singapore/meta-services-' +
          'down-worldwide-facebook-instagram-among-those-affected',
        quote:
          'A deluge of reports to outage tracking website Downdetector cited ' +
          'problems with Facebook, Facebook Messenger, Instagram and Threads',
      },
    ],
    notes: [
      'Meta (META) shares were down 1.2 % in afternoon trading that ' +
        'day (Reuters), a move that need not be the outage alone.',
      'Users were logged out rather than the platform disappearing: some ads may still have been ' +
        'served to users who stayed logged in; WhatsApp and Threads were much less affected (Reuters).',
    ],
  },
];
