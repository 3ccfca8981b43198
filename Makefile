# SPDX-License-Identifier: GPL-2.0
#
# appfw: kernel module (Kbuild), userspace tools (here), tests.
#
#   make                 appfw.ko, build/appfw, build/appfwd
#   make test            installs missing deps, builds, runs every tier
#   make check-lint      module: no warnings (W=1), sparse, checkpatch
#   make check-fuzz      every libFuzzer target for 15 s (make fuzz: longer)
#   make check-unit      host unit tests (ASan + UBSan), no root
#   make check-netns     agent against the host kernel's NFQUEUE (root)
#   make check-vm        appfw.ko in Debian's kernel under qemu (root)
#   make check-arm64     cross-built for arm64, tests in an arm64 VM (root)
#   make check-debug     the VM suite and a stress run on a KASAN/lockdep/
#                        kmemleak kernel built from linux-source-6.1 (root)
#   make demo            boots the VM and shows appfw at work
#   make install DESTDIR=... PREFIX=/usr
#   make STATIC=1 NO_QUIC=1   firmware builds (README: For firmware builders)
#   make deb             the appfw and appfw-dkms Debian packages
#
# KDIR/KVER pick the kernel to build against (scripts/kdir.sh explains the
# default); C=1 runs sparse over the module.

PREFIX ?= /usr
SYSCONFDIR ?= /etc
DESTDIR ?=
BUILD ?= build

# Cross builds (README: For firmware builders): ARCH=arm64
# CROSS_COMPILE=aarch64-linux-gnu- builds the module against Debian's arm64
# headers (scripts/arm64-kernel.sh) unless KDIR says otherwise, and the
# programs with $(CROSS_COMPILE)gcc against SYSROOT, by default the arm64
# sysroot of scripts/arm64-sysroot.sh (its -dev libraries, pkg-config
# pointed into it). Both scripts download once, into a cache. A native
# build (no CROSS_COMPILE) is left alone.
ifneq ($(CROSS_COMPILE),)
ifeq ($(ARCH)$(origin KDIR)$(origin KVER),arm64undefinedundefined)
KDIR := $(shell scripts/arm64-kernel.sh)
endif
ifeq ($(ARCH)$(origin SYSROOT),arm64undefined)
SYSROOT := $(if $(wildcard scripts/arm64-sysroot.sh),$(shell scripts/arm64-sysroot.sh))
endif
ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc$(if $(SYSROOT), --sysroot=$(SYSROOT))
endif
endif
ifneq ($(SYSROOT),)
PKG_CONFIG := env PKG_CONFIG_SYSROOT_DIR=$(SYSROOT) \
	PKG_CONFIG_LIBDIR=$(SYSROOT)/usr/lib/$(patsubst %-,%,$(notdir $(CROSS_COMPILE)))/pkgconfig:$(SYSROOT)/usr/share/pkgconfig \
	pkg-config
endif

# Deferred (=) so that `make test` finds headers that deps.sh just installed.
ifeq ($(origin KVER),undefined)
KDIR ?= $(shell scripts/kdir.sh)
else
KDIR ?= $(shell KVER=$(KVER) scripts/kdir.sh)
endif
# The release uname -r and vermagic use. Debian headers keep it only in
# utsrelease.h: their include/config/kernel.release is the upstream version.
KVER ?= $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
KENV = KDIR=$(KDIR) KVER=$(KVER)

PKG_CONFIG ?= pkg-config
PKGS := libnl-genl-3.0 libmnl libnetfilter_queue
# The agent alone decrypts QUIC Initials (libcrypto) and reads captures
# (libpcap, appfwd --pcap); the appfw command needs neither.
AGENT_PKGS := libcrypto libpcap
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(AGENT_PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
AGENT_LIBS = $(shell $(PKG_CONFIG) --libs $(AGENT_PKGS))

# Firmware builds. NO_QUIC=1: appfwd without QUIC Initial decryption and
# so without libcrypto (engine_noquic.c stands in for the QUIC code; QUIC
# flows get the fallback). NO_PCAP=1: without --pcap and libpcap (whose
# archive needs D-Bus and systemd; nopcap.c stands in). STATIC=1: appfw and appfwd linked with -static
# from `pkg-config --static`; a library the toolchain has no archive for
# (Debian 12 ships no libmnl.a) stays shared, with libc, and the link
# says so. The unit tests always build the full agent.
NO_QUIC ?= 0
NO_PCAP ?= 0
STATIC ?= 0
# The stand-ins, left out of every full build (and of the unit tests).
STANDINS := userspace/appfwd/engine_noquic.c userspace/appfwd/nopcap.c
APPFWD_NOT := $(STANDINS)
APPFWD_PKGS := $(PKGS) $(AGENT_PKGS)
ifeq ($(NO_QUIC),1)
APPFWD_NOT := $(filter-out %/engine_noquic.c,$(APPFWD_NOT)) \
	userspace/appfwd/quic.c userspace/appfwd/quic_crypto.c \
	userspace/appfwd/engine_quic.c
APPFWD_PKGS := $(filter-out libcrypto,$(APPFWD_PKGS))
endif
ifeq ($(NO_PCAP),1)
APPFWD_NOT := $(filter-out %/nopcap.c,$(APPFWD_NOT)) userspace/appfwd/pcapmode.c
APPFWD_PKGS := $(filter-out libpcap,$(APPFWD_PKGS))
endif
comma := ,
ifeq ($(STATIC),1)
# $(1)'s -lNAME for which $(CC) finds no libNAME.a.
no_archive = $(strip $(foreach l,$(patsubst -l%,%,$(filter -l%,$(1))),\
	$(if $(filter /%,$(shell $(CC) -print-file-name=lib$(l).a)),,$(l))))
shared_link = -Wl$(comma)--as-needed -Wl$(comma)-Bstatic \
	$(foreach w,$(1),$(if $(filter $(addprefix -l,$(2)),$(w)),\
	-Wl$(comma)-Bdynamic $(w) -Wl$(comma)-Bstatic,$(w))) -Wl$(comma)-Bdynamic
static_link = $(if $(2),$(call shared_link,$(1),$(2)),-static $(1))
pkg_libs = $(shell $(PKG_CONFIG) --static --libs $(1))
link_libs = $(call static_link,$(call pkg_libs,$(1)),$(call no_archive,$(call pkg_libs,$(1))))
link_note = $(if $(call no_archive,$(call pkg_libs,$(1))),@echo "STATIC=1: no static archive for: $(call no_archive,$(call pkg_libs,$(1))) (linked shared, and libc with them)")
else
link_libs = $(shell $(PKG_CONFIG) --libs $(1))
link_note =
endif
# The programs' link depends on these options: a change relinks them.
LINK_CONFIG := NO_QUIC=$(NO_QUIC) NO_PCAP=$(NO_PCAP) STATIC=$(STATIC) CC=$(CC) LDFLAGS=$(LDFLAGS)

CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude/uapi -Iinclude \
	-Ikmod/shared -Iuserspace/lib
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

SHARED_SRC := $(wildcard kmod/shared/*.c)
ULIB_SRC := $(wildcard userspace/lib/*.c)
APPFW_SRC := $(wildcard userspace/appfw/*.c)
APPFWD_ALL := $(wildcard userspace/appfwd/*.c)
APPFWD_SRC := $(filter-out $(APPFWD_NOT),$(APPFWD_ALL))
UNIT_SRC := $(wildcard tests/unit/*.c)

obj = $(patsubst %.c,$(BUILD)/$(1)/%.o,$(2))

# The tools look for the catalog where install-catalog puts it.
$(BUILD)/rel/userspace/%.o $(BUILD)/asan/userspace/%.o: BASE_CFLAGS += -DAFW_CATALOG_DIR='"$(PREFIX)/share/appfw"'
# appfw save and restore with no FILE (the unit tests check it too).
$(BUILD)/rel/userspace/%.o $(BUILD)/asan/%.o: BASE_CFLAGS += -DAFW_POLICY_FILE='"$(SYSCONFDIR)/appfw/policy.conf"'

APPFW_OBJ := $(call obj,rel,$(APPFW_SRC) $(ULIB_SRC) $(SHARED_SRC))
APPFWD_OBJ := $(call obj,rel,$(APPFWD_SRC) $(ULIB_SRC) $(SHARED_SRC))
# The unit binary links everything but the programs' main() files, which
# are named after the program.
UNIT_OBJ := $(call obj,asan,$(UNIT_SRC) $(ULIB_SRC) $(SHARED_SRC) \
	$(filter-out userspace/appfw/main.c,$(APPFW_SRC)) \
	$(filter-out userspace/appfwd/main.c $(STANDINS),$(APPFWD_ALL)))

.PHONY: all module userspace unit clean install test check check-unit \
	check-netns check-vm check-lint check-fuzz fuzz demo deps sparse FORCE

all: module userspace

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

userspace: $(BUILD)/appfw $(BUILD)/appfwd

unit: $(BUILD)/unit-tests

$(BUILD)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -Itests/unit $(PKG_CFLAGS) \
		-DAPPFW_UNIT_TEST -MMD -MP -c -o $@ $<

$(BUILD)/link-config: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LINK_CONFIG)' | cmp -s - $@ || echo '$(LINK_CONFIG)' >$@

$(BUILD)/appfw: $(APPFW_OBJ) $(BUILD)/link-config
	$(call link_note,libnl-genl-3.0)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) \
		$(call link_libs,libnl-genl-3.0)

$(BUILD)/appfwd: $(APPFWD_OBJ) $(BUILD)/link-config
	$(call link_note,$(APPFWD_PKGS))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) \
		$(call link_libs,$(APPFWD_PKGS)) -lpthread

$(BUILD)/unit-tests: $(UNIT_OBJ)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) $(AGENT_LIBS) -lpthread

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)

# install-tree installs what is built already (tests/lint/install.sh
# checks its tree against tests/lint/install.list).
.PHONY: install-tree
install: all
	$(MAKE) install-tree

install-tree: install-userspace
	install -D -m 0644 appfw.ko $(DESTDIR)/lib/modules/$(KVER)/extra/appfw.ko
	if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER) || true; fi

# All but the module (the appfw Debian package; appfw-dkms has the module).
.PHONY: install-userspace
install-userspace: install-catalog
	install -D -m 0755 $(BUILD)/appfw $(DESTDIR)$(PREFIX)/sbin/appfw
	install -D -m 0755 $(BUILD)/appfwd $(DESTDIR)$(PREFIX)/sbin/appfwd
	install -D -m 0644 -t $(DESTDIR)/lib/systemd/system \
		userspace/systemd/appfw.service userspace/systemd/appfwd.service
	install -D -m 0644 -t $(DESTDIR)$(PREFIX)/share/man/man8 \
		docs/appfw.8 docs/appfwd.8
	install -D -m 0644 userspace/completion/appfw \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/appfw
	install -d $(DESTDIR)$(SYSCONFDIR)/init.d
	sed -e 's|@SBINDIR@|$(PREFIX)/sbin|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		userspace/init/appfw >$(DESTDIR)$(SYSCONFDIR)/init.d/appfw
	chmod 0755 $(DESTDIR)$(SYSCONFDIR)/init.d/appfw

# The module's source for DKMS (dkms.conf), under /usr/src/appfw-VERSION:
# what Kbuild compiles, and no build output.
VERSION := $(shell sed -n 's/^\#define APPFW_VERSION "\(.*\)"/\1/p' include/appfw_version.h)
DKMS_FILES := Kbuild Makefile dkms.conf $(wildcard kmod/*.[ch] kmod/shared/*.[ch]) \
	$(shell find include -name '*.h')
.PHONY: install-dkms
install-dkms:
	for f in $(DKMS_FILES); do \
		install -D -m 0644 $$f $(DESTDIR)/usr/src/appfw-$(VERSION)/$$f || exit 1; \
	done

# make deb: the appfw and appfw-dkms packages (debian/) in $(BUILD)/deb,
# built by dpkg-buildpackage in a copy of the files git does not ignore,
# so that no build output gets in.
.PHONY: deb
deb:
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/appfw-$(VERSION)
	git ls-files -z --cached --others --exclude-standard |\
		tar --null --ignore-failed-read -T - -cf - 2>/dev/null |\
		tar -C $(BUILD)/deb/appfw-$(VERSION) -xf -
	cd $(BUILD)/deb/appfw-$(VERSION) && env -u MAKEFLAGS -u MAKELEVEL \
		dpkg-buildpackage -b -us -uc
	ls $(BUILD)/deb/*.deb

# The app catalog (userspace/catalog/README.md): data, no build step.
CATALOG_DIR := $(DESTDIR)$(PREFIX)/share/appfw
.PHONY: install-catalog
install-catalog:
	install -d $(CATALOG_DIR)/apps $(CATALOG_DIR)/groups
	install -m 0644 userspace/catalog/apps/*.app $(CATALOG_DIR)/apps/
	install -m 0644 userspace/catalog/groups/*.group $(CATALOG_DIR)/groups/

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 modules

deps:
	scripts/deps.sh

# Every tier prints PASS:/FAIL: lines; tests/run.sh adds them up and ends
# with the one summary line.
# The lint tier builds the module from clean (W=1, sparse), and that build
# is the appfw.ko the vm tier loads, so the module is compiled once.
test check:
	scripts/deps.sh --if-missing
	$(MAKE) userspace unit test-tools arm64
	$(KENV) tests/run.sh lint unit fuzz netns vm arm64

check-lint:
	$(KENV) tests/run.sh lint

# A short run of every libFuzzer target is part of make test; `make fuzz`
# runs them for FUZZ_SECONDS each (default here: 300) and records each
# run in tests/fuzz/RESULTS.md (FUZZ_TARGETS="dns args" picks some).
check-fuzz:
	tests/run.sh fuzz

fuzz:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} \
	FUZZ_RESULTS=$${FUZZ_RESULTS-tests/fuzz/RESULTS.md} tests/run.sh fuzz

check-unit: unit
	tests/run.sh unit

check-netns: userspace
	tests/run.sh netns

check-vm: all
	$(KENV) tests/run.sh vm

# The arm64 tier (tests/arm64/run.sh, part of make test): everything
# cross-built in ARM64_BUILD, the module from a copy of its sources there
# (Kbuild writes next to them, and the tree's appfw.ko is the x86 one), the
# firmware build in ARM64_BUILD/fw. ARM64_TESTS="prefix tls-split" picks
# tests (tests/vm/tests/NAME.sh).
ARM64_BUILD ?= build-arm64
ARM64_MAKE = $(MAKE) ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	KDIR=$$(scripts/arm64-kernel.sh)
.PHONY: arm64 check-arm64
arm64:
	scripts/deps-arm64.sh --if-missing
	+$(ARM64_MAKE) BUILD=$(ARM64_BUILD) userspace test-tools
	+$(ARM64_MAKE) BUILD=$(ARM64_BUILD)/fw STATIC=1 NO_QUIC=1 NO_PCAP=1 userspace
	rm -rf $(ARM64_BUILD)/kmod $(ARM64_BUILD)/kmod.tmp
	$(MAKE) install-dkms DESTDIR=$(ARM64_BUILD)/kmod.tmp
	mv $(ARM64_BUILD)/kmod.tmp/usr/src/appfw-$(VERSION) $(ARM64_BUILD)/kmod
	rm -rf $(ARM64_BUILD)/kmod.tmp
	$(MAKE) -C $$(scripts/arm64-kernel.sh) ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- M=$(abspath $(ARM64_BUILD)/kmod) modules

check-arm64: arm64
	ARM64_BUILD=$(ARM64_BUILD) ARM64_TESTS="$(ARM64_TESTS)" tests/run.sh arm64

# Builds (once: cached) its own kernel and appfw.ko for it; see
# tests/debug/run.sh.
.PHONY: check-debug
check-debug: userspace test-tools
	BUILD=$(BUILD) tests/run.sh debug

demo:
	scripts/deps.sh --if-missing
	$(MAKE) all
	$(KENV) tests/vm/run.sh --demo

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean || true
	rm -rf $(BUILD)

# Benchmarks (tests/bench/): they report and never fail. `make bench` runs
# the matcher benchmark; BENCH_SIZES="1000 1000000" picks the table sizes.
.PHONY: bench
bench: $(BUILD)/bench-match $(BUILD)/bench-classify $(BUILD)/appfwd \
		$(BUILD)/nfq-accept $(BUILD)/udpflows
	$(BUILD)/bench-match $(BENCH_SIZES)
	tests/bench/classify.sh $(BUILD)/bench-classify
	tests/bench/agent.sh $(BUILD)

$(BUILD)/bench-match: $(call obj,rel,tests/bench/bench_match.c $(SHARED_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

# appfw against nDPI on the same packets (tests/bench/classify.sh adds
# instruction counts under callgrind).
.PHONY: bench-classify
bench-classify: $(BUILD)/bench-classify
	tests/bench/classify.sh $(BUILD)/bench-classify

$(BUILD)/rel/tests/bench/bench_classify.o: BASE_CFLAGS += -Iuserspace/appfwd $(shell $(PKG_CONFIG) --cflags libndpi)
$(BUILD)/bench-classify: $(call obj,rel,tests/bench/bench_classify.c \
		$(wildcard userspace/appfwd/quic*.c) userspace/appfwd/reasm.c \
		$(SHARED_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(shell $(PKG_CONFIG) --libs libndpi libcrypto)

# The agent against a bare NFQUEUE loop on this kernel (root).
.PHONY: bench-agent
bench-agent: $(BUILD)/appfwd $(BUILD)/nfq-accept $(BUILD)/udpflows
	tests/bench/agent.sh $(BUILD)

$(BUILD)/nfq-accept: $(call obj,rel,tests/bench/nfq_accept.c)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/udpflows: $(call obj,rel,tests/bench/udpflows.c)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

# appfw restore's CLI with the module's per-entry and commit work in
# userspace instead of a socket: where a big load's time goes, natively.
# BENCH_RESTORE_FILE (default: 10^6 names, 10^5 prefixes from mkpolicy).
.PHONY: bench-restore
BENCH_RESTORE_FILE ?= $(BUILD)/bench-restore.policy
bench-restore: $(BUILD)/tools/bench-restore $(BUILD)/tools/mkpolicy
	[ -f $(BENCH_RESTORE_FILE) ] || $(BUILD)/tools/mkpolicy big 100 reject \
		1000000 100000 >$(BENCH_RESTORE_FILE)
	$(BUILD)/tools/bench-restore $(BENCH_RESTORE_FILE)

# In tools/, so that the VM image has it too (bench-vm's policy-load runs
# it under the same emulation); it needs no library appfw does not.
$(BUILD)/rel/tests/bench/bench_restore.o: BASE_CFLAGS += -Iuserspace/appfw
$(BUILD)/tools/bench-restore: $(call obj,rel,tests/bench/bench_restore.c \
		$(filter-out userspace/appfw/main.c,$(APPFW_SRC)) \
		$(filter-out userspace/lib/genl.c,$(ULIB_SRC)) $(SHARED_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(shell $(PKG_CONFIG) --libs libnl-genl-3.0)

# In the test VM (root, qemu): appfw restore against nft -f, and the data
# path with and without the module (tests/bench/vm.sh).
.PHONY: bench-vm
bench-vm: all $(BUILD)/tools/bench-restore
	BUILD=$(BUILD) $(KENV) tests/bench/vm.sh

# Test tools (tests/tools/*.c, one program per file): small programs the
# VM tier drives, linked statically so the initramfs needs nothing more.
TEST_TOOLS := $(patsubst tests/tools/%.c,$(BUILD)/tools/%,$(wildcard tests/tools/*.c))

.PHONY: test-tools
all: test-tools
test-tools: $(TEST_TOOLS)

$(BUILD)/tools/%: tests/tools/%.c $(wildcard tests/tools/*.h) include/uapi/linux/appfw.h
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -static -o $@ $<
