id = baidu-vendor
name = Baidu (vendor-wide)
vendor = Baidu
status = shared-only
confidence = high
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
shared_ipv4 = 120.48.0.0/16 106.12.0.0/17 106.13.0.0/17 106.12.128.0/18
	106.13.128.0/18 120.49.192.0/18 180.76.64.0/18 180.76.128.0/18
	182.61.0.0/18 182.61.64.0/18 106.12.192.0/19 106.13.192.0/19
	180.76.32.0/19 180.76.224.0/19 182.61.160.0/19 182.61.224.0/19
	106.12.224.0/20 106.13.224.0/20 119.75.208.0/20 154.85.48.0/20
	156.240.112.0/20 180.76.0.0/20 180.76.16.0/20 180.76.208.0/20
	182.61.144.0/20 202.46.48.0/20 106.12.240.0/21 180.76.200.0/21
	182.61.136.0/21 182.61.200.0/21 182.61.216.0/21 45.113.192.0/22
	103.235.44.0/22 106.13.240.0/22 154.85.40.0/22 180.76.192.0/22
	182.61.132.0/22 104.193.88.0/23 154.85.44.0/23 154.222.2.0/23
	180.76.196.0/23 182.61.130.0/23 103.84.110.0/24 103.145.72.0/24
	103.198.203.0/24 104.193.90.0/24 154.85.47.0/24 180.76.76.0/24
	185.10.104.0/24
shared_ipv6 = 2402:2b40:8000::/36 2400:da00::/32 240c:4000::/22
ip_source = ipverse/asn-ip AS55967 and AS38365 (handle BAIDU); AS38365
	space includes Baidu Cloud customers
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/baidu
	(direct entries; the bare ".baidu" TLD rule omitted)
