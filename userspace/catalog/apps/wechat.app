id = wechat
name = WeChat
vendor = Tencent
status = ok
confidence = high
domains = wechat.com wechat.org wechatapp.com we.chat weixin.qq.com
	weixin.qq.com.cn weixinbridge.com wx.qq.com servicewechat.com
	wechatpay.cn weixin.com weixinsxy.com wxcloudrun.com
	wxgateway.com wxlivecdn.com mmbizurl.cn wxaurl.cn wxmpurl.cn
	vweixinthumb.tc.qq.com wechatlegal.net wechatos.net
	wechatpay.com wx.gtimg.com wxapp.tc.qq.com wxs.qq.com
hosts = mmsns.qpic.cn vweixinf.tc.qq.com weixin110.qq.com
	apd-pcdnwxlogin.teg.tencent-cloud.net
shared_domains = qpic.cn qlogo.cn tenpay.com gtimg.com map.qq.com
	iot-tencent.com up-hl.3g.qq.com yun-hl.3g.qq.com btrace.qq.com
	dldir1.qq.com wup.imtt.qq.com
shared_ipv4 = 43.136.0.0/13 1.12.0.0/14 49.232.0.0/14 81.68.0.0/14
	106.52.0.0/14 124.220.0.0/14 1.116.0.0/15 42.192.0.0/15
	43.128.0.0/15 43.144.0.0/15 43.154.0.0/15 43.156.0.0/15
	43.162.0.0/15 82.156.0.0/15 101.34.0.0/15 101.42.0.0/15
	111.230.0.0/15 118.24.0.0/15 119.28.0.0/15 121.4.0.0/15
	123.206.0.0/15 43.130.0.0/16 43.133.0.0/16 43.134.0.0/16
	43.153.0.0/16 43.161.0.0/16 43.167.0.0/16 62.234.0.0/16
	101.32.0.0/16 109.244.0.0/16 111.229.0.0/16 114.117.0.0/16
	114.132.0.0/16 115.159.0.0/16 118.89.0.0/16 119.45.0.0/16
	119.91.0.0/16 120.53.0.0/16 121.51.0.0/16 122.51.0.0/16
	124.156.0.0/16 128.108.0.0/16 129.28.0.0/16 129.204.0.0/16
	129.211.0.0/16 129.226.0.0/16 132.232.0.0/16 134.175.0.0/16
	139.155.0.0/16 139.186.0.0/16
shared_ipv6 = 2402:4e00::/32 240d:c000:2000::/35 240d:c000:1000::/36
	240d:c000:6000::/36 240d:c000:f020::/43 240d:c000:7000::/44
	240d:c000:f000::/44 240d:c010:20::/44 240d:c040::/44
	240d:c010::/47 240d:c010:30::/47 2001:df5:4500::/48
	240d:c010:14::/48 240d:c010:16::/48 240d:c010:50::/48
	240d:c010:58::/48 240d:c010:5b::/48 240d:c010:5c::/48
	240d:c010:68::/48 240d:c010:6c::/48
ip_source = nDPI ntop/nDPI@3b1286ab (2024-10-21)
	src/lib/inc_generated/ndpi_asn_tencent.c.inc (Tencent ASNs
	AS45090 AS132203 AS132591 AS133478 AS137876 per
	utils/asn_update.sh); 50 largest IPv4 + all IPv6 shown
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_content_match.c.inc
	(WeChat)
source = AdGuardTeam/HostlistsRegistry services/wechat.yml
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/tencent
	(WeChat-named entries)
source = blackmatrix7/ios_rule_script rule/Clash/WeChat/WeChat.list
	(UPDATED 2023-11-24)
source = nDPI test pcaps wechat.pcap, quickplay.pcap,
	KakaoTalk_talk.pcap, dns_ambiguous_names.pcap
notes = nDPI additionally matches the host substrings "wx." and
	"weixin." anywhere in a name (not suffixes; false-positive
	prone). Observed in nDPI expected outputs: web.wechat.com,
	webpush.web.wechat.com, res.wx.qq.com, short.weixin.qq.com,
	hkextshort.weixin.qq.com, hkminorshort.weixin.qq.com. nDPI
	labels HTTP to *.weixin.qq.com as QQ, not WeChat, in
	quickplay/KakaoTalk outputs. WeChat resolves names with its own
	HTTPDNS (dns.wechat.com and dns.weixin.qq.com.cn are listed in
	privacy-protection-tools/anti-AD issue #966), so blocking at the
	system resolver alone is not enough. The mobile client speaks
	its own MMTLS protocol and the server addresses sit in Tencent
	ASNs. The IP list is all of Tencent, shared with QQ, Tencent
	Cloud customers and games. shared_domains are Tencent-wide, so
	blocking them also breaks QQ, Tencent maps and payments.
