id = shein
name = SHEIN
vendor = SHEIN
status = ok
confidence = medium
domains = shein.com shein.co.uk shein.se
hosts = sheinsz.ltwebstatic.com
source = AdguardTeam/HostlistsRegistry services/shein.yml
notes = The AdGuard list is short. SHEIN also uses ltwebstatic.com as
	its static CDN, and AdGuard lists one host from it.
