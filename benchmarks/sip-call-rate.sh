#!/usr/bin/env bash
# Highest call rate with zero failed calls: sipp's built-in uac against samples/SipUas, next to the same uac
# against sipp's own uas (the tool's limit on this machine), over UDP and TCP, in one run.
# Usage: benchmarks/sip-call-rate.sh [seconds-per-step] [rates...]
#   e.g. benchmarks/sip-call-rate.sh 5 500 1000 1500 2000 2500 3000
# Prints a Markdown table; copy it into docs/benchmarks.md with the date and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_STEP=${1:-5}
shift || true
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(500 1000 1500 2000 2500 3000)
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester (./build.sh deps)" >&2; exit 1; }

dotnet build samples/SipUas -c Release -nologo -clp:ErrorsOnly >/dev/null
UAS_DLL=samples/SipUas/bin/Release/net10.0/SipUas.dll
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# run_uac TRANSPORT PORT RATE -> "successful failed cps"
run_uac() {
  local t=$1 port=$2 rate=$3 calls=$(( $3 * SECONDS_PER_STEP ))
  timeout $(( SECONDS_PER_STEP * 4 + 30 )) sipp -sn uac "127.0.0.1:$port" -t "$t" -i 127.0.0.1 -p 0 -r "$rate" -m "$calls" \
    -nostdin -timeout "$(( SECONDS_PER_STEP * 3 + 20 ))s" -recv_timeout 10000 -max_socket 1024 > "$WORK/uac.out" 2>&1 || true
  local ok fail cps
  ok=$(grep -E '^ +Successful call' "$WORK/uac.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  fail=$(grep -E '^ +Failed call' "$WORK/uac.out" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  cps=$(grep -E '^ +Call Rate' "$WORK/uac.out" | tail -1 | awk -F'|' '{print $3}' | awk '{print $1}')
  echo "${ok:-0} ${fail:-$calls} ${cps:-0}"
}

echo "| transport | rate (cps) | sipp uas: ok / failed / achieved | SipUas: ok / failed / achieved |"
echo "|---|---|---|---|"
for transport in udp tcp; do
  sippt=u1; [ "$transport" = tcp ] && sippt=t1
  best_sipp=0; best_ours=0
  for rate in "${RATES[@]}"; do
    # sipp's own uas
    timeout $(( SECONDS_PER_STEP * 4 + 40 )) sipp -sn uas -t "$sippt" -i 127.0.0.1 -p 5690 -nostdin -max_socket 1024 > "$WORK/uas.out" 2>&1 &
    uas_pid=$!; sleep 0.5
    read -r s_ok s_fail s_cps < <(run_uac "$sippt" 5690 "$rate")
    kill "$uas_pid" 2>/dev/null || true; wait "$uas_pid" 2>/dev/null || true
    # ours
    dotnet "$UAS_DLL" --port 5691 --transport "$transport" > "$WORK/ours.out" 2>&1 &
    ours_pid=$!
    for _ in $(seq 1 100); do grep -q ready "$WORK/ours.out" && break; sleep 0.1; done
    read -r o_ok o_fail o_cps < <(run_uac "$sippt" 5691 "$rate")
    kill "$ours_pid" 2>/dev/null || true; wait "$ours_pid" 2>/dev/null || true
    echo "| $transport | $rate | $s_ok / $s_fail / $s_cps | $o_ok / $o_fail / $o_cps |"
    [ "$s_fail" = 0 ] && [ "$s_ok" -gt 0 ] && best_sipp=$rate
    [ "$o_fail" = 0 ] && [ "$o_ok" -gt 0 ] && best_ours=$rate
  done
  echo "| $transport | **highest with zero failures** | **$best_sipp** | **$best_ours** |"
done
