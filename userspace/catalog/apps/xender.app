id = xender
name = Xender
vendor = Anmobi
status = ok
confidence = low
domains = xender.com
source = public code/docs references (official landing
	https://www.xender.com/)
notes = Only the brand domain was found.
