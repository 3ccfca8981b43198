id = mi-video-call
name = Mi Video Call
vendor = Xiaomi
status = ok
confidence = low
hosts = app.chat.global.xiaomi.net resolver.msg.global.xiaomi.net
	fr-app-chat-global-xiaomi-net1-1667981913.eu-central-1.elb.amazonaws.com
	fr-app-chat-global-xiaomi-net2-2117517874.eu-central-1.elb.amazonaws.com
shared_domains = xiaomi.net xiaomi.com mi.com miui.com
source = hagezi/dns-blocklists issue #5533 (app.chat.global.xiaomi.net,
	resolver.msg.global.xiaomi.net)
source = nDPI test pcap xiaomi.pcap (expected output: Xiaomi flows to
	the two fr-app-chat-global-xiaomi-net*.elb.amazonaws.com names)
notes = These are Xiaomi global chat/messaging endpoints; tying them to
	Mi Video Call is our inference. The xiaomi.pcap flows also go to
	raw IPs (47.241.35.73, 47.241.59.87, 203.107.1.65) with no
	hostname.
