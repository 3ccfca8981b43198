id = mi-community
name = Mi Community
vendor = Xiaomi
status = ok
confidence = medium
hosts = c.mi.com
shared_domains = xiaomi.com xiaomi.net mi.com miui.com mgslb.com
	mi-dun.com mi-fds.com mi-idc.com mi-img.com mieco.net mifile.cn
	mijia.tech mioffice.cn mitvos.com miwifi.com xiaomi.cn
	xiaomicp.com xiaomidns.cn xiaomidns.com xiaomidns.com.cn
	xiaomidns.net xiaomiev.com xiaomiinc.cn xiaomiinc.com
	xiaomiinc.com.cn xiaomiinc.net xiaomimobile.com xiaominr.com
	xiaomiprint.com xiaomisa.cn xiaomisa.com xiaomisa.net
	xiaomisa.org xiaomiwear.com xiaomixiaoai.com migames.com
	wali.com airstarfinance.net mipay.com duokan.com duokanbox.com
	xiaomiyoupin.com youpin.cn youpin.com.cn zmifi.com saxyit.com
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/xiaomi
	(c.mi.com @!cn)
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_content_match.c.inc
	(Xiaomi)
notes = c.mi.com is Xiaomi’s global community site; the app-level
	attribution is ours. The shared_domains are all of Xiaomi and
	affect MIUI system services.
