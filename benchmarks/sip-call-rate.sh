#!/usr/bin/env bash
# SIP call rate (issue 4): sipp's built-in uac against samples/SipUas, next to the same uac against sipp's own uas
# (the tool's limit on this machine), in one run. Both servers share the two cores with the uac.
#
# Usage:
#   benchmarks/sip-call-rate.sh [seconds-per-step] [rates...]
#       e.g. benchmarks/sip-call-rate.sh 5 1000 2000 3000 4000 5000
#     One row per transport and asked rate: successful / failed / achieved calls per second for each server, and the
#     server's CPU time (utime+stime from /proc/<pid>/stat) per 1,000 calls. The summary compares the highest
#     *achieved* rate with zero failed calls of each server and gives the ratio (target: ours >= 80% of sipp's).
#   benchmarks/sip-call-rate.sh cpu [rate] [calls] [rounds]
#       e.g. benchmarks/sip-call-rate.sh cpu 2000 20000 3
#     CPU per call only: a fixed uac run against each server, alternating, `rounds` times. Far less sensitive to
#     other load on the machine than the achieved rate; quote it with the load average printed next to it.
#
# Environment: TRANSPORTS (default "udp tcp"); WARMUP_CALLS (default 5000): calls at 1,000/s that each new SipUas
# process serves before it is measured, so its code is compiled (sipp's uas is native and needs none);
# SIPUAS_DLL: a prebuilt SipUas.dll to measure instead of building samples/SipUas (to compare two builds in one run);
# SIPP_BUFF_SIZE (default 4194304, 0 for sipp's default): sipp's socket buffers (-buff_size), for the uac and sipp's
# uas alike. With sipp's default 64 KB the uac's receive buffer overflows whenever a server answers a burst (after a
# GC pause, or after the scheduler left the uac off the CPU on a loaded machine): the drops show in /proc/net/udp on
# the uac's socket, and the retransmissions that follow measure sipp's socket rather than the server.
# Prints Markdown; copy it into docs/benchmarks.md with the date, the machine and the load averages.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester (./build.sh deps)" >&2; exit 1; }

MODE=steps
if [ "${1:-}" = cpu ]; then
  MODE=cpu
  shift
  CPU_RATE=${1:-2000}
  CPU_CALLS=${2:-20000}
  CPU_ROUNDS=${3:-3}
else
  SECONDS_PER_STEP=${1:-5}
  shift || true
  RATES=("$@")
  [ ${#RATES[@]} -gt 0 ] || RATES=(1000 2000 3000 4000 5000)
fi
TRANSPORTS=${TRANSPORTS:-udp tcp}
WARMUP_CALLS=${WARMUP_CALLS:-5000}
SIPP_BUFF_SIZE=${SIPP_BUFF_SIZE:-4194304}
SIPP_BUFFERS=()
[ "$SIPP_BUFF_SIZE" -gt 0 ] && SIPP_BUFFERS=(-buff_size "$SIPP_BUFF_SIZE")

if [ -n "${SIPUAS_DLL:-}" ]; then
  UAS_DLL=$SIPUAS_DLL
else
  dotnet build samples/SipUas -c Release -nologo -clp:ErrorsOnly >/dev/null
  UAS_DLL=samples/SipUas/bin/Release/net10.0/SipUas.dll
fi
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
TICKS=$(getconf CLK_TCK)

load() { cut -d' ' -f1-3 /proc/loadavg; }

# cpu_ticks PID -> utime+stime of the process in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run_uac SIPP_TRANSPORT PORT RATE CALLS -> "successful failed cps"
run_uac() {
  local t=$1 port=$2 rate=$3 calls=$4 seconds=$(( $4 / $3 + 1 ))
  timeout $(( seconds * 4 + 30 )) sipp -sn uac "127.0.0.1:$port" -t "$t" -i 127.0.0.1 -p 0 -r "$rate" -m "$calls" \
    -nostdin -timeout "$(( seconds * 3 + 20 ))s" -recv_timeout 10000 -max_socket 1024 "${SIPP_BUFFERS[@]}" > "$WORK/uac.out" 2>&1 || true
  local ok fail cps
  ok=$(grep -E '^ +Successful call' "$WORK/uac.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  fail=$(grep -E '^ +Failed call' "$WORK/uac.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  cps=$(grep -E '^ +Call Rate' "$WORK/uac.out" | tail -1 | awk -F'|' '{print $3}' | awk '{print $1}')
  echo "${ok:-0} ${fail:-$calls} ${cps:-0}"
}

# start_server sipp|ours TRANSPORT PORT: starts it (ours warmed up) and sets SERVER_PID
start_server() {
  local which=$1 transport=$2 port=$3 sippt=u1
  [ "$transport" = tcp ] && sippt=t1
  if [ "$which" = sipp ]; then
    sipp -sn uas -t "$sippt" -i 127.0.0.1 -p "$port" -nostdin -max_socket 1024 "${SIPP_BUFFERS[@]}" > "$WORK/uas.out" 2>&1 &
    SERVER_PID=$!
    sleep 0.5
  else
    dotnet "$UAS_DLL" --port "$port" --transport "$transport" > "$WORK/ours.out" 2> "$WORK/ours.err" &
    SERVER_PID=$!
    for _ in $(seq 1 100); do grep -q ready "$WORK/ours.out" && break; sleep 0.1; done
    if [ "$WARMUP_CALLS" -gt 0 ]; then
      run_uac "$sippt" "$port" 1000 "$WARMUP_CALLS" > /dev/null
      sleep 2 # the tiered JIT's last recompilations run in the background
    fi
  fi
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# measure sipp|ours TRANSPORT PORT RATE CALLS -> "successful failed cps cpu-ms-per-1000-calls"
measure() {
  local which=$1 transport=$2 port=$3 rate=$4 calls=$5 sippt=u1 before after ok fail cps
  [ "$transport" = tcp ] && sippt=t1
  start_server "$which" "$transport" "$port"
  before=$(cpu_ticks "$SERVER_PID")
  read -r ok fail cps < <(run_uac "$sippt" "$port" "$rate" "$calls")
  after=$(cpu_ticks "$SERVER_PID")
  stop_server
  echo "$ok $fail $cps $(awk -v t=$(( after - before )) -v hz="$TICKS" -v n="$calls" 'BEGIN { printf "%.0f", t * 1000 / hz * 1000 / n }')"
}

if [ "$MODE" = cpu ]; then
  echo "CPU per call: sipp uac at $CPU_RATE calls/s, $CPU_CALLS calls per run, sipp -buff_size $SIPP_BUFF_SIZE; load average before: $(load)"
  echo
  echo "| transport | round | sipp's own uas: ok / failed, CPU ms per 1,000 calls | SipUas: ok / failed, CPU ms per 1,000 calls |"
  echo "|---|---|---|---|"
  for transport in $TRANSPORTS; do
    for round in $(seq 1 "$CPU_ROUNDS"); do
      read -r s_ok s_fail _ s_cpu < <(measure sipp "$transport" 5690 "$CPU_RATE" "$CPU_CALLS")
      read -r o_ok o_fail _ o_cpu < <(measure ours "$transport" 5691 "$CPU_RATE" "$CPU_CALLS")
      echo "| $transport | $round | $s_ok / $s_fail, $s_cpu | $o_ok / $o_fail, $o_cpu |"
    done
  done
  echo
  echo "Load average after: $(load)"
  exit 0
fi

echo "Call rate: $SECONDS_PER_STEP s per step, sipp -buff_size ${SIPP_BUFF_SIZE} (0: sipp's default), SipUas warmed up with $WARMUP_CALLS calls; load average before: $(load)"
echo
echo "| transport | asked (cps) | sipp's own uas: ok / failed / achieved, CPU ms per 1,000 calls | SipUas: ok / failed / achieved, CPU ms per 1,000 calls |"
echo "|---|---|---|---|"
summary=()
for transport in $TRANSPORTS; do
  best_sipp=0; best_ours=0
  for rate in "${RATES[@]}"; do
    calls=$(( rate * SECONDS_PER_STEP ))
    read -r s_ok s_fail s_cps s_cpu < <(measure sipp "$transport" 5690 "$rate" "$calls")
    read -r o_ok o_fail o_cps o_cpu < <(measure ours "$transport" 5691 "$rate" "$calls")
    echo "| $transport | $rate | $s_ok / $s_fail / $s_cps, $s_cpu | $o_ok / $o_fail / $o_cps, $o_cpu |"
    # The highest rate each server actually served with no failed call (not the rate asked for).
    if [ "$s_fail" = 0 ] && [ "$s_ok" -gt 0 ]; then best_sipp=$(awk -v a="$best_sipp" -v b="$s_cps" 'BEGIN { print (b > a ? b : a) }'); fi
    if [ "$o_fail" = 0 ] && [ "$o_ok" -gt 0 ]; then best_ours=$(awk -v a="$best_ours" -v b="$o_cps" 'BEGIN { print (b > a ? b : a) }'); fi
  done
  ratio=$(awk -v o="$best_ours" -v s="$best_sipp" 'BEGIN { if (s > 0) printf "%.1f%%", 100 * o / s; else print "n/a" }')
  summary+=("| $transport | $best_sipp | $best_ours | $ratio |")
done
echo
echo "Highest achieved rate with zero failed calls (load average after: $(load)):"
echo
echo "| transport | sipp's own uas (calls/s) | SipUas (calls/s) | SipUas / sipp |"
echo "|---|---|---|---|"
printf '%s\n' "${summary[@]}"
