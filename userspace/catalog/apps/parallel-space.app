id = parallel-space
name = Parallel Space
vendor = LBE Tech
status = no-known-domains
source = none found
