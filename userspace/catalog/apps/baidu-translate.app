id = baidu-translate
name = Baidu Translate
vendor = Baidu
status = shared-only
shared_domains = 91.com aipage.com antpcdn.com apollo.auto baidu-cdn.cn
	baidu-cdn.com baidu-cdn.net baidu.cn baidu.com baidu.com.cn
	baiduapp.com baidubce.com baidubcr.com baiducontent.com
	baidupcs.com baidustatic.com baiduyuncdn.cn baiduyuncdn.com
	baiduyuncdn.net baifae.com baifubao.com bce-cdn.cn bce-cdn.com
	bce-cdn.net bcebos.com bcelive.com bdcloudapi.com bdimg.com
	bdstatic.com bdtjrcv.com bdurl.net bdycdn.cn bdycdn.net
	bdydns.cn bdydns.com bdydns.net chuanke.com dlnel.com dlnel.org
	duapp.com duapp.net duapps.com duurl.cn dwz.cn hao123.com
	hao123img.com hao222.com haokan.com jomocdn.cn jomocdn.net
	jomodns.cn jomodns.com jomodns.net jomoxc.com mipcdn.com
	nuomi.com quyaoya.com shifen.com smartapps.cn tieba.com
	tiebaimg.com xdrtc.com xianfae.com xiaodutv.com yoojia.com
	combofin.com duxiaoman-int.com duxiaoman.com
	duxiaomanfintech.com duxiaomanfund.com duxiaomantech.com
	dxm-cdn.com dxm-int.com dxmbaoxian.com dxmjinr.com dxmlcf.com
	dxmlcfintech.com dxmpay.com dxmstatic.com dxmyqh.com paydxm.com
source = none found (app-specific)
source = vendor list: v2fly/domain-list-community@c975ccef (2026-08-19)
	data/baidu
notes = No curated per-app list was found. See baidu-vendor.
