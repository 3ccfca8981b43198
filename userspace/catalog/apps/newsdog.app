id = newsdog
name = NewsDog
status = no-known-domains
source = none found
