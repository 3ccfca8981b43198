id = tiktok
name = TikTok (international)
vendor = ByteDance / TikTok Pte. Ltd.
status = ok
confidence = high
domains = musical.ly tiktokcdn.com musemuse.cn tiktokv.com tiktokv.us
	tiktokv.eu muscdn.com tiktok.com tik-tokcdn.com tiktokcdn-us.com
	tiktokcdn-eu.com bytedapm.com tik-tokapi.com tiktok-minis.com
	tiktok-row.net tiktokd.net tiktokd.org tiktokeu-cdn.com
	tiktokglobalshopv.com tiktokminis.us tiktokrow-cdn.com
	tiktokw.eu tiktokw.us ttcdn-us.com ttlivecdn.com ttoverseaus.net
	ttwstatic.com tiktokcdn-us.com.edgesuite.net
	tiktokcdn.com.akamaized.net tiktokcdn.com.edgesuite.net
	tiktokv.com.edgekey.net tiktokv.com.edgesuite.net
hosts = p16-tiktok-sign-va-h2.ibyteimg.com p16-tiktok-sg.ibyteimg.com
	p16-tiktok-va.ibyteimg.com p16-musical-va.ibyteimg.com
	p16-musical-sg.ibyteimg.com p16-va-tiktok.ibyteimg.com
	p16-ad-sg.ibyteimg.com p21-ad-sg.ibyteimg.com
	p16-tiktok-va-h2.ibyteimg.com p16-tiktokcdn-com.akamaized.net
	p16-va-default.akamaized.net tiktokcdn.liveplay.myqcloud.com
	v19.byteicdn.com v16m.byteicdn.com
	roovza-launches.appsflyersdk.com roovza.inapps.appsflyersdk.com
	roovza.launches.appsflyersdk.com roovza.skadsdk.appsflyersdk.com
	lf16-effectcdn.byteeffecttos-g.com
	lf16-pkgcdn.pitaya-clientai.com
	ttlivecdn.com.c.bytefcdn-oversea.com
shared_domains = byteoversea.com bytecdn.cn byted.org ibyteimg.com
	ibytedtos.com ipstatp.com isnssdk.com sgpstatp.com sgsnssdk.com
	bytegecko-i18n.com bytegecko.com snssdk.com byteimg.com
	pstatp.com bdurl.com bytedance.map.fastly.net
shared_ipv4 = 71.18.0.0/21 71.18.32.0/21 71.18.48.0/21 71.18.8.0/22
	71.18.16.0/22 71.18.24.0/22 71.18.56.0/22 101.45.248.0/22
	103.136.220.0/22 139.177.236.0/22 139.177.240.0/22
	147.160.180.0/22 147.160.188.0/22 71.18.20.0/23 71.18.28.0/23
	71.18.44.0/23 71.18.250.0/23 71.18.252.0/23 101.45.192.0/23
	130.44.214.0/23 139.177.226.0/23 139.177.232.0/23
	139.177.246.0/23 147.160.176.0/23 147.160.184.0/23
	192.64.14.0/23 71.18.12.0/24 71.18.15.0/24 71.18.31.0/24
	71.18.40.0/24 71.18.43.0/24 71.18.247.0/24 71.18.248.0/24
	71.18.255.0/24 118.26.132.0/24 130.44.212.0/24 139.177.225.0/24
	139.177.229.0/24 139.177.230.0/24 139.177.235.0/24
	139.177.245.0/24 139.177.248.0/24 147.160.178.0/24
	147.160.187.0/24 199.103.24.0/24
shared_ipv6 = 2605:340:f090::/45 2404:9dc0:cd06::/47 2605:340::/47
	2605:340:f01a::/47 2605:340:f020::/47 2605:340:f064::/47
	2605:340:f07e::/47 2605:340:f082::/47 2605:340:f086::/47
	2605:340:f08a::/47 2605:340:f098::/47 2404:8d04:2643::/48
	2404:8d04:4642::/48 2404:9dc0:cd01::/48 2404:9dc0:cd03::/48
	2404:9dc0:cd05::/48 2605:340:100::/48 2605:340:f01e::/48
	2605:340:f025::/48 2605:340:f026::/48 2605:340:f030::/48
	2605:340:f03d::/48 2605:340:f03e::/48 2605:340:f062::/48
	2605:340:f06a::/48 2605:340:f06e::/48 2605:340:f07d::/48
	2605:340:f080::/48 2605:340:f085::/48 2605:340:f089::/48
ip_source = ipverse/asn-ip as/138699/aggregated.json (handle
	TIKTOK-AS-AP, "TIKTOK PTE. LTD") + as/396986/aggregated.json
	(handle BYTEDANCE, "Bytedance Inc.")
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_content_match.c.inc
	(TikTok)
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/tiktok
source = blackmatrix7/ios_rule_script rule/Clash/TikTok/TikTok.list
	(UPDATED 2023-11-24)
source = AdGuardTeam/HostlistsRegistry services/tiktok.yml
source = nDPI test pcap sites.pcapng (SNI vcs-va.tiktokv.com)
notes = Most TikTok media comes from third-party CDNs (Akamai,
	edgesuite/edgekey, Fastly, myqcloud). In sites.pcapng the TikTok
	TLS flow went to 92.122.95.99, which is outside the listed ASNs,
	so match on SNI or DNS rather than IP. blackmatrix7 also lists
	capcut.com and AdGuard "tiktok" also lists Douyin domains
	(amemv/douyin*/huoshan*). CapCut is left out here and the Douyin
	names are under douyin. nDPI assigns byteoversea.com, bytecdn.cn
	and byted.org to TikTok, but these are ByteDance-wide, so they
	are listed as shared. The p16-*.ibyteimg.com image hosts are
	TikTok-specific (nDPI).
