id = vivavideo
name = VivaVideo
vendor = QuVideo
status = ok
confidence = low
domains = quvideo.com
source = public code: QuVideo developer e-mail addresses @quvideo.com,
	and the Java package xiaoying.quvideo.com.vivabase in decompiled
	VivaVideo code
notes = This is the vendor’s corporate domain. No traffic-level source
	was found.
