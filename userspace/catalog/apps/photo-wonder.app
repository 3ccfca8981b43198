id = photo-wonder
name = Photo Wonder
status = no-known-domains
source = none found
