id = sweet-selfie
name = Sweet Selfie
status = no-known-domains
source = none found
