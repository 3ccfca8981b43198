#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark (issue 6, 3): the time and kernel memory to load a policy of
# BENCH_DOMAINS names (default 10^6) and BENCH_PREFIXES prefixes (10^5)
# with `appfw restore FILE`, beside loading the same entries with
# `nft -f FILE` (tests/tools/mkpolicy writes both files): the names into a
# set of strings (type ifname), the prefixes into two interval sets. Also
# each half alone, and BENCH_XT names as iptables `-m string` rules (what
# an operator who wants to match a ClientHello's name with netfilter alone
# writes), which is too slow to load at 10^6.
#
# BENCH_KINDS picks among all, names, prefixes and xt (default
# all,prefixes,xt; names alone is most of all's time again). Every load
# starts from an empty table in a fresh namespace; appfw and nftables
# take turns, BENCH_REPEAT rounds, and the medians are printed.
# Kernel memory is SUnreclaim + VmallocUsed + Percpu of /proc/meminfo:
# "peak" is the most a sampler saw above the level before the load,
# "kept" what is still there after it (both in MiB); appfw also says what
# its tables take (appfw status: policy bytes). Run by tests/bench/vm.sh;
# it reports and fails only when a load fails.
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init bench/policy-load

ND=${BENCH_DOMAINS:-1000000}
NP=${BENCH_PREFIXES:-100000}
NXT=${BENCH_XT:-10000}
REPEAT=${BENCH_REPEAT:-3}
KINDS=${BENCH_KINDS:-all,prefixes,xt}
KINDS=${KINDS//,/ }

modprobe appfw || {
	fail "modprobe appfw failed"
	lib_done
}
modprobe -a nf_tables nft_compat xt_string ts_bm xt_tcpudp iptable_filter

# kmem VAR: the kernel's unreclaimable memory in KiB into VAR, without a
# process (the sampler runs beside the load).
kmem() {
	local k v sum=0

	while read -r k v _; do
		case $k in
		SUnreclaim: | VmallocUsed: | Percpu:) sum=$((sum + v)) ;;
		esac
	done </proc/meminfo
	printf -v "$1" '%d' "$sum"
}

# shellcheck disable=SC2317 # run through bg
# The sampler writes the highest value it saw to its file, every 20 ms.
sampler() {
	local peak=0 v

	# A function in bg's subshell: bg's own trap would let it run on.
	trap 'exit 0' TERM
	while :; do
		kmem v
		if ((v > peak)); then
			peak=$v
			echo "$peak" >"$1"
		fi
		lib_sleep 0.02
	done
}

# settle: until the last namespace's tables are gone. Deleting a
# namespace frees them later, from a work queue and after RCU grace
# periods: wait until the level stops falling (at most 60 s).
settle() {
	local prev now i

	kmem prev
	for ((i = 0; i < 60; i++)); do
		echo 3 >/proc/sys/vm/drop_caches
		lib_sleep 1
		kmem now
		((prev - now < 512)) && break
		prev=$now
	done
}

declare -A ms=() peak=() kept=() bytes=()
# measure KEY CMD...: CMD in a fresh namespace; time and memory go under
# KEY; the namespace (and with it the table) is deleted afterwards.
measure() {
	local key=$1 ns base t0 t1 after p pid out st

	shift
	ns_new ns || return 1
	settle
	kmem base
	echo "$base" >"$lib_tmp/peak"
	bg "$lib_tmp/sampler.log" sampler "$lib_tmp/peak"
	pid=$!
	now_ms t0
	out=$(in_ns "$ns" "$@" 2>&1) || {
		fail "$key: $* failed: $(oneline "$out" | cut -c1-300)"
		stop "$pid"
		ip netns del "$ns"
		return 1
	}
	now_ms t1
	kmem after
	stop "$pid"
	read -r p <"$lib_tmp/peak"
	((after > p)) && p=$after
	ms[$key]+=" $((t1 - t0))"
	peak[$key]+=" $(((p - base) * 10 / 1024))"
	kept[$key]+=" $(((after - base) * 10 / 1024))"
	if [[ $key == appfw* ]]; then
		st=$(in_ns "$ns" appfw status -j)
		[[ $st =~ \"policy\":\{[^}]*\"bytes\":([0-9]+) ]] &&
			bytes[$key]+=" $((BASH_REMATCH[1] * 10 / 1048576))"
	fi
	echo "# $key round: $((t1 - t0)) ms, peak $(((p - base) / 1024)) MiB, kept $(((after - base) / 1024)) MiB"
	ip netns del "$ns"
}

# median LIST: the median of the numbers in LIST (tenths stay tenths).
median() {
	local -a v

	# shellcheck disable=SC2086 # a list of numbers, split on purpose
	mapfile -t v < <(printf '%s\n' $1 | sort -n)
	((${#v[@]})) || return
	echo "${v[${#v[@]} / 2]}"
}

tenths() {
	local v=${1:-0} sign=

	((v < 0)) && sign=- v=$((-v))
	printf '%s%d.%d' "$sign" $((v / 10)) $((v % 10))
}

f=$lib_tmp
now_ms t0
mkpolicy big 100 reject "$ND" "$NP" >"$f/all.policy" &&
	mkpolicy big 100 reject "$ND" 0 >"$f/names.policy" &&
	mkpolicy big 100 reject 0 "$NP" >"$f/prefixes.policy" &&
	mkpolicy --nft "$ND" "$NP" >"$f/all.nft" &&
	mkpolicy --nft "$ND" 0 >"$f/names.nft" &&
	mkpolicy --nft 0 "$NP" >"$f/prefixes.nft" &&
	mkpolicy --xt-string "$NXT" >"$f/names.xt" &&
	mkpolicy big 100 reject "$NXT" 0 >"$f/names-xt.policy" || {
	fail "mkpolicy failed"
	lib_done
}
now_ms t1
echo "# $ND names, $NP prefixes, $REPEAT rounds; files written in $((t1 - t0)) ms"
grep -E '^(MemTotal|SUnreclaim|VmallocUsed|Percpu):' /proc/meminfo | sed 's/^/# /'

for ((r = 0; r < REPEAT; r++)); do
	for what in $KINDS; do
		[[ $what == xt ]] && continue
		if ((r % 2)); then
			measure "nft $what" nft -f "$f/$what.nft"
			measure "appfw $what" appfw restore "$f/$what.policy"
		else
			measure "appfw $what" appfw restore "$f/$what.policy"
			measure "nft $what" nft -f "$f/$what.nft"
		fi
	done
	[[ " $KINDS " == *" xt "* ]] || continue
	measure "appfw names-xt" appfw restore "$f/names-xt.policy"
	measure "xt names-xt" iptables-restore "$f/names.xt"
done

# Where appfw restore's time goes: the same CLI with the module's edit
# and commit work done in userspace instead of over netlink
# (tests/bench/bench_restore.c), under the same emulation. What the real
# load takes beyond it is the netlink transport and the kernel's costs
# that userspace does not have.
if [[ " $KINDS " == *" all "* ]] && command -v bench-restore >/dev/null; then
	out=$(bench-restore "$f/all.policy" 1 2>&1) || fail "bench-restore: $(oneline "$out")"
	while read -r line; do
		[[ $line == median* || $line == entries* || $line == per* ]] &&
			pass "bench-restore: $line"
	done <<<"$out"
fi

# One line per load, then the ratios: nftables' median over appfw's.
echo "# load: median ms [runs] | peak MiB | kept MiB | appfw's own count MiB"
for key in "appfw all" "nft all" "appfw names" "nft names" \
	"appfw prefixes" "nft prefixes" "appfw names-xt" "xt names-xt"; do
	b=
	[[ ${ms[$key]:-} ]] || continue
	[[ ${bytes[$key]:-} ]] && b=" | tables $(tenths "$(median "${bytes[$key]}")")"
	pass "$key: $(median "${ms[$key]:-}") ms [${ms[$key]:-} ] | peak $(tenths "$(median "${peak[$key]:-}")") | kept $(tenths "$(median "${kept[$key]:-}")")$b"
done
for what in all names prefixes names-xt; do
	other=nft
	[[ $what == names-xt ]] && other=xt
	a=$(median "${ms[appfw $what]:-}") n=$(median "${ms[$other $what]:-}")
	((${a:-0} > 0)) && pass "ratio $what: $other/appfw time $(tenths $((n * 10 / a)))x"
done
lib_done
