id = new-video-status
name = New Video Status
status = no-known-domains
source = none found
