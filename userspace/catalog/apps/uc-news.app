id = uc-news
name = UC News
vendor = UCWeb (Alibaba Group)
status = shared-only
shared_domains = open-uc.cn uc-engine.cn uc.cn uc123.com ucfly.com
	ucweb.com uczzd.cn
source = none found (app-specific)
source = vendor list: v2fly/domain-list-community@c975ccef (2026-08-19)
	data/uc
notes = Uses UCWeb infrastructure. See uc-browser.
