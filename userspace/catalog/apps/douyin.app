id = douyin
name = Douyin (TikTok China)
vendor = ByteDance (Beijing Douyin)
status = ok
confidence = high
domains = activity-wbsj.com aihst8.com amemv.cn amemv.com amemv.net
	awemeughun.com awemeuglang.com awemeugsoul.com awemeugwave.com
	betastar.cn boxdouyin.com cookicut.com douyin.com douyinact.com
	douyinact.net douyincdn.com douyinfe.com douyinliving.com
	douyinmusicpromotion.com douyinpic.com douyinstatic.com
	douyinvod.com duoshan.com huoshan.com huoshancdn.com
	huoshangroup.com huoshanimg.com huoshanlive.com huoshanparty.com
	huoshanstatic.com huoshante8.com huoshanvideo.cn
	huoshanvideo.net huoshanvod.com huoshanxiaoshipin.cn
	huoshanxiaoshipin.net huoshanzhibo.cn huoshanzhibo.com
	huoshanzhibo.net hypercachenode.com idouyinliving.com
	idouyinpic.com idouyinstatic.com idouyinvod.com iesdouyin.com
	iesdouyin.net ieshuodong.cn ieshuodong.net ihst8.com
	ihuoshanimg.com ihuoshanlive.com ihuoshanstatic.com
	ihuoshanvod.com kolbuyer.cn nextvid.net ppkankan01.com qishui.cn
	qishui.com qishui.com.cn qishuimusic.cn qishuimusic.com.cn
	supercachenet.com supercachenode.com ultracachenode.com
	woaihuoshan.com wohst8.com douyinec.com douyinpay.com ulpay.com
	lifexue.com open-douyin.com
shared_domains = pstatp.com snssdk.com byteimg.com bytecdn.cn
	volcsirius.com ecombdapi.com bytedance.com toutiao.com
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/douyin
	(includes Douyin Huoshan and Qishui music)
source = AdGuardTeam/HostlistsRegistry services/tiktok.yml (Douyin
	entries)
source = destan19/OpenAppFilter open-app-filter/files/feature.cfg id
	3001 (amemv.com pstatp.com volcsirius.com douyincdn.com
	ecombdapi.com, plus substrings "-dy-" "-dy." "douyin")
notes = This entry also covers Huoshan (Douyin Lite) and Qishui music
	(v2fly groups them together). Use bytedance-vendor for
	ByteDance-wide China domains. OpenAppFilter also fingerprints
	Douyin QUIC/UDP payloads (udp/443 with amemv.com). No public ASN
	list specific to Douyin was found.
