id = es-file-explorer
name = ES File Explorer
vendor = ES Global / DO Global
status = no-known-domains
source = none found
