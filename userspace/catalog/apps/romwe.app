id = romwe
name = ROMWE
vendor = SHEIN group
status = ok
confidence = low
domains = romwe.com
source = public code references (www.romwe.com, us.romwe.com in
	store/e-commerce lists)
notes = Not in any curated blocklist checked.
