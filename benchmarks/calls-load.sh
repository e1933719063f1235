#!/usr/bin/env bash
# Concurrent bridged G.711 calls through our B2BUA (benchmarks/CallCenterSdk.CallsLab) on loopback, at rising N:
#   sipp uac_pcap (g711a.pcap, PCMA, -l N) -> CallsLab b2bua -> far end
#   relay:     far end = CallsLab uas answering PCMA and playing a tone (payloads relayed both ways, never decoded)
#   transcode: far end = CallsLab uas answering Opus only and playing a tone (G.711 <-> Opus in the B2BUA)
# The far end is our own UAS, not sipp's uas -rtp_echo: an echo sends our packets back with our own SSRC, which
# an RTP stack must discard as a loop (RFC 3550 §8.2), so nothing would come back to count.
# Reports the B2BUA's CPU (from /proc/<pid>/stat over a window where N calls are up), its RTP counters and the
# packets it lost or did not forward. Usage:
#   benchmarks/calls-load.sh relay|transcode [window-seconds] N...
#   e.g. benchmarks/calls-load.sh relay 20 100 250 500
# Env: OPUS_RATE (PCM rate of the Opus codec, default 8000), OPUS_COMPLEXITY (the B2BUA's encoders, default 5, the
# library's default), FAR_OPUS_COMPLEXITY (the far end's, default 0: it shares the cores and is not measured), FAR_REPLAY
# (1, the default: the far end replays one second of Opus packets encoded at start, as sipp replays its pcap, instead of
# encoding every frame on the cores the B2BUA needs; 0: it encodes), CLOCK_THREADS (the B2BUA media clock's parallelism, 0 =
# the processor count), CLOCK_NICE (the B2BUA media clock's Linux nice value, default -10 as
# CallEngineOptions.MediaClockNice; none leaves it at the process's), FAR_CLOCK_NICE (the far end's, default none: it is
# load, not the system measured), HARNESS_NICE (nice value of sipp and the far end, default 0; 10 lets the B2BUA have the
# cores first when the three together want more than two), RX_THREADS / FAR_RX_THREADS (threads of the engine's
# MediaSocketPoller reading RTP, 0 = one per two processors, or async: one .NET async receive loop per socket as before
# December 2026), PRINT_LEGS (1: the B2BUA and the far end print every leg when it ends: ports, latched remote, SSRCs,
# packets), B2BUA_PORTS / FAR_PORTS (media port ranges FIRST-LAST instead of ephemeral ports; keep them clear of
# sipp's media ports, 20000 + 4 per call), ALLOC_PROFILE (1: the B2BUA prints what it allocated, by type, and why each collection ran; with
# KEEP=dir the outputs are kept there), ARTIFACTS (build output, default artifacts/calls-load).
# Prints a Markdown table; copy it into docs/benchmarks.md ("Calls") with the date, machine and load average.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-relay}
WINDOW=${2:-20}
shift 2 || true
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(100 250 500)
case "$MODE" in relay|transcode) ;; *) echo "mode must be relay or transcode" >&2; exit 2 ;; esac
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester (./build.sh deps)" >&2; exit 1; }
[ -f /usr/share/sip-tester/g711a.pcap ] || { echo "/usr/share/sip-tester/g711a.pcap missing (package sip-tester)" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

ARTIFACTS=${ARTIFACTS:-$PWD/artifacts/calls-load}
OPUS_RATE=${OPUS_RATE:-8000}
HARNESS_NICE=${HARNESS_NICE:-0}
dotnet build benchmarks/CallCenterSdk.CallsLab -c Release --artifacts-path "$ARTIFACTS" -nologo -clp:ErrorsOnly >/dev/null
LAB="$ARTIFACTS/bin/CallCenterSdk.CallsLab/release/CallCenterSdk.CallsLab.dll"
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ln -sfn /usr/share/sip-tester "$WORK/pcap"
CLK=$(getconf CLK_TCK)
CALL_S=9   # uac_pcap: 7 s of audio played while an 8 s pause runs, a DTMF, 1 s, then BYE

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
udp_rcvbuf_errors() { awk '/^Udp:/ && $2 ~ /^[0-9]/ {print $6}' /proc/net/snmp; }
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }
wait_ready() { for _ in $(seq 1 200); do grep -q '^ready' "$1" && return 0; sleep 0.1; done; echo "not ready: $(cat "$1")" >&2; return 1; }

echo "| mode | N | calls up (min-max in window) | B2BUA CPU, % of 2 cores | CPU per call, % of one core | caller->far: B2BUA received / lost / forwarded / far end received / lost | far->caller: B2BUA received / lost / forwarded | send failures | clock skipped ticks | jitter late | socket drops: B2BUA / far end / all UDP in window | sipp failed calls | far end / sipp CPU, % of 2 cores | load avg (1 min) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
port=5600
for n in "${COUNTS[@]}"; do
  port=$((port + 10)); far=$((port + 1)); sipp_port=$((port + 2))
  far_codecs=PCMA; codecs=PCMA
  [ "$MODE" = transcode ] && { far_codecs=opus; codecs=PCMA,opus; }
  nice -n "$HARNESS_NICE" dotnet "$LAB" uas --port "$far" --codecs "$far_codecs" --opus-rate "$OPUS_RATE" --opus-complexity "${FAR_OPUS_COMPLEXITY:-0}" --replay "${FAR_REPLAY:-1}" --print-legs "${PRINT_LEGS:-0}" ${FAR_PORTS:+--ports "$FAR_PORTS"} --clock-nice "${FAR_CLOCK_NICE:-none}" --rx-threads "${FAR_RX_THREADS:-0}" --report-s 5 >"$WORK/far.out" 2>&1 &
  far_pid=$!; PIDS+=($far_pid)
  wait_ready "$WORK/far.out"
  dotnet "$LAB" b2bua --port "$port" --target "127.0.0.1:$far" --codecs "$codecs" --opus-rate "$OPUS_RATE" --opus-complexity "${OPUS_COMPLEXITY:-5}" --clock-threads "${CLOCK_THREADS:-0}" --clock-nice "${CLOCK_NICE:--10}" --rx-threads "${RX_THREADS:-0}" ${B2BUA_PORTS:+--ports "$B2BUA_PORTS"} --alloc-profile "${ALLOC_PROFILE:-0}" --print-legs "${PRINT_LEGS:-0}" --report-s 1 >"$WORK/b2bua.out" 2>&1 &
  b2bua=$!; PIDS+=($b2bua)
  wait_ready "$WORK/b2bua.out"
  python3 benchmarks/udp-drops.py "$b2bua" "$far_pid" >"$WORK/ss.drops" &
  ss_sampler=$!
  rate=$(( (n + CALL_S - 1) / CALL_S + 2 ))
  total_s=$((CALL_S + 3 + WINDOW + 2))
  # sipp plays its pcap through a raw socket: the media ports it announces (4 apart per call from -mp) are never bound,
  # so in the kernel's ephemeral range (32768-60999) the B2BUA or the far end could bind one of them too, and then
  # two streams share an address: the far end latched onto the B2BUA's caller-facing leg and that call's outbound
  # leg heard nothing (the "silent legs" of December 2026). 20000 + 4 x calls stays below the ephemeral range.
  (cd "$WORK" && exec nice -n "$HARNESS_NICE" timeout $((total_s + CALL_S + 60)) sipp -sn uac_pcap "127.0.0.1:$port" -i 127.0.0.1 -p "$sipp_port" -mi 127.0.0.1 -mp 20000 \
      -r "$rate" -l "$n" -m $((rate * total_s)) -nostdin -max_socket 4096 -timeout $((total_s + CALL_S + 30))s >"$WORK/uac.out" 2>&1) &
  uac=$!; PIDS+=($uac)
  sleep $((CALL_S + 3))   # ramp up to N calls
  sipp_pid=$(pgrep -P "$uac" -x sipp || echo "$uac")
  drops0=$(udp_rcvbuf_errors); cpu0=$(cpu_ticks "$b2bua"); far0=$(cpu_ticks "$far_pid"); sipp0=$(cpu_ticks "$sipp_pid"); t0=$(date +%s.%N); lines0=$(wc -l <"$WORK/b2bua.out")
  sleep "$WINDOW"
  cpu1=$(cpu_ticks "$b2bua"); far1=$(cpu_ticks "$far_pid"); sipp1=$(cpu_ticks "$sipp_pid"); t1=$(date +%s.%N); drops1=$(udp_rcvbuf_errors); load=$(cut -d' ' -f1 /proc/loadavg)
  up=$(tail -n +"$lines0" "$WORK/b2bua.out" | awk '/^report/ {for (i = 1; i <= NF; i++) if ($i ~ /^legs=/) {split($i, a, "="); c = int(a[2] / 2); if (min == "" || c < min) min = c; if (c > max) max = c}} END {print min "-" max}')
  wait "$uac" 2>/dev/null || true
  sleep 2
  kill -TERM "$b2bua" "$far_pid"; wait "$b2bua" "$far_pid" 2>/dev/null || true
  wait "$ss_sampler" 2>/dev/null || true
  read -r _ ss_b2bua_drops ss_b2bua_queued < <(grep "^$b2bua " "$WORK/ss.drops" || echo "- ? ?")
  read -r _ ss_far_drops _ < <(grep "^$far_pid " "$WORK/ss.drops" || echo "- ? ?")
  final=$(grep '^final' "$WORK/b2bua.out" | tail -1)
  far_final=$(grep '^final' "$WORK/far.out" | tail -1)
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PIDS=()
  failed=$(grep -E '^ +Failed call' "$WORK/uac.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  read -r cpu_pct per_call < <(awk -v a="$cpu0" -v b="$cpu1" -v s="$t0" -v e="$t1" -v clk="$CLK" -v n="$n" \
      'BEGIN {sec = (b - a) / clk; w = e - s; printf "%.1f %.3f\n", 100 * sec / w / 2, 100 * sec / w / n}')
  in_rx=$(field "$final" in_rx); in_lost=$(field "$final" in_lost); out_rx=$(field "$final" out_rx); out_lost=$(field "$final" out_lost)
  if [ "$MODE" = relay ]; then
    fwd_ab=$(field "$final" out_relayed); fwd_ba=$(field "$final" in_relayed)
  else
    fwd_ab="$(field "$final" out_tx) frames of $(field "$final" out_frames_due) due"; fwd_ba="$(field "$final" in_tx) frames of $(field "$final" in_frames_due) due"
  fi
  others=$(awk -v f="$((far1 - far0))" -v p="$((sipp1 - sipp0))" -v s="$t0" -v e="$t1" -v clk="$CLK" 'BEGIN {w = e - s; printf "%.1f / %.1f", 100 * f / clk / w / 2, 100 * p / clk / w / 2}')
  send_failures=$(( $(field "$final" in_send_failures) + $(field "$final" out_send_failures) ))
  late=$(( $(field "$final" in_late) + $(field "$final" out_late) ))
  echo "| $MODE | $n | $up | $cpu_pct | $per_call | $in_rx / $in_lost / $fwd_ab / $(field "$far_final" in_rx) / $(field "$far_final" in_lost) | $out_rx / $out_lost / $fwd_ba | $send_failures | $(field "$final" clock_skipped) | $late | $ss_b2bua_drops / $ss_far_drops / $((drops1 - drops0)) (B2BUA queued at most $((ss_b2bua_queued / 1024)) KB) | ${failed:-?} | $others | $load |"
  [ -n "${KEEP:-}" ] && cp "$WORK"/*.out "$WORK"/ss.drops "$KEEP"/ 2>/dev/null || true
done
