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
# the processor count), ARTIFACTS (build output, default artifacts/calls-load).
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
# Every second: the receive-queue drops of each UDP socket the process holds (/proc/net/udp, last column), by inode.
sample_drops() {
  while kill -0 "$1" 2>/dev/null; do
    inodes=$(find "/proc/$1/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n')
    awk -v list="$inodes" 'BEGIN {n = split(list, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1} FNR > 1 && ($10 in want) {print $10, $NF}' /proc/net/udp /proc/net/udp6
    sleep 0.25
  done
}
sum_drops() { awk '{if ($2 > m[$1]) m[$1] = $2} END {s = 0; for (k in m) s += m[k]; print s + 0}' "$1"; }
wait_ready() { for _ in $(seq 1 200); do grep -q '^ready' "$1" && return 0; sleep 0.1; done; echo "not ready: $(cat "$1")" >&2; return 1; }

echo "| mode | N | calls up (min-max in window) | B2BUA CPU, % of 2 cores | CPU per call, % of one core | caller->far: B2BUA received / lost / forwarded / far end received / lost | far->caller: B2BUA received / lost / forwarded | send failures | clock skipped ticks | jitter late | socket drops: B2BUA / far end / all UDP in window | sipp failed calls | far end / sipp CPU, % of 2 cores | load avg (1 min) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
port=5600
for n in "${COUNTS[@]}"; do
  port=$((port + 10)); far=$((port + 1)); sipp_port=$((port + 2))
  far_codecs=PCMA; codecs=PCMA
  [ "$MODE" = transcode ] && { far_codecs=opus; codecs=PCMA,opus; }
  dotnet "$LAB" uas --port "$far" --codecs "$far_codecs" --opus-rate "$OPUS_RATE" --opus-complexity "${FAR_OPUS_COMPLEXITY:-0}" --replay "${FAR_REPLAY:-1}" --report-s 5 >"$WORK/far.out" 2>&1 &
  far_pid=$!; PIDS+=($far_pid)
  wait_ready "$WORK/far.out"
  dotnet "$LAB" b2bua --port "$port" --target "127.0.0.1:$far" --codecs "$codecs" --opus-rate "$OPUS_RATE" --opus-complexity "${OPUS_COMPLEXITY:-5}" --clock-threads "${CLOCK_THREADS:-0}" --report-s 1 >"$WORK/b2bua.out" 2>&1 &
  b2bua=$!; PIDS+=($b2bua)
  wait_ready "$WORK/b2bua.out"
  sample_drops "$b2bua" >"$WORK/b2bua.drops" &
  sample_drops "$far_pid" >"$WORK/far.drops" &
  rate=$(( (n + CALL_S - 1) / CALL_S + 2 ))
  total_s=$((CALL_S + 3 + WINDOW + 2))
  (cd "$WORK" && exec timeout $((total_s + CALL_S + 60)) sipp -sn uac_pcap "127.0.0.1:$port" -i 127.0.0.1 -p "$sipp_port" -mi 127.0.0.1 -mp $((40000 + port * 4 % 20000)) \
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
  echo "| $MODE | $n | $up | $cpu_pct | $per_call | $in_rx / $in_lost / $fwd_ab / $(field "$far_final" in_rx) / $(field "$far_final" in_lost) | $out_rx / $out_lost / $fwd_ba | $send_failures | $(field "$final" clock_skipped) | $late | $(sum_drops "$WORK/b2bua.drops") / $(sum_drops "$WORK/far.drops") / $((drops1 - drops0)) | ${failed:-?} | $others | $load |"
  [ -n "${KEEP:-}" ] && cp "$WORK"/*.out "$WORK"/*.drops "$KEEP"/ 2>/dev/null || true
done
