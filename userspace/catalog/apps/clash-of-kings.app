id = clash-of-kings
name = Clash of Kings
vendor = Elex
status = no-known-domains
source = none found
