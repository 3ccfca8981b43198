id = club-factory
name = Club Factory
vendor = Zhiyi Technology
status = no-known-domains
source = none found
