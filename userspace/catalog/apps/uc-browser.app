id = uc-browser
name = UC Browser
vendor = UCWeb (Alibaba Group)
status = ok
confidence = high
domains = open-uc.cn uc-engine.cn uc.cn uc123.com ucfly.com ucweb.com
	uczzd.cn appchaoshi.cn appsmall.mobi babybubble.cn
	babymoment.net blovestorm.com coolppa.cn effirst.cn effirst.com
	hdyzx.cn minippa.cn myquark.cn qingzhou.biz qingzhou.ltd
	qingzhou.pro quark.cn tinya1.cn tinyap2.cn tinypap.cn tinyppa.cn
	u-mob.cn ubibibi.com uc-test.cn uc-test.com ucdesk.cn ucweb.cn
	ucweb.com.cn uflowx.com xiaomengquan.cn xmq123.cn yun.cn
	zjbuc.cn zjbuc.com zjbuc.com.cn
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/uc
source = blackmatrix7/ios_rule_script rule/Clash/UC/UC.list (UPDATED
	2022-06-10)
notes = The blackmatrix7 list also covers Quark (quark.cn, myquark.cn),
	another Alibaba/UC browser, plus UC’s ad and other properties.
	Alibaba IP space is in alibaba-vendor and is very broad.
