id = kuaishou-vendor
name = Kuaishou (vendor-wide, China app)
vendor = Kuaishou
status = shared-only
confidence = high
shared_domains = eckwai.com ecukwai.com gifshow.com inkuai.com
	inkwai.com ksapisrv.com kskwai.com kspkg.com kuaishou.cn
	kuaishou.com kuaishouapps.com kuaishoupay.com kuaishouzt.com
	kwaicdn.com kwaishop.com kwaixiaodian.com kwaiying.com
	kwaizt.com kwimgs.com mojidoc.com qingque.cn viviv.com
	wskwai.com wsukwai.com yximgs.com
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/kuaishou
source = destan19/OpenAppFilter feature_cn.cfg id 3009 (kuaishou
	ksyuncdn.com gifshow.com yximgs.com kwaicdn kwimgs)
