id = alibaba-vendor
name = Alibaba (vendor-wide)
vendor = Alibaba Group
status = shared-only
confidence = high
shared_domains = alibaba.com aliapp.org alicdn.com aliyuncs.com
	mmstat.com aliexpress.com 56che.com 88cha.com 95095.com
	ali-health.com alibaba-inc.com alibabacapital.com
	alibabachengdun.com alibabachengdun.net alibabacorp.com
	alibabadesign.com alibabadoctor.com alibabafonts.com
	alibabafoundation.com alibabafuturehotel.com alibabagroup.com
	alibabapictures.com alibabaplanet.com alibabaued.com
	alibabausercontent.com alifanyi.com aligenie.com alihealth.cn
	alihealth.com.cn alihealth.hk alihive.com aliimg.com alikmd.com
	alimama.cn alimama.com alimebot.com alimei.com alimmdn.com
	alios.cn alipay-eco.com alipay.cn alipay.com alipay.com.cn
	alipaydns.com alipaylog.com alipayobjects.com aliplus.com
	aliresearch.com alisoft.com alisports.com alitianji.com
	aliunicorn.com aliway.com aliwork.com alixiaomi.com
	alizhaopin.com alyms.cn alysm.cn asczwa.com asczxcefsv.com
	asmlink.cn atatech.org b2byao.com bazai.com bcvbw.com cheng.xin
	cloudeagle.cn damai.cn dayu.com dfkhgj.com doctoryou.ai
	doctoryou.cn dongting.com dratio.com emas-poc.com gongyi.xin
	hupan.com hzchengdun.com hzchengdun.net ialicdn.com iconfont.cn
	ics.design imgcook.com jhgtgb.com jiyoujia.com kanbox.com
	lazada.com liangxinyao.com m-now.cn maitix.com mappcloud.com
	mdeer.com mei.com miaostreet.com miaoya.cn mshare.cc nic.xin
	philanthropy.xin phpwind.com phpwind.net pp.cn qingtingtrip.com
	rexpos.cn saee.org.cn shejijia.com shenjing.com sparenode.com
	supet.com tanx.com ttpod.com xin.xin xinlingshou.cn xixikf.cn
	yowhale.com yunos-inc.com yunos.com yushanfang.com zimgs.cn
	zuodao.com ae-rus.net aedns.ru aeplatform.ru aestatic.net
	aliexpress.ru aliexpress-media.com alipayplus.com alipay.hk
	alipaymo.com freshhema.com freshippo.com hemamax.com hemaos.com
	hemashare.cn shyhhema.com antfortune.com fund123.cn antfin.com
	antgroup.com antgroup-inc.cn sm.cn yisou.com 1688.com duanqu.com
	etao.com juhuasuan.com lingshoujia.com mashort.cn pailitao.com
	taobao.com taobao.net taobao.org taobaocdn.com taobizhong.com
	taopiaopiao.com taotian.com tb.cn tbcache.com tbcdn.cn tburl.in
	tmall.com tmall.hk tmall.ru tmalltv.com tmjl.ai cueme.cn
	myquark.cn quark.cn alitrip.com feizhu.cn feizhu.com fliggy.com
	fliggy.hk iuynfg.com xiami.com xiami.fm xiami.net koubei.com
	wandoujia.com wdjimg.com 25pp.com zhisheng.com npmmirror.com
	goofish.com kaola.com kaolacdn.com lydaas.cn lydaas.com
	lydaas.com.cn lydaas.net lydass.cn lydass.com.cn lydass.net
shared_ipv4 = 43.32.0.0/11 43.16.0.0/12 47.96.0.0/12 8.136.0.0/13
	39.96.0.0/13 47.112.0.0/13 8.132.0.0/14 8.144.0.0/14
	8.152.0.0/14 8.216.0.0/14 39.104.0.0/14 43.64.0.0/14
	47.92.0.0/14 47.236.0.0/14 47.240.0.0/14 112.124.0.0/14
	120.24.0.0/14 120.76.0.0/14 121.40.0.0/14 121.196.0.0/14
	223.4.0.0/14 8.130.0.0/15 8.210.0.0/15 8.214.0.0/15 8.220.0.0/15
	42.120.0.0/15 43.68.0.0/15 47.56.0.0/15 47.74.0.0/15
	47.90.0.0/15 47.120.0.0/15 47.244.0.0/15 47.250.0.0/15
	47.252.0.0/15 101.132.0.0/15 101.200.0.0/15 106.14.0.0/15
	115.28.0.0/15 123.56.0.0/15 8.129.0.0/16 8.149.0.0/16
	8.156.0.0/16 8.208.0.0/16 8.212.0.0/16 8.222.0.0/16
	39.108.0.0/16 43.91.0.0/16 47.52.0.0/16 47.76.0.0/16
	47.78.0.0/16
shared_ipv6 = 2408:4000::/22 240b:400c::/30 240b:4000::/31
	240b:4004::/31 2400:3200::/32 2400:b200::/32 2401:2e00::/32
	2401:b180::/32 2405:e000::/32 2407:bc00::/32 240b:4002::/32
	240b:4007::/32 240b:4009::/32 240b:400b::/32 240b:4011::/32
	2404:2280:2000::/35 2404:2280:1000::/36 2404:2280:4000::/36
	240b:4006:1000::/43 240b:4006:1020::/44 240b:4003:e::/48
	240b:4012::/48
ip_source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_asn_alibaba.c.inc
	(AS59051-59055 AS59028 AS45102-45104 AS37963 AS34947 AS211914
	AS134963); 50 largest IPv4 + all IPv6
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) (Alibaba)
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/alibaba
	(direct entries)
notes = Vendor scope. The IPs are largely Alibaba Cloud and are shared
	with countless unrelated customers. Do not use them for app
	blocking.
