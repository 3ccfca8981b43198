id = kwai
name = Kwai
vendor = Kuaishou
status = ok
confidence = medium
domains = kwai.com kw.ai kwai-video.com kwai-pro.com
shared_domains = eckwai.com ecukwai.com gifshow.com inkuai.com
	inkwai.com ksapisrv.com kskwai.com kspkg.com kuaishou.cn
	kuaishou.com kuaishouapps.com kuaishoupay.com kuaishouzt.com
	kwaicdn.com kwaishop.com kwaixiaodian.com kwaiying.com
	kwaizt.com kwimgs.com mojidoc.com qingque.cn viviv.com
	wskwai.com wsukwai.com yximgs.com
source = issues: hagezi/dns-blocklists #6060 (*.kwai-pro.com for
	com.kwai.video), AdguardTeam/AdguardFilters #203719
	(ulogs*.ksapisrv.com for com.kwai.video), yt-dlp/yt-dlp #4502
	(s.kw.ai links), ytdl-org/youtube-dl #27441 (kwai.com),
	KwaiAppTeam/KOOM #216 (kwai-video.com share links)
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/kuaishou
	(shared Kuaishou infra)
notes = Kwai is Kuaishou’s international app. The AdGuard issue ties
	ksapisrv.com, which v2fly lists under Kuaishou, to
	com.kwai.video, so the Kuaishou domains are kept as shared.
	kwai.net appears only in third-party downloader code as a Kwai
	CDN and is not included.
