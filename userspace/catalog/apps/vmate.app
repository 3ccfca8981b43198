id = vmate
name = VMate
vendor = UCWeb (Alibaba Group)
status = no-known-domains
source = none found
