#!/usr/bin/env bash
# Sets up the CUPS queue `refdesk-test`, which "prints" to a PDF file, for the end-to-end test
# tests/referral_cups.rs. Run as root (in CI before `cargo test`). Idempotent: installs only
# what is missing, starts cupsd only when it is not running, re-creates the queue.
#
#   REFDESK_CUPS_OUT  folder for the printed file (default /var/tmp/refdesk-cups)
set -euo pipefail

out_dir=${REFDESK_CUPS_OUT:-/var/tmp/refdesk-cups}
queue=refdesk-test

if [ "$(id -u)" -ne 0 ]; then
    echo "cups-setup: run as root (it installs packages and starts cupsd)" >&2
    exit 1
fi

missing=()
for p in cups cups-client cups-filters poppler-utils fonts-dejavu-core; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "cups-setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The file: device is off by default; the queue needs it.
conf=/etc/cups/cups-files.conf
conf_changed=no
if ! grep -qE '^[[:space:]]*FileDevice[[:space:]]+Yes' "$conf"; then
    sed -i -E '/^[[:space:]]*FileDevice[[:space:]]/d' "$conf"
    echo 'FileDevice Yes' >>"$conf"
    conf_changed=yes
fi

if pid=$(pgrep -x cupsd); then
    if [ "$conf_changed" = yes ]; then
        # cups-files.conf is read at start-up only.
        echo "cups-setup: restarting cupsd ($pid) to enable FileDevice"
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        cupsd
    fi
else
    mkdir -p /run/cups
    cupsd
fi
for _ in $(seq 100); do
    LC_ALL=C lpstat -r 2>/dev/null | grep -q "scheduler is running" && break
    sleep 0.1
done
LC_ALL=C lpstat -r | grep -q "scheduler is running" || { echo "cups-setup: cupsd did not start" >&2; exit 1; }

ppd=/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd
if [ ! -f "$ppd" ]; then
    ppd=$(find /usr/share/ppd /usr/share/cups/model -iname 'Generic-PDF_Printer-PDF.ppd*' 2>/dev/null | head -n1 || true)
fi
if [ -z "$ppd" ] || [ ! -f "$ppd" ]; then
    echo "cups-setup: no generic PDF printer PPD found (cups-filters)" >&2
    exit 1
fi

# CUPS 2.4 opens a file: device without O_CREAT (and without O_TRUNC), so the file must exist
# beforehand; each job overwrites it from the start. The test truncates it before printing.
mkdir -p "$out_dir"
chmod 0777 "$out_dir"
touch "$out_dir/slip.pdf"
chmod 0666 "$out_dir/slip.pdf"
lpadmin -x "$queue" 2>/dev/null || true
lpadmin -p "$queue" -E -v "file://$out_dir/slip.pdf" -P "$ppd"
cupsenable "$queue"
cupsaccept "$queue"
LC_ALL=C lpstat -v "$queue"
echo "cups-setup: queue $queue ready; jobs are written to $out_dir/slip.pdf"
