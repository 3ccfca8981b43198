#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug tier's stress scenario (only its initramfs has it): for a
# fixed time, traffic crosses the gw without pause (TLS ClientHellos that
# appfw rejects or lets through, Chromium's QUIC first flights for the
# agent, a ping flood) while at the same time
#
#   - the policy is replaced as fast as transactions go (afwtxn churn),
#     and by `appfw restore` of two alternating policy files,
#   - appfwd is killed with SIGKILL and started again,
#   - appfw.ko is unloaded and loaded again.
#
# The kernel's own checkers (KASAN, UBSAN, lockdep, RCU, kmemleak) are
# what judges the run: the tier fails on any report. This test prints
# what the scenario achieved and fails only if it achieved too little to
# mean anything, or if the gw no longer classifies correctly afterwards.
#
# It runs until the module has been reloaded $MIN_RELOADS times, for at
# least appfw_stress=SECONDS (kernel command line, default 120) and at
# most appfw_stress_max=SECONDS (default 600; tests/debug/run.sh asks for
# 1800): a reload is some six grace periods (the netlink notifier, two
# rcu_barrier()s, the namespaces' exit and exit_batch, the module's own
# free) and waits for the commits in flight, each with its own grace
# period and conntrack walk, which under KASAN on TCG, with the churn
# below keeping RCU busy, adds up to half a minute or more.
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/stress

duration=120 max_duration=600
for arg in $(cat /proc/cmdline); do
	case $arg in
	appfw_stress=*) duration=${arg#appfw_stress=} ;;
	appfw_stress_max=*) max_duration=${arg#appfw_stress_max=} ;;
	esac
done
# What the run must reach to count as a stress at all; the rates of a
# KASAN kernel under TCG on a loaded 2-core machine, with room to spare.
MIN_COMMITS=1000
MIN_RESTORES=20
MIN_RELOADS=24
MIN_KILLS=10
MIN_FLOWS=100

WECHAT_QUIC=$FIXTURES/chromium-quic-web.wechat.com.dgrams
EXAMPLE_QUIC=$FIXTURES/chromium-quic-www.example.org.dgrams

classify_setup || lib_done
sink 443 || lib_done
bg "$lib_tmp/udp.log" server socat -u UDP6-RECV:443,ipv6only=0 /dev/null

# Two policies that disagree about everything the traffic names, plus
# some bulk so that each replacement has work to do.
policy_a=$lib_tmp/a.policy policy_b=$lib_tmp/b.policy
{
	printf 'app wechat 1 reject\ndomain wechat wechat.com\n'
	printf 'app example 2 allow\ndomain example example.org\n'
	mkpolicy bulk 3 allow 100 50
} >"$policy_a"
{
	printf 'app wechat 1 allow\ndomain wechat wechat.com\n'
	printf 'app example 2 reject\ndomain example example.org\n'
	mkpolicy bulk 3 reject 50 20
} >"$policy_b"
gw appfw restore "$policy_a" || {
	fail "appfw restore of the first policy"
	lib_done
}

stopped() { [[ -e $lib_tmp/stop ]]; }

# Each loop below runs until the stop file appears and then writes its
# counts to $lib_tmp/NAME.count.

flows() {
	local ok=0 reset=0 other=0 line addr input i=0

	input=$'sni web.wechat.com\nsni www.example.org\nhost web.wechat.com\nhost www.example.org\n'
	while ! stopped; do
		addr=$SERVER4
		((i++ % 2)) && addr=$SERVER6
		# Per flow: "sni NAME:", "connected PORT", the result, "time".
		while read -r line; do
			case $line in
			reply*) ok=$((ok + 1)) ;;
			reset*) reset=$((reset + 1)) ;;
			timeout* | closed* | refused* | "connect timeout"* | unreachable*)
				other=$((other + 1))
				echo "$line" >>"$lib_tmp/flows.other" ;;
			esac
		done < <(client tlsreplay --each -c 3000 -t 3000 "$addr" 443 \
			<<<"$input" 2>&1)
	done
	echo "$ok $reset $other" >"$lib_tmp/flows.count"
}

quic() {
	local n=0 file=$WECHAT_QUIC

	while ! stopped; do
		client quicreplay -g 5 "$SERVER4" 443 "$file" >/dev/null 2>&1 &&
			n=$((n + 1))
		client quicreplay -g 5 "$SERVER6" 443 "$file" >/dev/null 2>&1 &&
			n=$((n + 1))
		[[ $file == "$WECHAT_QUIC" ]] && file=$EXAMPLE_QUIC || file=$WECHAT_QUIC
	done
	echo "$n" >"$lib_tmp/quic.count"
}

# A restore finds the gw's policy busy with afwtxn's transaction most of
# the time: it tries again at once, a few times, before counting a failure.
restores() {
	local ok=0 failed=0 p done

	while ! stopped; do
		for p in "$policy_a" "$policy_b"; do
			done=0
			for _ in 1 2 3 4 5 6 7 8; do
				if gw appfw restore "$p" >"$lib_tmp/restore.out" 2>&1; then
					done=1
					break
				fi
			done
			if ((done)); then
				ok=$((ok + 1))
			else
				failed=$((failed + 1))
				cp "$lib_tmp/restore.out" "$lib_tmp/restore.last-error"
			fi
		done
	done
	echo "$ok $failed" >"$lib_tmp/restores.count"
}

# appfwd gets SIGKILL zero to two seconds after it registered (or gave
# up: not while appfw.ko is out). "registered" counts the runs that got
# as far as having the module queue to them.
agents() {
	local kills=0 registered=0 pid log=$lib_tmp/appfwd.log

	while ! stopped; do
		# exec: $! is appfwd itself, not a shell around it.
		(exec nsenter "--net=/run/netns/$ns_gw" appfwd --queues 0-1) \
			>"$log" 2>&1 &
		pid=$!
		if busywait 10000 grep -q 'registered queues' "$log"; then
			registered=$((registered + 1))
		fi
		lib_sleep "$((RANDOM % 3))"
		kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
		{ wait "$pid"; } 2>/dev/null
	done
	echo "$kills $registered" >"$lib_tmp/agents.count"
}

# rmmod while everything else runs; a refusal (module in use at that
# instant) is counted and retried, modprobe must always work.
reloads() {
	local ok=0 busy=0 err='' t0 t1 t2 rm_ms=0 load_ms=0

	while ! stopped; do
		lib_sleep 0.5
		now_ms t0
		if ! err=$(rmmod appfw 2>&1); then
			busy=$((busy + 1))
			continue
		fi
		now_ms t1
		if ! err=$(modprobe appfw 2>&1); then
			echo "modprobe failed: $err" >"$lib_tmp/reloads.err"
			break
		fi
		now_ms t2
		ok=$((ok + 1))
		echo "$ok" >"$lib_tmp/reloads.progress"
		rm_ms=$((rm_ms + t1 - t0)) load_ms=$((load_ms + t2 - t1))
	done
	echo "$ok $busy $((rm_ms / (ok ? ok : 1))) $((load_ms / (ok ? ok : 1)))" \
		>"$lib_tmp/reloads.count"
}

bg "$lib_tmp/ping.log" client busybox ping -i 0.05 -W 2 "$SERVER6"
ping_pid=$!
pids=()
for job in flows quic restores agents reloads; do
	bg "$lib_tmp/$job.log" "$job"
	pids+=($!)
done
# Transactions in the gw, and in one more namespace at the same time:
# commits that retire an app id wait for a grace period, and concurrent
# ones share it.
churn_nss=("$ns_gw")
ns_new ns_churn && churn_nss+=("$ns_churn")
churn_pids=()
for ns in "${churn_nss[@]}"; do
	bg "$lib_tmp/churn-$ns.log" in_ns "$ns" afwtxn churn "$max_duration" churn 100 churn.example
	churn_pids+=($!)
done

start=$(lib_ms)
while :; do
	lib_sleep 2
	elapsed=$((($(lib_ms) - start) / 1000))
	reloaded=0
	[[ -s $lib_tmp/reloads.progress ]] && read -r reloaded <"$lib_tmp/reloads.progress"
	((elapsed >= max_duration)) && break
	((elapsed >= duration && reloaded >= MIN_RELOADS)) && break
	[[ -s $lib_tmp/reloads.err ]] && break
done
touch "$lib_tmp/stop"
for pid in "${churn_pids[@]}"; do
	kill -TERM -- "-$pid" 2>/dev/null
done
for pid in "${pids[@]}" "${churn_pids[@]}"; do
	# A loop finishes its round: a few flows or a restore at most.
	busywait 60000 lib_gone "$pid" || fail "a stress loop did not stop: $(ps -o pid,args | grep -v grep | grep -E "^ *$pid ")"
	{ wait "$pid"; } 2>/dev/null
done
elapsed=$((($(lib_ms) - start) / 1000))
stop "$ping_pid" INT

# The gw's own, and all namespaces' together.
read -r gw_commits _ < <(grep -oE '[0-9]+ refused [0-9]+' "$lib_tmp/churn-$ns_gw.log")
read -r commits refused < <(cat "$lib_tmp"/churn-*.log | grep -oE '[0-9]+ refused [0-9]+' |
	awk '{ c += $1; r += $3 } END { print c + 0, r + 0 }')
read -r restored restore_failed <"$lib_tmp/restores.count"
read -r kills registered <"$lib_tmp/agents.count"
read -r reloaded busy rm_ms load_ms <"$lib_tmp/reloads.count"
read -r ok reset other <"$lib_tmp/flows.count"
read -r quic_runs <"$lib_tmp/quic.count"
read -r pings_sent pings_got < <(grep -oE '[0-9]+ packets transmitted, [0-9]+ packets received' \
	"$lib_tmp/ping.log" | awk '{print $1, $4}')

echo "# stress: $elapsed s: ${commits:-?} policy commits by afwtxn in ${#churn_nss[@]} netns" \
	"(${gw_commits:-?} in the gw; ${refused:-?} refused)," \
	"$restored appfw restores ($restore_failed failed, module out or busy)," \
	"$kills appfwd SIGKILLs ($registered had registered)," \
	"$reloaded module reloads ($busy rmmod refused; rmmod $rm_ms ms, modprobe $load_ms ms on average)," \
	"$((ok + reset + other)) TLS flows ($ok answered, $reset reset, $other other)," \
	"$quic_runs QUIC replays, ${pings_sent:-?} pings (${pings_got:-?} answered)"
[[ -s $lib_tmp/flows.other ]] &&
	echo "# stress: TLS flows neither answered nor reset: $(sort "$lib_tmp/flows.other" | uniq -c | tr -s ' \n' ' ')"
[[ -s $lib_tmp/restore.last-error ]] &&
	echo "# stress: the last failed restore said: $(oneline "$(cat "$lib_tmp/restore.last-error")")"

[[ -s $lib_tmp/reloads.err ]] && fail "$(cat "$lib_tmp/reloads.err")"
atleast() {
	if (($2 >= $3)); then
		pass "$1: $2 (at least $3)"
	else
		fail "$1: $2, want at least $3"
	fi
}
atleast "policy commits by afwtxn under load" "${commits:-0}" $MIN_COMMITS
atleast "of them in the gw" "${gw_commits:-0}" $((MIN_COMMITS / 4))
atleast "appfw restores under load" "$restored" $MIN_RESTORES
atleast "module reloads under load" "$reloaded" $MIN_RELOADS
atleast "appfwd SIGKILLs under load" "$kills" $MIN_KILLS
atleast "TLS flows through the gw" $((ok + reset + other)) $MIN_FLOWS

# Afterwards the gw still does its job: policy A, a fresh agent.
lsmod | grep -q '^appfw ' || modprobe appfw || fail "modprobe appfw after the stress"
if gw appfw restore "$policy_a"; then
	check reset "after the stress: wechat rejected" replay "$SERVER4" --sni web.wechat.com
	check ok "after the stress: example.org answered" replay "$SERVER6" --sni www.example.org
else
	fail "appfw restore after the stress"
fi
lib_done
