id = we-meet
name = We Meet
status = no-known-domains
source = none found
notes = Vendor unclear. Possibly Tencent Meeting/VooV, but this is
	unconfirmed. v2fly data/qcloud lists tencentwemeet.club, which
	was not used.
