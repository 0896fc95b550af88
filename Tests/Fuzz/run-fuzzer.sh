#!/usr/bin/env bash
# Builds a fuzzer with libFuzzer and AddressSanitizer and runs it.
# Usage: Tests/Fuzz/run-fuzzer.sh [stun|api|signaling|theme|config] SECONDS [extra libFuzzer flags...]
#   stun       the STUN decoder and the ICE candidate / URI parsers (the default)
#   api        the cloud's answers: both envelopes, tickets, devices, error mapping
#   signaling  the signaling message decoder, with an encode/decode round trip
#   theme      the theme file parser (VicotopConfig over TOMLKit and toml++)
#   config     the config file parser (the same)
# stun, api and signaling need only Foundation: swift-crypto is replaced by
# STUNHashingStandIn.swift, and VicohomeAPI is compiled without its AsyncHTTPClient client.
# theme and config are built by SwiftPM (VICOTOP_FUZZ adds their target to Package.swift)
# in a scratch folder of their own, with toml++'s C++ instrumented as well.
set -euo pipefail

target=stun
case "${1:-}" in stun|api|signaling|theme|config) target="$1"; shift ;; esac
seconds="${1:-60}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
work="${FUZZ_WORK_DIR:-$here/.work}/$target"
mkdir -p "$work/corpus" "$work/artifacts"

if [ "$target" = theme ] || [ "$target" = config ]; then
    root="$here/../.."
    scratch="${FUZZ_WORK_DIR:-$here/.work}/spm"
    sanitizers=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
                -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address)
    VICOTOP_FUZZ=1 swift build --package-path "$root" --scratch-path "$scratch" -c release \
        "${sanitizers[@]}" --product TOMLFilesFuzzer
    binary="$(VICOTOP_FUZZ=1 swift build --package-path "$root" --scratch-path "$scratch" -c release \
        "${sanitizers[@]}" --show-bin-path)/TOMLFilesFuzzer"
    cp -n "$root"/themes/*.toml "$work/corpus/" 2>/dev/null || true
    for seed in "$here"/seeds/"$target"-*; do
        [ -f "$seed" ] && cp -n "$seed" "$work/corpus/" || true
    done
    # TOMLKit 0.6 never frees a parsed table nor the key lists it hands out: known leaks
    # of the dependency, a few hundred bytes per file read, so leak detection is off here.
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" VICOTOP_FUZZ_PARSER="$target" exec "$binary" "$work/corpus" \
        -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 -detect_leaks=0 \
        -artifact_prefix="$work/artifacts/" "$@"
fi

if [ "$target" != stun ]; then
    api="$here/../../Sources/VicohomeAPI"
    inputs=()
    while IFS= read -r file; do inputs+=("$file"); done < <(find "$api" -name '*.swift' ! -name VicohomeClient.swift | sort)
    case "$target" in
        api) entry="$here/APIDecodeFuzzer.swift"; max_len=4096 ;;
        signaling) entry="$here/SignalingDecodeFuzzer.swift"; max_len=2048 ;;
    esac
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name VicohomeAPIFuzz \
        "${inputs[@]}" "$entry" -o "$work/$target-fuzzer"
    for seed in "$here"/seeds/"$target"-*; do
        [ -f "$seed" ] && cp -n "$seed" "$work/corpus/" || true
    done
    exec "$work/$target-fuzzer" "$work/corpus" \
        -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" "$@"
fi

sources="$here/../../Sources/ICEProbe"

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
