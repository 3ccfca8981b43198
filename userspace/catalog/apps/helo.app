id = helo
name = Helo
vendor = ByteDance
status = ok
confidence = low
hosts = log-tb.sgsnssdk.com xlog.byteoversea.com
shared_domains = sgsnssdk.com byteoversea.com
source = AdguardTeam/AdguardFilters issue #89073 "helo (ios)"
notes = Only telemetry hosts were found. Helo ran on ByteDance
	international infrastructure shared with TikTok.
