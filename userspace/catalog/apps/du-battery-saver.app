id = du-battery-saver
name = DU Battery Saver
vendor = DU Apps Studio (Baidu)
status = ok
confidence = medium
domains = duapps.com
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/baidu
	(duapps.com; DU Apps Studio was a Baidu unit)
overlap = duapps.com: DU Apps Studio's one known domain, used by all six
	of its apps in the catalog; no app-specific domain is known for
	any of them, so adding one DU app blocks the others
notes = duapps.com is shared by all DU Apps Studio apps (DU Battery
	Saver, DU Cleaner, DU Browser, DU Recorder, DU Privacy, Cache
	Cleaner). No per-app domain was found.
