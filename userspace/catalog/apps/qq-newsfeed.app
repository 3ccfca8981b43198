id = qq-newsfeed
name = QQ Newsfeed
vendor = Tencent
status = shared-only
shared_domains = qq.com gtimg.com gtimg.cn qpic.cn idqqimg.com qlogo.cn
source = none found (app-specific)
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_content_match.c.inc
	(QQ: qq.com gtimg.com)
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/tencent
source = AdGuardTeam/HostlistsRegistry services/qq.yml (||qq.com^ with
	denyallow wx.qq.com|weixin.qq.com)
notes = No app-specific domain was found. qq.com is shared by every
	Tencent service including WeChat (weixin.qq.com, wx.qq.com), so
	blocking it breaks WeChat and others. The nDPI "QQ" protocol
	matches qq.com and gtimg.com. Tencent IP space is listed under
	tencent-vendor.
