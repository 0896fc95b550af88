/// The long-term credential dance of RFC 8489 section 9.2: an unauthenticated first try to
/// learn realm and nonce, then signed requests, following 438 Stale Nonce with the new nonce.
struct LongTermAuthentication {
    let credentials: TURNCredentials?
    var nonce: TURNNonce?
    let maxStaleNonceRetries: Int

    init(credentials: TURNCredentials?, nonce: TURNNonce?, maxStaleNonceRetries: Int) {
        self.credentials = credentials
        self.maxStaleNonceRetries = max(0, maxStaleNonceRetries)
        // A seeded nonce is useless without credentials to sign with.
        self.nonce = credentials == nil ? nil : nonce
    }

    /// Performs one request to success, returning the success exchange or why it failed.
    mutating func perform(
        _ method: STUNMethod,
        attributes: [STUNAttribute],
        in session: inout ProbeSession
    ) async -> Result<STUNExchange, ICEProbeFailure> {
        var staleNonceRetries = 0
        var authenticatedOnce = false
        while true {
            var requestAttributes = session.commonAttributes + attributes
            var key: STUNIntegrityKey?
            if let credentials, let nonce {
                do {
                    key = try STUNIntegrityKey.longTerm(username: credentials.username, realm: nonce.realm, password: credentials.password)
                } catch {
                    return .failure(.protocolViolation("password cannot be used: \(error)"))
                }
                requestAttributes += [.username(credentials.username), .realm(nonce.realm), .nonce(nonce.nonce)]
                authenticatedOnce = true
            }
            let request = STUNMessage(method: method, messageClass: .request, attributes: requestAttributes)
            let exchange: STUNExchange
            switch await session.exchange(request, integrityKey: key) {
            case .failure(let failure): return .failure(failure)
            case .success(let received): exchange = received
            }
            let response = exchange.response
            if let realm = response.realm ?? nonce?.realm, let freshNonce = response.nonce {
                nonce = TURNNonce(realm: realm, nonce: freshNonce)
                session.result.nonce = nonce
            }

            guard response.type.messageClass == .errorResponse else {
                if let key, STUNMessage.verifyIntegrity(of: exchange.responseBytes, key: key) == .invalid {
                    return .failure(.protocolViolation("the response's MESSAGE-INTEGRITY does not match the credentials"))
                }
                return .success(exchange)
            }
            guard let error = response.errorCode else {
                return .failure(.protocolViolation("error response without ERROR-CODE"))
            }
            switch error.code {
            case STUNErrorCode.unauthenticated where !authenticatedOnce:
                guard response.realm != nil, response.nonce != nil else {
                    return .failure(.protocolViolation("401 without REALM and NONCE"))
                }
                guard credentials != nil else { return .failure(.credentialsRequired) }
            case STUNErrorCode.unauthenticated, STUNErrorCode.wrongCredentials:
                return .failure(.authenticationFailed)
            case STUNErrorCode.staleNonce:
                staleNonceRetries += 1
                guard response.nonce != nil, staleNonceRetries <= maxStaleNonceRetries else {
                    return .failure(.serverError(code: error.code, reason: error.reason))
                }
            default:
                return .failure(.serverError(code: error.code, reason: error.reason))
            }
        }
    }
}
