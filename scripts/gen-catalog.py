#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""One-time import of a collected facts file (apps.txt: [id] sections of
key = value lines) into catalog files (userspace/catalog/README.md).

The catalog files are the source of truth: they are committed, edited by
hand, and nothing at build or test time runs this. It exists to record how
the first import was made and to redo one after a new collection, followed
by a careful review of the diff (it overwrites the files it writes).

    scripts/gen-catalog.py APPS.TXT userspace/catalog

What it decides, so that the files can be read without it:
  - every ipv4/ipv6 list in apps.txt is an ASN list ("vendor-wide, not
    app-specific", its header says), so they become shared_ipv4/shared_ipv6;
  - the vendor-wide sections ([tencent]...) become ID-vendor apps, so that
    the vendor's name is free for the group of its apps;
  - a name two apps own gets an overlap line with a reason from REASONS, and
    the import fails for an overlap without one;
  - source lists split at top-level ";" into one source line each;
  - notes keep their text, with "[section]" references as catalog ids.
"""
import os
import re
import sys

VENDOR_SECTIONS = ["tencent", "bytedance", "baidu", "alibaba", "xiaomi",
                   "kuaishou"]

REASONS = {
    "duapps.com": "DU Apps Studio's one known domain, used by all six of "
                  "its apps in the catalog; no app-specific domain is known "
                  "for any of them, so adding one DU app blocks the others",
}

# The 59 apps of the Indian government's order of 29 June 2020, as issue 4
# lists them, and the apps.txt section of each.
INDIA_2020 = [
    ("TikTok", "tiktok"), ("SHAREit", "shareit"), ("Kwai", "kwai"),
    ("UC Browser", "uc-browser"), ("Baidu Map", "baidu-map"),
    ("SHEIN", "shein"), ("Clash of Kings", "clash-of-kings"),
    ("DU Battery Saver", "du-battery-saver"), ("Helo", "helo"),
    ("Likee", "likee"), ("YouCam Makeup", "youcam-makeup"),
    ("Mi Community", "mi-community"), ("CM Browser", "cm-browser"),
    ("Virus Cleaner", "virus-cleaner"), ("APUS Browser", "apus-browser"),
    ("ROMWE", "romwe"), ("Club Factory", "club-factory"),
    ("NewsDog", "newsdog"), ("BeautyPlus", "beautyplus"),
    ("WeChat", "wechat"), ("UC News", "uc-news"), ("QQ Mail", "qq-mail"),
    ("Weibo", "weibo"), ("Xender", "xender"), ("QQ Music", "qq-music"),
    ("QQ Newsfeed", "qq-newsfeed"), ("Bigo Live", "bigo-live"),
    ("SelfieCity", "selfiecity"), ("Mail Master", "mail-master"),
    ("Parallel Space", "parallel-space"),
    ("Mi Video Call", "mi-video-call"), ("WeSync", "wesync"),
    ("ES File Explorer", "es-file-explorer"), ("VivaVideo", "vivavideo"),
    ("Meitu", "meitu"), ("Vigo Video", "vigo-video"),
    ("New Video Status", "new-video-status"),
    ("DU Recorder", "du-recorder"), ("Vault-Hide", "vault-hide"),
    ("Cache Cleaner DU", "cache-cleaner"), ("DU Cleaner", "du-cleaner"),
    ("DU Browser", "du-browser"), ("Hago", "hago"),
    ("CamScanner", "camscanner"), ("Clean Master", "clean-master"),
    ("Wonder Camera", "wonder-camera"), ("Photo Wonder", "photo-wonder"),
    ("QQ Player", "qq-player"), ("We Meet", "we-meet"),
    ("Sweet Selfie", "sweet-selfie"),
    ("Baidu Translate", "baidu-translate"), ("VMate", "vmate"),
    ("QQ International", "qq-international"),
    ("QQ Security Center", "qq-security-center"),
    ("QQ Launcher", "qq-launcher"), ("U Video", "u-video"),
    ("V fly Status Video", "v-fly"), ("Mobile Legends", "mobile-legends"),
    ("DU Privacy", "du-privacy"),
]

# Vendor groups: the group id, its name, and the apps.txt vendor strings
# that belong to it.
VENDOR_GROUPS = [
    ("tencent", "Tencent", ["Tencent", "Tencent Music Entertainment"]),
    ("bytedance", "ByteDance", ["ByteDance", "ByteDance / TikTok Pte. Ltd.",
                                "ByteDance (Beijing Douyin)"]),
    ("baidu", "Baidu", ["Baidu", "DU Apps Studio (Baidu)"]),
    ("alibaba", "Alibaba", ["Alibaba Group", "UCWeb (Alibaba Group)"]),
    ("xiaomi", "Xiaomi", ["Xiaomi"]),
    ("kuaishou", "Kuaishou", ["Kuaishou"]),
    ("joyy", "JOYY (Bigo, YY)", ["Bigo / JOYY", "JOYY (YY)"]),
    ("cheetah-mobile", "Cheetah Mobile", ["Cheetah Mobile"]),
]

WIDTH = 72


def parse(path):
    sections, cur = {}, None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[([a-z0-9-]+)\]", line)
        if m:
            cur = sections.setdefault(m.group(1), {})
            continue
        key, sep, value = line.partition("=")
        if not sep or cur is None:
            sys.exit(f"{path}:{n}: not key = value")
        key = key.strip()
        if key in cur:
            sys.exit(f"{path}:{n}: {key} repeated")
        cur[key] = value.strip()
    return sections


def split_sources(text):
    """Splits at ";" outside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    return [p for p in parts if p]


def wrap(key, words):
    """key = words..., continued on tab-indented lines within WIDTH
    columns (a tab is 8); a word longer than a line gets one alone."""
    lines, cur, width = [], f"{key} =", len(key) + 2
    for w in words:
        if width + 1 + len(w) > WIDTH and width > 8 and cur != f"{key} =":
            lines.append(cur)
            cur, width = "\t" + w, 8 + len(w)
        else:
            cur += " " + w
            width += 1 + len(w)
    lines.append(cur)
    return lines


def app_file(sid, s, owners):
    out = []
    ident = f"{sid}-vendor" if sid in VENDOR_SECTIONS else sid
    own = s.get("domains", "").split() + s.get("hosts", "").split()
    shared = s.get("shared_domains", "").split()
    prefixes = s.get("ipv4", "").split() + s.get("ipv6", "").split()
    status = "ok" if own else \
        "shared-only" if shared or prefixes else "no-known-domains"
    out.append(f"id = {ident}")
    out.append(f"name = {s['name']}")
    if s.get("vendor"):
        out.append(f"vendor = {s['vendor']}")
    out.append(f"status = {status}")
    if s.get("confidence"):
        out.append(f"confidence = {s['confidence']}")
    for key in ("domains", "hosts", "shared_domains"):
        if s.get(key):
            out += wrap(key, s[key].split())
    for key in ("ipv4", "ipv6"):
        if s.get(key):
            out += wrap("shared_" + key, s[key].split())
    if s.get("ip_source"):
        out += wrap("ip_source", s["ip_source"].split())
    for src in split_sources(s["source"]):
        out += wrap("source", src.split())
    for name in own:
        if len(owners[name]) > 1:
            if name not in REASONS:
                sys.exit(f"{sid}: {name} also owned by {owners[name]}: "
                         "add a reason to REASONS")
            out += wrap("overlap", [name + ":"] + REASONS[name].split())
    if s.get("notes"):
        out += wrap("notes", refs(s["notes"]).split())
    return ident, out


def refs(text):
    """apps.txt's "[tencent]" references, as catalog ids."""
    return re.sub(r"\[([a-z0-9-]+)\]",
                  lambda m: m.group(1) + "-vendor"
                  if m.group(1) in VENDOR_SECTIONS else m.group(1), text)


def group_file(ident, name, members, sources, notes):
    out = [f"id = {ident}", f"name = {name}"]
    out += wrap("apps", members)
    for src in sources:
        out += wrap("source", src.split())
    out += wrap("notes", notes.split())
    return out


def write(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-catalog.py APPS.TXT CATALOG_DIR")
    sections = parse(sys.argv[1])
    root = sys.argv[2]
    os.makedirs(f"{root}/apps", exist_ok=True)
    os.makedirs(f"{root}/groups", exist_ok=True)

    owners = {}
    for sid, s in sections.items():
        for name in s.get("domains", "").split() + s.get("hosts", "").split():
            owners.setdefault(name, []).append(sid)

    ids, statuses = {}, {}
    for sid, s in sections.items():
        ident, lines = app_file(sid, s, owners)
        ids[sid] = ident
        statuses[ident] = next(l for l in lines if l.startswith("status"))
        write(f"{root}/apps/{ident}.app", lines)

    india = [ids[sid] for _, sid in INDIA_2020]
    assert len(india) == 59 and len(set(india)) == 59
    counts = {}
    for i in india:
        st = statuses[i].split("= ")[1]
        counts[st] = counts.get(st, 0) + 1
    write(f"{root}/groups/india-2020.group", group_file(
        "india-2020", "Apps India banned on 29 June 2020", india,
        ["Government of India, Ministry of Electronics and Information "
         "Technology, press release of 29 June 2020 (59 apps blocked under "
         "section 69A of the Information Technology Act)",
         "appfw issue 4 (the list, in its order)"],
        f"Of the 59, {counts.get('ok', 0)} own domains or hosts, "
        f"{counts.get('shared-only', 0)} list only shared vendor domains "
        f"and {counts.get('no-known-domains', 0)} have none known, so "
        "the group blocks only part of the list unless shared domains are "
        "asked for, and even then not all of it."))

    for gid, gname, vendors in VENDOR_GROUPS:
        members = [ids[sid] for sid, s in sections.items()
                   if s.get("vendor") in vendors]
        vendor_app = ids.get(gid)
        notes = (f"Every {gname} app in the catalog" +
                 (f", and {vendor_app}, the vendor-wide entry (its shared "
                  "domains and prefixes enter a policy only on request)."
                  if vendor_app else "."))
        write(f"{root}/groups/{gid}.group",
              group_file(gid, f"{gname} apps", sorted(members), [], notes))


if __name__ == "__main__":
    main()
