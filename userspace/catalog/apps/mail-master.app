id = mail-master
name = Mail Master
vendor = NetEase
status = shared-only
shared_domains = 126.com 126.link 126.net 127.com 127.net 163.com
	163cn.tv 163industry.com 163jiasu.com 163mail.com 163qiyukf.com
	163yun.com 166.com 166.net 188.com 321fenx.com easebar.com
	haowu.link icourse163.org kada.com lf126.net lf127.net
	lofter.com nease.net netease-inc.com netease.com netease.im
	netstatic.net qiyukf.com qiyukf.net qiyukf.net.cn static163.net
	weiyang.cn ydstatic.com yeah.net youdao.com yunxindns.com
	yunxinfw.com zhuanzfx.com yjwujian.cn yysls.cn
source = none found (app-specific)
source = vendor list: v2fly/domain-list-community@c975ccef (2026-08-19)
	data/netease
notes = Only NetEase vendor domains were found (163.com, 126.com and
	others), which are shared with NetEase Mail web, Music and
	games.
