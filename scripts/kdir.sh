#!/bin/sh
# Print the kernel build tree to build appfw.ko against.
#   KVER set:  /lib/modules/$KVER/build, else /usr/src/linux-headers-$KVER
#   otherwise: the running kernel's build tree if it exists, else the newest
#              installed Debian linux-headers tree (one with a .config; the
#              -common trees have none and cannot be built against).
set -eu

if [ -n "${KVER:-}" ]; then
	for d in "/lib/modules/$KVER/build" "/usr/src/linux-headers-$KVER"; do
		[ -f "$d/Makefile" ] && { echo "$d"; exit 0; }
	done
	echo "kdir.sh: no build tree for kernel $KVER" >&2
	exit 1
fi

d="/lib/modules/$(uname -r)/build"
if [ -f "$d/Makefile" ]; then
	echo "$d"
	exit 0
fi

newest=$(ls -d /usr/src/linux-headers-* 2>/dev/null |
	while read -r t; do [ -f "$t/.config" ] && echo "$t"; done |
	sort -V | tail -n 1)
if [ -z "$newest" ]; then
	echo "kdir.sh: no kernel headers found (install linux-headers-amd64 or set KDIR)" >&2
	exit 1
fi
echo "$newest"
