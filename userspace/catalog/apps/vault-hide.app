id = vault-hide
name = Vault-Hide
vendor = NQ Mobile (reported)
status = no-known-domains
source = none found
