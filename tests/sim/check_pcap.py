#!/usr/bin/env python3
"""Reads the pcap captures of `fognas simulate --pcap` with tshark.

Usage: check_pcap.py FOGNAS_BINARY WORK_DIR

Simulates the shipped ward (50 walking wearables, 3 fog nodes) for a short
while with and without --pcap, a lossy variant of it in which links drop
and connect again (advertising, a CONNECT_IND on the air), and a smaller one
on the LE Coded PHY. For every capture:

* tshark reads it without a malformed packet, and dissects every packet as
  Bluetooth LE (btle) on the run's PHY;
* no packet's CRC is indeterminate (btle.crc.indeterminate matches nothing);
* tshark's packet count per RF channel (btle_rf.channel) equals report.json's
  packets_by_rf_channel for that fog node;
* an independent CRC-24 (written here, the Core specification's LFSR taken
  bit by bit, with each connection's CRC initialisation value read from its
  CONNECT_IND in the file) matches every packet's CRC exactly where the
  pseudo-header says the packet was received, and none where it says lost;
* the capture changes no figure: report.json without --pcap is the same but
  for wall time and packets_by_rf_channel (the ward and the lossy ward).

Exits 77 (skipped) when tshark is not installed.
"""
import collections
import json
import os
import shutil
import struct
import subprocess
import sys

ADV_ACCESS_ADDRESS = 0x8E89BED6
ADV_CRC_INIT = 0x555555
FLAG_CRC_CHECKED, FLAG_CRC_VALID = 0x0400, 0x0800


def crc24(init, data):
    """The BLE CRC-24 as the Core specification draws it (Vol 6 Part B 3.1.1):
    a 24-bit LFSR preset with the CRC init (bit 0 at position 0), the PDU's
    bits fed LSB first; the register's position 23 goes on the air first.
    Returns the three CRC bytes as they appear in the packet."""
    reg = [(init >> i) & 1 for i in range(24)]
    for byte in data:
        for i in range(8):
            feedback = reg[23] ^ ((byte >> i) & 1)
            new = [feedback] + reg[:23]
            for tap in (1, 3, 4, 6, 9, 10):  # x^24 + x^10 + x^9 + x^6 + x^4 + x^3 + x + 1
                new[tap] ^= feedback
            reg = new
    bits = [reg[23 - k] for k in range(24)]  # in the order sent
    return bytes(sum(bits[8 * b + i] << i for i in range(8)) for b in range(3))


def records(path):
    """(pseudo-header flags, access address, PDU, CRC bytes) of each packet."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data, 0)[0]
    assert magic in (0xA1B2C3D4, 0xA1B23C4D), f"{path}: not a little-endian pcap file"
    linktype = struct.unpack_from("<I", data, 20)[0]
    assert linktype == 256, f"{path}: link type {linktype}, expected 256"
    off = 24
    while off < len(data):
        incl = struct.unpack_from("<I", data, off + 8)[0]
        rec = data[off + 16 : off + 16 + incl]
        off += 16 + incl
        flags = struct.unpack_from("<H", rec, 8)[0]
        body = rec[15:] if flags >> 14 == 2 else rec[14:]  # LE Coded: the coding indicator comes first
        yield flags, struct.unpack_from("<I", rec, 10)[0], body[:-3], body[-3:]


def check_crcs(path):
    inits = {ADV_ACCESS_ADDRESS: ADV_CRC_INIT}
    received = lost = 0
    for flags, aa, pdu, crc in records(path):
        if aa == ADV_ACCESS_ADDRESS and pdu[0] & 0x0F == 5:  # CONNECT_IND: LLData's AA at 12, CRCInit at 16
            inits[struct.unpack_from("<I", pdu, 14)[0]] = int.from_bytes(pdu[18:21], "little")
        assert aa in inits, f"{path}: a packet of access address {aa:#x} before its CONNECT_IND"
        good = crc24(inits[aa], pdu) == crc
        said_lost = bool(flags & FLAG_CRC_CHECKED) and not flags & FLAG_CRC_VALID
        assert good != said_lost, f"{path}: CRC {'right' if good else 'wrong'} but the flags say {flags:#06x}"
        lost += said_lost
        received += not said_lost
    return received, lost


FIELDS = ("btle_rf.channel", "btle_rf.phy", "frame.protocols", "_ws.malformed", "btle.crc.indeterminate", "btle.crc.incorrect",
          "btle.advertising_header.pdu_type")


def tshark_fields(path):
    """One pass of tshark over the capture: per packet, FIELDS (empty when absent)."""
    args = ["tshark", "-r", path, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"]
    for field in FIELDS:
        args += ["-e", field]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return [dict(zip(FIELDS, line.split("\t"))) for line in out.splitlines()]


def check_capture(path, by_channel, phy):
    """Returns (packets, received, lost, CONNECT_INDs received)."""
    packets = tshark_fields(path)
    assert all(p["btle_rf.phy"] == phy for p in packets), f"{path}: a packet not on PHY {phy}"
    assert not [p for p in packets if p["_ws.malformed"]], f"{path}: malformed packets"
    assert not [p for p in packets if p["btle.crc.indeterminate"]], f"{path}: packets whose CRC tshark cannot judge"
    assert all(":btle" in p["frame.protocols"] for p in packets), f"{path}: packets not dissected as Bluetooth LE"
    counted = collections.Counter(int(p["btle_rf.channel"]) for p in packets)
    expected = {int(ch): n for ch, n in by_channel.items() if n}
    assert counted == expected, f"{path}: tshark counts {dict(counted)}, report.json {expected}"
    received, lost = check_crcs(path)
    connect_inds = sum(1 for p in packets
                       if p["btle.advertising_header.pdu_type"] == "0x05" and not p["btle.crc.incorrect"])
    return len(packets), received, lost, connect_inds


def simulate(binary, out, *extra):
    subprocess.run([binary, "simulate", "scenarios/ward.yaml", "--out", out, "--quiet", *extra], check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "report.json")) as f:
        return json.load(f)


def without(report, keys):
    if isinstance(report, dict):
        return {k: without(v, keys) for k, v in report.items() if k not in keys}
    if isinstance(report, list):
        return [without(v, keys) for v in report]
    return report


def check_run(binary, work, name, phy, *settings):
    report = simulate(binary, os.path.join(work, name), "--pcap", "captures", *settings)
    total = [0, 0, 0, 0]
    for fog in report["cases"][0]["fog_nodes"]:
        path = os.path.join(work, name, "captures", f"fog-{fog['fog_node']:03}.pcap")
        for k, n in enumerate(check_capture(path, fog["packets_by_rf_channel"], phy)):
            total[k] += n
    print(f"{name}: {total[0]} packets read by tshark, {total[1]} received and {total[2]} lost with CRCs as flagged, "
          f"{total[3]} CONNECT_INDs received")
    return report, total[3]


def check_the_crc_check(path, flipped):
    """The CRC check fails on a capture with one payload bit flipped in its last packet."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    data[-4] ^= 0x01  # the last PDU byte, before the 3 CRC bytes
    with open(flipped, "wb") as f:
        f.write(data)
    try:
        check_crcs(flipped)
    except AssertionError:
        return
    raise AssertionError("the CRC check passed a capture with a flipped bit")


def main():
    binary, work = sys.argv[1], sys.argv[2]
    if shutil.which("tshark") is None:
        print("tshark is not installed (scripts/setup.sh installs it): skipped")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    captured, _ = check_run(binary, work, "ward", "0", "--duration-s", "12")
    check_the_crc_check(os.path.join(work, "ward", "captures", "fog-000.pcap"), os.path.join(work, "flipped.pcap"))
    plain = simulate(binary, os.path.join(work, "plain"), "--duration-s", "12")
    keys = {"wall_s", "packets_by_rf_channel"}
    assert without(captured, keys) == without(plain, keys), "a capture changed the report's figures"
    # Links that drop and connect again: advertising and CONNECT_INDs on the air.
    lossy_settings = ("--set", "channel.path_loss_exponent=4.6", "--set", "channel.shadowing_sigma_db=6",
                      "--duration-s", "20")
    lossy, connect_inds = check_run(binary, work, "lossy", "0", *lossy_settings)
    lossy_plain = simulate(binary, os.path.join(work, "lossy-plain"), *lossy_settings)
    assert without(lossy, keys) == without(lossy_plain, keys), "a capture changed the lossy ward's figures"
    reconnections = sum(w["reconnections"] for w in lossy["cases"][0]["wearables"])
    assert reconnections > 0, "the lossy ward should lose and remake links"
    assert connect_inds == 50 + reconnections, f"{connect_inds} CONNECT_INDs received for 50 links and {reconnections} remade"
    # The LE Coded PHY (S=2): the pseudo-header says so and the coding
    # indicator precedes each PDU; fewer links per fog node, whose longer
    # packets need the whole slot.
    check_run(binary, work, "coded", "2", "--duration-s", "8", "--set", "devices.radio=nrf52840-coded-s2",
              "--set", "wearables=12", "--set", "max_wearables_per_fog=4", "--set", "radio.ble.max_event_length_ms=0")
    print("captures: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
