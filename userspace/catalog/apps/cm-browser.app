id = cm-browser
name = CM Browser
vendor = Cheetah Mobile
status = shared-only
shared_domains = cheetahfun.com cmcm.com cmcmcdn.com liebao.cn
	drivergenius.com duba.com duba.net ijinshan.com keniu.com
	ksmobile.com
source = none found (app-specific)
source = vendor lists: v2fly/domain-list-community@c975ccef (2026-08-19)
	data/cheetahmobile, data/kingsoft (ksmobile.com)
notes = Only vendor domains were found.
