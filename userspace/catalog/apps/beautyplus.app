id = beautyplus
name = BeautyPlus
vendor = Meitu
status = shared-only
shared_domains = meitu.com meitudata.com meitustat.com designkit.cn
	kaipai.com meipai.com meituxiuxiu.com meiyan.com
	miraclevision.com roboneo.com whee.com wink.cn zcool.com.cn
source = none found (app-specific)
source = vendor list: v2fly/domain-list-community@c975ccef (2026-08-19)
	data/meitu
notes = Only Meitu vendor domains were found.
