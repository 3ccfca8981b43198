id = weibo
name = Weibo
vendor = Sina
status = ok
confidence = high
domains = weibo.com weibo.cn wbimg.com wbimg.cn wcdn.cn weibo.com.cn
	weibocdn.com t.cn weibopay.com
shared_domains = sinaimg.cn sinajs.cn sina.cn sina.com.cn 97973.com
	krcom.cn picself.cn sina.com sina.net sinaapp.com sinaedge.com
	sinaimg.com sinajs.com videoself.cn xhaiwai.com
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_content_match.c.inc
	(SinaWeibo, Sina)
source = AdguardTeam/HostlistsRegistry services/weibo.yml
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/sina
source = destan19/OpenAppFilter feature.cfg id 1003 (substring "weibo")
source = nDPI test pcap weibo.pcap
notes = Weibo loads images and JS from sinaimg.cn and sinajs.cn, which
	are shared with all of Sina. weibo.pcap also shows Alibaba names
	(g.alicdn.com, log.mmstat.com) used for login/analytics; these
	are not Weibo-owned.
