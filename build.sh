#!/usr/bin/env bash
# CallCenterSdk build script. Subcommands:
#   ./build.sh test      install what the tests need, build Release, run every test, check packing
#   ./build.sh run [..]  run the main job (the most complete sample; see README)
#   ./build.sh deps      install the Debian packages the tests and samples need
#   ./build.sh pack      dotnet pack every package under src/ into artifacts/packages
#   ./build.sh bench [..] run BenchmarkDotNet (default: a short smoke job of every benchmark)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests use (peers, native codecs, TTS, a PostgreSQL server for the Npgsql store,
# chromium for the Playwright browser tests).
DEB_PACKAGES=(sip-tester baresip baresip-core kamailio libopus0 libspandsp2 espeak-ng sox
              tshark nftables iproute2 postgresql chromium)

missing_packages() {
  local p
  for p in "${DEB_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      printf '%s ' "$p"
    fi
  done
}

cmd_deps() {
  local missing
  missing=$(missing_packages)
  if [ -z "$missing" ]; then
    echo "deps: all Debian packages present"
    return 0
  fi
  echo "deps: installing missing Debian packages: $missing"
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: not root. Run as root first:" >&2
    echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  missing=$(missing_packages)
  if [ -n "$missing" ]; then
    echo "deps: still missing after install: $missing" >&2
    exit 1
  fi
}

cmd_build() {
  # Always build as CI does (deterministic source paths mapped to /_/), so a test that finds its data
  # through source paths fails here and not only on the CI machine.
  dotnet build CallCenterSdk.sln -c Release -nologo -clp:ErrorsOnly -warnaserror -p:ContinuousIntegrationBuild=true
}

cmd_pack() {
  rm -rf artifacts/packages
  dotnet pack CallCenterSdk.sln -c Release --no-build -nologo -v q -clp:ErrorsOnly -o artifacts/packages
  local proj name bad=0
  for proj in src/*/*.csproj; do
    name=$(basename "$proj" .csproj)
    if ! ls artifacts/packages/"$name".[0-9]*.nupkg >/dev/null 2>&1; then echo "pack: no .nupkg for $name" >&2; bad=1; fi
    if ! ls artifacts/packages/"$name".[0-9]*.snupkg >/dev/null 2>&1; then echo "pack: no .snupkg for $name" >&2; bad=1; fi
  done
  [ "$bad" -eq 0 ] || exit 1
  echo "pack: $(ls artifacts/packages/*.nupkg | wc -l) packages with symbols in artifacts/packages"
}

cmd_test() {
  cmd_deps
  dotnet restore CallCenterSdk.sln -nologo >/dev/null
  cmd_build
  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"; mkdir -p "$results"
  local rc=0 proj name
  # One project at a time: clear output, named result files, and the two cores for the tests.
  for proj in tests/*/*.Tests.csproj; do
    name=$(basename "$proj" .csproj)
    echo "== $name"
    dotnet test "$proj" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 10m || rc=$?
  done
  # Sum the counters of every TRX file into one closing line.
  local passed=0 failed=0 skipped=0 total=0 f p fl t e
  for f in "$results"/*.trx; do
    [ -e "$f" ] || continue
    t=$(grep -o '<Counters [^>]*' "$f" | grep -o ' total="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    e=$(grep -o '<Counters [^>]*' "$f" | grep -o ' executed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    p=$(grep -o '<Counters [^>]*' "$f" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    fl=$(grep -o '<Counters [^>]*' "$f" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    total=$((total + t)); passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + t - e))
  done
  local pack_rc=0
  cmd_pack || pack_rc=$?
  if [ "$pack_rc" -ne 0 ]; then failed=$((failed + 1)); echo "pack check failed" >&2; fi
  if [ "$total" -eq 0 ]; then echo "no test ran" >&2; rc=1; fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
}

cmd_run() {
  # The main job: the reference center once it exists, else the most complete sample.
  if [ -f samples/ReferenceCenter/ReferenceCenter.csproj ]; then
    exec dotnet run -c Release --project samples/ReferenceCenter -- "$@"
  fi
  exec dotnet run -c Release --project benchmarks/CallCenterSdk.AcdLab -- "${@:-center}"
}

cmd_bench() {
  # In-process: no per-benchmark project build (which times out on a loaded 2-core machine).
  if [ "$#" -eq 0 ]; then set -- --filter '*' --smoke --inProcess; fi
  dotnet run -c Release --project benchmarks/CallCenterSdk.Benchmarks -- "$@"
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  run) shift; cmd_run "$@" ;;
  deps) shift; cmd_deps ;;
  pack) shift; dotnet build CallCenterSdk.sln -c Release -nologo -clp:ErrorsOnly; cmd_pack ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./build.sh test|run|deps|pack|bench" >&2; exit 2 ;;
esac
