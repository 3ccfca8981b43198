id = qq-music
name = QQ Music
vendor = Tencent Music Entertainment
status = ok
confidence = high
domains = qqmusic.com tencentmusic.com y.qq.com music.qq.com
hosts = amobile.music.tc.qq.com
shared_domains = qq.com gtimg.com gtimg.cn qpic.cn idqqimg.com qlogo.cn
source = v2fly/domain-list-community@c975ccef (2026-08-19)
	data/tencent-tme
source = destan19/OpenAppFilter feature.cfg id 5002 (substring
	"qqmusic", path amobile.music.tc.qq.com)
notes = kg.qq.com (WeSing) is also in v2fly tencent-tme but is a
	separate app, so it is left out.
