id = likee
name = Likee
vendor = Bigo / JOYY
status = ok
confidence = high
domains = like.video likee.video likee.com likeevideo.com like-video.com
	likeimo.tech liketech.tech bstream.hzmklvdieo.com
	bstream.kzhi.tech likeeapp.ru likeevideo.ru bnxz.net bystys.tech
	owxd.xyz yucf.top uxzw.club
hosts = d1nu566dreq9vj.cloudfront.net d28odxiw1asdj8.cloudfront.net
	d31dormfno8pk4.cloudfront.net d3lh5kkip965lj.cloudfront.net
	d2v9yioq9zuuq2.cloudfront.net d2fg91fzjsrcv1.cloudfront.net
	d26rnz3bwp7rlk.cloudfront.net ddpjwstwtpszg.cloudfront.net
	d96jfp62lg3kj.cloudfront.net d1ugi9qonif2a2.cloudfront.net
	d2j7e8uopcv07.cloudfront.net d2be40xdoc0in8.cloudfront.net
	d1d0w7op819ely.cloudfront.net d1fijc56o1fzod.cloudfront.net
	dcb0z5ovq92mz.cloudfront.net d20g4xwarzxagx.cloudfront.net
	d3nwj80emtnjeo.cloudfront.net d3ucl0eqgl80l5.cloudfront.net
	dstnzhnatv9pz.cloudfront.net hb4bbbbb.pmhcjk.com
	nbbb1bb7.pmhcjk.com q676790b.pmhcjk.com agb9r0ad.qllfkl.com
source = nDPI ntop/nDPI@3b1286ab (2024-10-21) ndpi_content_match.c.inc
	(Likee)
source = v2fly/domain-list-community@c975ccef (2026-08-19) data/likee
source = nDPI test pcap sites.pcapng (HTTP Host videosnap.like.video)
notes = v2fly’s full: hosts include CloudFront distributions from
	likee.video HostConf.json, so match those exactly, never as
	suffixes. bnxz.net, bystys.tech, owxd.xyz, yucf.top and
	uxzw.club come "from mobile app" per v2fly.
