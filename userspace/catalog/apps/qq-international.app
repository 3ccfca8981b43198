id = qq-international
name = QQ International
vendor = Tencent
status = ok
confidence = low
domains = imqq.com
shared_domains = qq.com gtimg.com gtimg.cn qpic.cn idqqimg.com qlogo.cn
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/tencent
	(imqq.com)
notes = imqq.com is a Tencent domain used for QQ’s international site;
	the attribution is ours. No app-specific domain was found.
	qq.com is shared by every Tencent service including WeChat
	(weixin.qq.com, wx.qq.com), so blocking it breaks WeChat and
	others. The nDPI "QQ" protocol matches qq.com and gtimg.com.
	Tencent IP space is listed under tencent-vendor.
