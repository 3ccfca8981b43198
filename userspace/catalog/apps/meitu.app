id = meitu
name = Meitu
vendor = Meitu
status = ok
confidence = medium
domains = meitu.com meitudata.com meitustat.com meituxiuxiu.com
	meiyan.com
shared_domains = designkit.cn kaipai.com meipai.com miraclevision.com
	roboneo.com whee.com wink.cn zcool.com.cn
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/meitu
notes = The other Meitu-group domains (meipai.com, wink.cn, whee.com and
	so on) belong to sibling apps and are listed as shared.
