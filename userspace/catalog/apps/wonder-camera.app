id = wonder-camera
name = Wonder Camera
status = no-known-domains
source = none found
