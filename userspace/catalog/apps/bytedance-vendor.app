id = bytedance-vendor
name = ByteDance (vendor-wide)
vendor = ByteDance
status = ok
confidence = high
hosts = bytedance.map.fastly.net
shared_domains = 99uri.cn 99uri.com activity-dy.com activity01.com
	activity02.com activity03.com activity04.com activity05.com
	activitybyte.com ali-api-test.net ali-gtm-01.net
	ali-gtm-pressure.com ali-restore.net applogcdn.com arco.design
	baikevod.com bdactivity.com bdgslb.com bdispatch.com
	bdispatch.net bdns-api-test.net bdns-boe.com bdns-boe.net
	bdns-gtm-01.net bdns-gtm-pressure.com bdns-restore.net
	bdns-test.com bdns-test.net bdppe.net bdsagslb.com
	bdsagslbtest.com bdzjdsagslb.com betaband.net betadance.net
	bfcdnbf.com bfcdnrd.com bfcdnsc.com bvfcdn.com bx0byte.com
	byte-edge.com byte-edgeworker.com byte-gslb.com byte-test.cn
	byte-test.com byte-test.net byte00.com byte00.net byte000.com
	byte008.com byte7bw.net byteac.com byteacct.com byteacctimg.com
	byteactivity.com byteactivity11.com byteactivity12.com
	byteactivity13.com byteactivity14.com byteactivity15.com
	byteactivity16.com byteapi.com bytecdn.cn bytecdn.com
	bytecdn.net bytecdntp.com bytecimg.com byted-dast.com
	byted-edu.com byted-static.com byted-ug.com byted.org
	bytedance-boe.net bytedance.cn bytedance.com bytedance.net
	bytedance.org bytedanceapi.com bytedcdn.com bytedeliver.com
	bytedgames.com bytedns.com bytedns.net bytedns1.com bytedns2.com
	bytedns3.com bytedns4.com bytedns5.com bytedns6.com bytedns7.com
	bytednsdoc.com bytedsocial.com bytefae.com bytefast.net
	bytefcdn.com bytefcdnrd.com bytegecko.com bytegeckoext.com
	byteglb.com bytegoofy.com bytegqpo.net bytegrowth.com
	bytegslb.com bytehwm.com byteics.com byteics.net byteimg.com
	byteimgc.com byteintl.net bytelb.com bytelb.net bytelb000.net
	bytemaimg.com bytemastatic.com bytemedi.com bytenewst.com
	byteorg.com byteorge.com byteoversea.com byteoversea.net
	byteq5k.com byteq8u.net bytescm.com bytespeech.com bytesslb.net
	bytetcc.com bytetech.info bytetos.com bytetraffic.net
	bytetstatic.com bytetstatic.net byteurl.cn bytevalk.com
	bytevcloudapi.com bytevcloudvod.com bytexservice.com
	cdnbuild.com cdnbuild.net cdndns1.com cdndns2.com doubo03.com
	draftstatic.com druid.vip fedlearner.net feelgood.cn
	gcloudcache.com gslbdns.com gslbdns.net huaxiong.com
	hypercachenet.com ibytedapm.com ibytedtos.com ibyteimg.com
	icphoto.cn iluckysf.net itmanager.club itoutiaoliving.com
	jokecommunity.cn jokecommunity.com jokecommunity.net jstti.com
	jtamac.com letsign.com livecdnstatic.com local-ip.online
	luckysf.net modernjs.cn myimis.com ndcpp.com neihancommunity.cn
	neihancommunity.com neihancommunity.net neyetwatcher.com
	oortgslb.com openbcs.com openve.cn originalimg.com
	originalstatic.com originalvod.com pacmantwo.com pstatp.com
	qingfuwucdn.net qualitycloud.top samasty.com searchpstatp.com
	searchstatic.com searchtoutiaolive.com shidianguji.com
	sinf-test.net sinf.net sinflb.net snssdk.com tekkenthree.com
	tetrisone.com tiapi.cn tiapi.net tlbapm.com toscdn.com
	toutiao11.com toutiao12.com toutiao13.com toutiao14.com
	toutiao15.com toutiaocdn.cn toutiaocdn.net toutiaocloud.cn
	toutiaojisu.com toutiaolite.com toutiaolite1.com
	toutiaolite2.com toutiaoliving.com toutiaopic.com toutiaowap.cn
	toutiaowap.com toutiaowap.net tr-test-ali.net tr-test.net
	tr-testboe.net ttbyte.cn ttbyte.com ttbyte.net ttjisu.com
	ttwebview.com ugshare-img.com vcloud-byte.com vcloudapi.com
	vestack-beta.com vestack-cicd.com vestack-preview.com
	vestack-sandbox.com vfcdnrd.com volcanicengine.com
	volcdns-test.com volcdns-test.net voleai.com wtturl.cn xiaohe.cn
	xingtu.cn xsgtvacct.com yhgfb-cn-static.com zijieapi.cn
	zijieapi.com zijieapi.net zijiecdn.cn zijiecdn.com zijiecdn.net
	zijiedj.com zijieimg.cn zijieimg.com zijieimg.net
	zijietiaodong.com zijieurl.cn zijieurl.com zijieurl.net
	zijiewap.cn zijiewap.com zijiewap.net zilrms.com ziyrta.com
	zjbyte.cn zjbyte.com zjbyte.net zjcdn.com zjfcdn.com zjgslb.com
	zlinkurl.cn jianying.com jimeng.com vlabimg.com vlabstatic.com
	vlabvod.com capcut.cn capcut.com capcutcdn-us.com toutiao.com
	toutiaoapi.com toutiaocdn.com toutiaocloud.com toutiaocloud.net
	toutiaohao.com toutiaohao.net toutiaoimg.cn toutiaoimg.com
	toutiaoimg.net toutiaopage.com toutiaostatic.com toutiaovod.com
	bdxiguaimg.com bdxigualive.com bdxiguastatic.com bdxiguavod.com
	ibdxiguaimg.com ibdxigualive.com ibdxiguastatic.com
	ibdxiguavod.com ixgvideo.com ixigua.com ixiguavideo.com
	xiguaapp.cn xiguaapp.com xiguashipin.cn xiguashipin.net
	xiguavideo.cn xiguavideo.net baike.com wukong.com wukongwenda.cn
	wukongwenda.com 365yg.com gogokid.com.cn gogokid.com
	hapierxia.com hapipixia.com hapiyixia.com kuailepipixia.com
	pipix.com pipixiaha.com piyipiba.com ppxhhh.com ppximg.com
	ppxstatic.com ppxvod.com xiaoxiaapi.com dailygn.com nvsgames.cn
	buydouke.com ecombdapi.com ecombdimg.com ecombdstatic.com
	ecombdvod.com jinritemai.com faceu.com faceu.mobi kesong.co
	ulikecam.com rsproxy.cn oceanengine.com
shared_ipv4 = 71.18.0.0/21 71.18.32.0/21 71.18.48.0/21 71.18.8.0/22
	71.18.16.0/22 71.18.24.0/22 71.18.56.0/22 101.45.248.0/22
	103.136.220.0/22 139.177.236.0/22 139.177.240.0/22
	147.160.180.0/22 147.160.188.0/22 71.18.20.0/23 71.18.28.0/23
	71.18.44.0/23 71.18.250.0/23 71.18.252.0/23 101.45.192.0/23
	130.44.214.0/23 139.177.226.0/23 139.177.232.0/23
	139.177.246.0/23 147.160.176.0/23 147.160.184.0/23
	192.64.14.0/23 71.18.12.0/24 71.18.15.0/24 71.18.31.0/24
	71.18.40.0/24 71.18.43.0/24 71.18.247.0/24 71.18.248.0/24
	71.18.255.0/24 118.26.132.0/24 130.44.212.0/24 139.177.225.0/24
	139.177.229.0/24 139.177.230.0/24 139.177.235.0/24
	139.177.245.0/24 139.177.248.0/24 147.160.178.0/24
	147.160.187.0/24 199.103.24.0/24
shared_ipv6 = 2605:340:f090::/45 2404:9dc0:cd06::/47 2605:340::/47
	2605:340:f01a::/47 2605:340:f020::/47 2605:340:f064::/47
	2605:340:f07e::/47 2605:340:f082::/47 2605:340:f086::/47
	2605:340:f08a::/47 2605:340:f098::/47 2404:8d04:2643::/48
	2404:8d04:4642::/48 2404:9dc0:cd01::/48 2404:9dc0:cd03::/48
	2404:9dc0:cd05::/48 2605:340:100::/48 2605:340:f01e::/48
	2605:340:f025::/48 2605:340:f026::/48 2605:340:f030::/48
	2605:340:f03d::/48 2605:340:f03e::/48 2605:340:f062::/48
	2605:340:f06a::/48 2605:340:f06e::/48 2605:340:f07d::/48
	2605:340:f080::/48 2605:340:f085::/48 2605:340:f089::/48
ip_source = ipverse/asn-ip AS396986 (BYTEDANCE) + AS138699
	(TIKTOK-AS-AP)
source = v2fly/domain-list-community@c975ccef (2026-08-19)
	data/bytedance (direct entries only;
	include:tiktok/douyin/lark/etc. not expanded)
notes = Vendor scope. Includes Toutiao, CapCut, Lark infrastructure and
	others.
