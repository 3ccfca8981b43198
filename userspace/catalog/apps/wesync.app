id = wesync
name = WeSync
vendor = Tencent
status = shared-only
shared_domains = qq.com gtimg.com gtimg.cn qpic.cn idqqimg.com qlogo.cn
source = none found
notes = No app-specific domain was found. qq.com is shared by every
	Tencent service including WeChat (weixin.qq.com, wx.qq.com), so
	blocking it breaks WeChat and others. The nDPI "QQ" protocol
	matches qq.com and gtimg.com. Tencent IP space is listed under
	tencent-vendor.
