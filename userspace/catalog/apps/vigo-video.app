id = vigo-video
name = Vigo Video
vendor = ByteDance
status = no-known-domains
source = none found
notes = A ByteDance app (formerly Hypstar), probably on the same
	international infrastructure as TikTok/Helo; no source lists its
	domains.
