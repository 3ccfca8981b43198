id = youcam-makeup
name = YouCam Makeup
vendor = Perfect Corp.
status = no-known-domains
source = none found
