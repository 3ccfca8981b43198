id = hago
name = Hago
vendor = JOYY (YY)
status = no-known-domains
source = none found
