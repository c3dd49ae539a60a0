// Generated from examples/meta-ads-manager-2024-03.constructed-sample.csv (test/unit/web-price-csv.test.ts checks
// it still matches): a CONSTRUCTED sample, 12 made-up campaigns in Ads Manager's own columns, not real data.
// It is the import's opening example and the sample file offered for download.

export const SAMPLE_EXPORT_CSV = `"Reporting starts","Reporting ends","Campaign name","Campaign delivery",Results,"Result indicator","Cost per results","Ad set budget","Ad set budget type","Amount spent (EUR)",Ends,Impressions,"CPM (cost per 1,000 impressions) (EUR)","Link clicks","CPC (cost per link click) (EUR)","CTR (link click-through rate)","Purchases conversion value"
2024-02-01,2024-02-29,"Spring sale - prospecting",active,412,actions:offsite_conversion.fb_pixel_purchase,17.48,"Using campaign budget",0,7203.55,Ongoing,923526,7.80,8496,0.85,0.919952,28840.00
2024-02-01,2024-02-29,"Spring sale - retargeting",active,389,actions:offsite_conversion.fb_pixel_purchase,8.22,250,Daily,3196.40,Ongoing,201034,15.90,3417,0.94,1.699712,26841.00
2024-02-01,2024-02-29,"Brand awareness - video",active,612044,reach,0.0049,"Using campaign budget",0,2987.10,Ongoing,1493550,2.00,2987,1.00,0.199993,-
2024-02-01,2024-02-29,"Newsletter sign-ups",active,733,actions:offsite_conversion.fb_pixel_lead,2.86,70,Daily,2096.31,Ongoing,262039,8.00,4192,0.50,1.599762,-
2024-02-01,2024-02-29,"App installs - Android",active,1870,actions:mobile_app_install,1.60,100,Daily,2993.20,2024-04-30,427600,7.00,6652,0.45,1.555659,-
2024-02-01,2024-02-29,"Catalogue - dynamic ads",active,505,actions:offsite_conversion.fb_pixel_purchase,9.90,"Using campaign budget",0,4999.85,Ongoing,454532,11.00,6250,0.80,1.375041,37370.00
2024-02-01,2024-02-29,"Traffic - blog",active,5120,actions:link_click,0.29,50,Daily,1484.80,Ongoing,329956,4.50,5120,0.29,1.551722,-
2024-02-01,2024-02-29,"Easter preview - lookalike",active,118,actions:offsite_conversion.fb_pixel_purchase,16.94,"Using campaign budget",0,1998.92,2024-03-31,222102,9.00,2220,0.90,0.999541,8260.00
2024-02-01,2024-02-29,"Webinar leads",active,201,actions:offsite_conversion.fb_pixel_lead,7.44,"Using campaign budget",0,1495.44,Ongoing,124620,12.00,1496,1.00,1.200449,-
2024-02-01,2024-02-29,"Store visits - local",active,95311,reach,0.0105,40,Daily,1000.77,Ongoing,200154,5.00,1668,0.60,0.833358,-
2024-02-01,2024-02-29,"Loyalty - existing customers",active,260,actions:offsite_conversion.fb_pixel_purchase,9.61,"Using campaign budget",0,2498.60,Ongoing,147000,17.00,2082,1.20,1.416327,20800.00
2024-02-01,2024-02-29,"Clearance - last sizes",active,47,actions:offsite_conversion.fb_pixel_purchase,12.73,25,Daily,598.31,Ongoing,54392,11.00,748,0.80,1.375202,2350.00
`;
