#!/usr/bin/env bash
# Builds the STUN decoder fuzzer with libFuzzer and AddressSanitizer and runs it.
# Usage: Fuzz/run-fuzzer.sh SECONDS [extra libFuzzer flags...]
# The codec needs only Foundation; swift-crypto is replaced by STUNHashingStandIn.swift.
set -euo pipefail

seconds="${1:-60}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
sources="$here/../../Sources/ICEProbe"
work="${FUZZ_WORK_DIR:-$here/.work}"
mkdir -p "$work/corpus" "$work/artifacts"

# The codec and the pure parsers: everything that imports neither NIO, Crypto nor Logging.
codec_files=(
    CRC32.swift IPAddress.swift MessageIntegrity.swift SASLprep.swift
    STUNAttribute.swift STUNAttributeType.swift STUNDecodingError.swift STUNEncodingError.swift
    STUNErrorCode.swift STUNMessage.swift STUNMessage+Decoding.swift STUNMessage+Encoding.swift
    STUNMessageClass.swift STUNMessageType.swift STUNMethod.swift STUNTransactionID.swift
    STUNTransportAddress.swift STUNWireLayout.swift
    ICEServerURI.swift ICEServerURIError.swift ICECandidate.swift ICECandidate+Parsing.swift
)
inputs=()
for file in "${codec_files[@]}"; do inputs+=("$sources/$file"); done

swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name ICEProbeFuzz \
    "${inputs[@]}" "$here/STUNHashingStandIn.swift" "$here/STUNDecodeFuzzer.swift" \
    -o "$work/stun-decode-fuzzer"

# Seed the corpus with valid messages so the fuzzer starts past the header checks.
for seed in "$here"/seeds/*; do
    [ -f "$seed" ] && cp -n "$seed" "$work/corpus/" || true
done

exec "$work/stun-decode-fuzzer" "$work/corpus" \
    -max_total_time="$seconds" -max_len=1024 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$@"
