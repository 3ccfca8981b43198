id = shareit
name = SHAREit
vendor = Smart Media4U (formerly Lenovo)
status = ok
confidence = low
domains = ushareit.com
source = uBlockOrigin/uAssets issue #7092 (www.ushareit.com is SHAREit
	site)
source = not in any curated blocklist checked (v2fly, AdGuard services,
	nDPI, blackmatrix7, OpenAppFilter)
notes = Only the brand website domain was found. The app’s API/CDN
	hostnames did not turn up in any curated source.
