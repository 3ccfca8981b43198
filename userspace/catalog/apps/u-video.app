id = u-video
name = U Video
status = no-known-domains
source = none found
