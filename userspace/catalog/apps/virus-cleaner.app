id = virus-cleaner
name = Virus Cleaner
status = no-known-domains
source = none found
