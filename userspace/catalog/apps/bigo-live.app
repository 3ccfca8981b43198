id = bigo-live
name = BIGO LIVE
vendor = Bigo / JOYY
status = ok
confidence = medium
domains = bigolive.tv bigo.tv bigovideo.tv bigo.sg
source = AdguardTeam/HostlistsRegistry services/bigo_live.yml
notes = The AdGuard list covers only the web/brand domains. Likee (same
	vendor) domains are in likee.
