id = apus-browser
name = APUS Browser
vendor = APUS Group
status = ok
confidence = low
domains = apusapps.com
source = public code references (static.apusapps.com,
	privacy.apusapps.com, images.apusapps.com; APUS Browser page
	www.apusapps.com/en/browser/ in a browser-UA detection library)
notes = Not in any curated blocklist checked.
