id = mobile-legends
name = Mobile Legends: Bang Bang
vendor = Moonton
status = ok
confidence = low
domains = mobilelegends.com
source = issues: WilliDieEnte/BetterBlocklist #45
	(static.mobilelegends.com CNAME to wsoversea.com),
	Visnalize/resources #2300 (www.mobilelegends.com)
notes = Only the web/static domain was found. The game servers run on
	their own IPs with proprietary UDP, and no source lists them.
