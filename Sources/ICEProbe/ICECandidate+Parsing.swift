/// Why a string is not a valid `candidate:` line.
public enum ICECandidateParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line does not start with "candidate:" (optionally after "a=").
    case missingPrefix
    /// Fewer than the eight mandatory fields.
    case missingFields(count: Int)
    /// A foundation that is empty, longer than 32 or not made of ALPHA / DIGIT / "+" / "/".
    case invalidFoundation(String)
    /// A component id that is not a number in 1...256.
    case invalidComponent(String)
    /// A transport other than udp or tcp.
    case unsupportedTransport(String)
    /// A priority that is not a number in 1...2^31-1.
    case invalidPriority(String)
    /// A connection or related address that is neither an IP address nor a host name.
    case invalidAddress(String)
    /// A port that is not a number in 0...65535.
    case invalidPort(String)
    /// The seventh field is not "typ".
    case missingTyp(found: String)
    /// A candidate type other than host, srflx, prflx and relay.
    case unknownType(String)
    /// An extension name without a value.
    case missingValue(name: String)
    /// raddr, rport or tcptype given twice.
    case duplicateField(String)
    /// A tcptype other than active, passive and so.
    case invalidTCPType(String)
    /// A tcp candidate without tcptype, or a udp one with it.
    case tcpTypeMismatch
    /// An extension whose name is not a token or whose value holds control characters.
    case invalidExtension(name: String)

    /// One line in plain words.
    public var description: String {
        switch self {
        case .missingPrefix: return "a candidate line must start with \"candidate:\""
        case .missingFields(let count): return "a candidate line needs at least 8 fields, found \(count)"
        case .invalidFoundation(let text): return "invalid foundation \"\(text)\""
        case .invalidComponent(let text): return "invalid component id \"\(text)\""
        case .unsupportedTransport(let text): return "unsupported transport \"\(text)\"; expected udp or tcp"
        case .invalidPriority(let text): return "invalid priority \"\(text)\""
        case .invalidAddress(let text): return "invalid address \"\(text)\""
        case .invalidPort(let text): return "invalid port \"\(text)\""
        case .missingTyp(let found): return "expected \"typ\", found \"\(found)\""
        case .unknownType(let text): return "unknown candidate type \"\(text)\""
        case .missingValue(let name): return "\"\(name)\" has no value"
        case .duplicateField(let name): return "\"\(name)\" appears twice"
        case .invalidTCPType(let text): return "invalid tcptype \"\(text)\""
        case .tcpTypeMismatch: return "tcptype must be present for tcp candidates and absent for udp ones"
        case .invalidExtension(let name): return "invalid extension \"\(name)\""
        }
    }
}

extension ICECandidate {
    /// Parses a candidate as received from signaling: `candidate:...`, with or without "a="
    /// in front and with a trailing CR LF tolerated. Everything else is checked strictly
    /// against RFC 8839 section 5.1, because a half-understood remote candidate is worse
    /// than a clear error.
    public init(parsing text: String) throws(ICECandidateParseError) {
        var body = Substring(text)
        // "\r\n" is a single Character, so test for newlines rather than compare with "\r".
        while let last = body.last, last.isNewline { body = body.dropLast() }
        if body.hasPrefix("a=") { body = body.dropFirst(2) }
        guard body.hasPrefix("candidate:") else { throw .missingPrefix }
        body = body.dropFirst("candidate:".count)
        let fields = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count >= 8 else { throw .missingFields(count: fields.count) }

        let foundation = fields[0]
        guard (1...32).contains(foundation.count), foundation.allSatisfy(Self.isICEChar) else {
            throw .invalidFoundation(foundation)
        }
        guard let component = Self.number(fields[1], maxDigits: 3), (1...256).contains(component) else {
            throw .invalidComponent(fields[1])
        }
        guard let transport = Transport(rawValue: fields[2].lowercased()) else { throw .unsupportedTransport(fields[2]) }
        guard let priority = Self.number(fields[3], maxDigits: 10), (1...Int(Int32.max)).contains(priority) else {
            throw .invalidPriority(fields[3])
        }
        let address = fields[4]
        guard Self.isConnectionAddress(address) else { throw .invalidAddress(address) }
        let port = try Self.port(fields[5])
        guard fields[6] == "typ" else { throw .missingTyp(found: fields[6]) }
        guard let type = CandidateType(rawValue: fields[7]) else { throw .unknownType(fields[7]) }

        var relatedAddress: String?
        var relatedPort: UInt16?
        var tcpType: TCPType?
        var extensions: [Extension] = []
        var index = 8
        while index < fields.count {
            let name = fields[index]
            guard index + 1 < fields.count else { throw .missingValue(name: name) }
            let value = fields[index + 1]
            switch name {
            case "raddr":
                guard relatedAddress == nil else { throw .duplicateField(name) }
                guard Self.isConnectionAddress(value) else { throw .invalidAddress(value) }
                relatedAddress = value
            case "rport":
                guard relatedPort == nil else { throw .duplicateField(name) }
                relatedPort = try Self.port(value)
            case "tcptype":
                guard tcpType == nil else { throw .duplicateField(name) }
                guard let parsed = TCPType(rawValue: value) else { throw .invalidTCPType(value) }
                tcpType = parsed
            default:
                guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenScalar),
                    value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
                else { throw .invalidExtension(name: name) }
                extensions.append(Extension(name: name, value: value))
            }
            index += 2
        }
        guard (transport == .tcp) == (tcpType != nil) else { throw .tcpTypeMismatch }

        self.init(
            foundation: foundation,
            component: component,
            transport: transport,
            priority: UInt32(priority),
            address: address,
            port: port,
            type: type,
            relatedAddress: relatedAddress,
            relatedPort: relatedPort,
            tcpType: tcpType,
            extensions: extensions
        )
    }

    /// RFC 4566's token characters, which extension names are made of.
    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "{", "|", "}", "~": return true
        default: return false
        }
    }

    private static func isICEChar(_ character: Character) -> Bool {
        character.isASCIILetterOrDigit || character == "+" || character == "/"
    }

    /// Digits only: `Int("+5")` would accept a sign the grammar does not.
    private static func number(_ text: String, maxDigits: Int) -> Int? {
        guard (1...maxDigits).contains(text.count), text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    private static func port(_ text: String) throws(ICECandidateParseError) -> UInt16 {
        guard let value = number(text, maxDigits: 5), let port = UInt16(exactly: value) else { throw .invalidPort(text) }
        return port
    }

    /// An IPv4 or IPv6 address, or a host name (browsers hide host addresses behind mDNS names).
    private static func isConnectionAddress(_ text: String) -> Bool {
        if IPAddress(text) != nil { return true }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && text.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCIILetterOrDigit || $0 == "-" }
            }
            && labels.last?.allSatisfy(\.isASCIIDigit) == false
    }
}
