id = v-fly
name = V fly Status Video
status = no-known-domains
source = none found
