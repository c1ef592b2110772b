import Foundation
import Hummingbird

/// An RFC 9457 problem document, thrown by handlers and middleware and rendered as
/// `application/problem+json`. `kind` is the stable part clients branch on; `detail` is
/// for a person; `errors` names each failing field by JSON pointer.
public struct Problem: Error, Sendable, Equatable {
    /// The stable kinds; each is a URI under `typeBase`, with its status and title.
    public enum Kind: String, Sendable, CaseIterable {
        case badRequest = "bad-request"
        case validation
        case unauthorized
        case forbidden
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case conflict
        case idempotencyKeyReused = "idempotency-key-reused"
        case payloadTooLarge = "payload-too-large"
        case unsupportedMediaType = "unsupported-media-type"
        case notImplemented = "not-implemented"
        case unavailable
        case internalError = "internal"

        public var status: HTTPResponse.Status {
            switch self {
            case .badRequest: .badRequest
            case .validation, .idempotencyKeyReused: .unprocessableContent
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .conflict: .conflict
            case .payloadTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .notImplemented: .notImplemented
            case .unavailable: .serviceUnavailable
            case .internalError: .internalServerError
            }
        }

        public var title: String {
            switch self {
            case .badRequest: "The request could not be read"
            case .validation: "The request has invalid fields"
            case .unauthorized: "A valid bearer token is needed"
            case .forbidden: "This token may not do that"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .conflict: "The request conflicts with the current state"
            case .idempotencyKeyReused: "The Idempotency-Key was used for another request"
            case .payloadTooLarge: "The request body is too large"
            case .unsupportedMediaType: "Unsupported content type"
            case .notImplemented: "Not implemented yet"
            case .unavailable: "Temporarily unavailable"
            case .internalError: "Internal error"
            }
        }
    }

    /// One failing field.
    public struct FieldError: Sendable, Equatable, Codable {
        public let pointer: String
        public let detail: String

        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }
    }

    public static let typeBase = "https://talentmatch.example/problems/"

    public let kind: Kind
    public let detail: String
    public let errors: [FieldError]
    /// Extra response headers, such as `WWW-Authenticate` on a 401.
    public let headers: HTTPFields

    public init(_ kind: Kind, _ detail: String, errors: [FieldError] = [], headers: HTTPFields = [:]) {
        self.kind = kind
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    public var status: HTTPResponse.Status { kind.status }
    public var type: String { Self.typeBase + kind.rawValue }

    /// A single invalid field.
    public static func invalid(_ pointer: String, _ detail: String) -> Problem {
        Problem(.validation, "\(pointer): \(detail)", errors: [FieldError(pointer: pointer, detail: detail)])
    }
}
