id = qq-mail
name = QQ Mail
vendor = Tencent
status = ok
confidence = medium
domains = qqmail.com foxmail.com foxmail.com.cn
shared_domains = qq.com gtimg.com gtimg.cn qpic.cn idqqimg.com qlogo.cn
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/tencent
	(qqmail.com foxmail.com foxmail.com.cn)
notes = The mail service itself is mail.qq.com under the shared qq.com
	zone, which no source lists by name. No app-specific domain was
	found. qq.com is shared by every Tencent service including
	WeChat (weixin.qq.com, wx.qq.com), so blocking it breaks WeChat
	and others. The nDPI "QQ" protocol matches qq.com and gtimg.com.
	Tencent IP space is listed under tencent-vendor.
