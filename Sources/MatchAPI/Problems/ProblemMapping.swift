import Foundation
import Hummingbird
import MatchStore
import OpenAPIRuntime

/// Turns whatever was thrown into the problem a client gets. The rule: a mistake in the
/// request is a 4xx naming what was wrong; only the server's own failures are 5xx.
enum ProblemMapping {
    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let server as ServerError:
            return problem(for: server)
        case let http as HTTPError:
            return problem(for: http)
        case let token as TokenError:
            return Problem(.unauthorized, token.description, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        case let draft as PolicyDraftError:
            switch draft {
            case .invalid(let field, let message): return Problem.invalid("/" + field, message)
            case .unknownOffice(let code): return Problem(.notFound, "no office with code '\(code)'")
            case .regionRefused(let index, _, let message): return Problem.invalid("/regions/\(index)/region", message)
            }
        case let nightly as NightlyError:
            switch nightly {
            case .unknownOffice: return Problem(.notFound, nightly.description)
            case .officeClosed, .noPolicy: return Problem(.conflict, nightly.description)
            case .invalidDate, .futureNight, .nightTooOld: return Problem.invalid("/date", nightly.description)
            case .unknownMarket, .severalMarkets: return Problem(.conflict, nightly.description)
            case .unexpectedSnapshotIdentifier: return Problem(.unavailable, nightly.description)
            }
        case let issue as TokenIssueError:
            return Problem(.validation, issue.description)
        case let reference as ReferenceError:
            return problem(for: reference)
        case let review as ReviewStoreError:
            return problem(for: review)
        case let offer as OfferLifecycleError:
            switch offer {
            case .invalid(let problems):
                return Problem(.validation, offer.description, errors: problems.map { .init(pointer: $0.pointer, detail: $0.message) })
            case .offerNotFound: return Problem(.notFound, offer.description)
            case .notOpen: return Problem(.conflict, offer.description)
            }
        case let outbox as OutboxError:
            switch outbox {
            case .invalidCursor: return Problem.invalid("/query/cursor", outbox.description)
            }
        case let vacancy as VacancyStoreError:
            return VacancyProblems.problem(for: vacancy)
        case let decoding as DecodingError:
            return problem(for: decoding)
        case let away as DatabaseUnavailable:
            return Problem(.unavailable, "the database is not available right now; retry after \(away.retryAfterSeconds) s",
                           headers: [.retryAfter: String(away.retryAfterSeconds)])
        case let error where ConnectionFailure.matches(error):
            return Problem(.unavailable, "the database is not available right now; retry the request", headers: [.retryAfter: "5"])
        case let database as DatabaseError:
            return problem(for: database)
        default:
            return Problem(.internalError, "the server failed; the request id identifies it in the logs")
        }
    }

    /// Errors from the generated code, which unwraps its own wrappers into `underlyingError`.
    /// `operationInput == nil` means the request could not be turned into the operation's
    /// input, which is always the client's mistake.
    private static func problem(for error: ServerError) -> Problem {
        let underlying = error.underlyingError
        guard error.operationInput == nil else { return problem(for: underlying) }
        if let problem = underlying as? Problem { return problem }
        if let decoding = underlying as? DecodingError { return problem(for: decoding) }
        let cause = "\(underlying)"
        if error.causeDescription.contains("Content-Type") || cause.contains("Content-Type") {
            return Problem(.unsupportedMediaType, "\(error.causeDescription) \(cause)")
        }
        return Problem(.badRequest, "\(error.causeDescription): \(cause)")
    }

    static func problem(for error: DecodingError) -> Problem {
        let (path, message): ([any CodingKey], String) = switch error {
        case .typeMismatch(let type, let context): (context.codingPath, "expected \(readable(type)); \(context.debugDescription)")
        case .valueNotFound(let type, let context): (context.codingPath, "a value of type \(readable(type)) is required")
        case .keyNotFound(let key, let context): (context.codingPath + [key], "this field is required")
        case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
        @unknown default: ([], "\(error)")
        }
        let pointer = JSONPointer.from(path)
        let problem = Problem.FieldError(pointer: pointer, detail: message)
        return Problem(.badRequest, "the JSON body does not match the schema at \(pointer.isEmpty ? "/" : pointer): \(message)",
                       errors: [problem])
    }

    private static func readable(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "a string"
        case "Int", "Int64", "Int32", "Double", "Float": return "a number"
        case "Bool": return "true or false"
        default: return name.hasPrefix("Array") ? "an array" : (name.hasPrefix("Dictionary") ? "an object" : name)
        }
    }

    private static func problem(for error: HTTPError) -> Problem {
        switch error.status {
        case .contentTooLarge: Problem(.payloadTooLarge, error.body ?? "the request body is larger than this endpoint accepts")
        case .notFound: Problem(.notFound, error.body ?? "no such resource")
        case .methodNotAllowed: Problem(.methodNotAllowed, error.body ?? "this path does not accept that method")
        case .unsupportedMediaType: Problem(.unsupportedMediaType, error.body ?? "unsupported content type")
        case .unauthorized: Problem(.unauthorized, error.body ?? "a valid bearer token is needed")
        default:
            error.status.code < 500
                ? Problem(.badRequest, error.body ?? "the request could not be read")
                : Problem(.internalError, "the server failed; the request id identifies it in the logs")
        }
    }

    private static func problem(for error: ReferenceError) -> Problem {
        let pointer: String = switch error {
        case .unterminatedQuote(_, let line), .wrongFieldCount(_, let line, _, _), .unknownRegion(_, let line, _),
             .duplicate(_, let line, _):
            "/rows/\(line)"
        case .invalidValue(_, let line, let column, _, _): "/rows/\(line)/\(column)"
        case .missingColumn(_, let column): "/header/\(column)"
        case .unreadableFile, .emptyFile: ""
        }
        return Problem(.validation, error.description, errors: [.init(pointer: pointer, detail: error.description)])
    }

    private static func problem(for error: ReviewStoreError) -> Problem {
        switch error {
        case .invalid(let problems):
            Problem(.validation, error.description, errors: problems.map { .init(pointer: $0.pointer, detail: $0.message) })
        case .offerNotFound, .notFound: Problem(.notFound, error.description)
        case .alreadyOpen, .alreadyDecided, .offerFinal, .notApplicable, .partnerNotReinstatable: Problem(.conflict, error.description)
        case .invalidCursor: Problem.invalid("/query/cursor", error.description)
        }
    }

    /// A constraint the database enforced that validation did not catch is still the
    /// request's fault (a duplicate, a value out of range), never a server failure.
    private static func problem(for error: DatabaseError) -> Problem {
        let message = error.serverMessage ?? "the database refused the change"
        switch error.cause {
        case .duplicate: return Problem(.conflict, message)
        case .refusedValue: return Problem(.validation, message)
        case .busy: return Problem(.unavailable, "the database was busy; retry the request")
        case .notPermitted: return Problem(.forbidden, "this token may not change that")
        case .unreachable: return Problem(.unavailable, "the database is not available; retry the request later")
        case .failure: return Problem(.internalError, "the server failed; the request id identifies it in the logs")
        }
    }
}

/// RFC 6901 JSON pointers from coding paths.
enum JSONPointer {
    static func from(_ path: [any CodingKey]) -> String {
        path.map { key in
            "/" + (key.intValue.map(String.init) ?? key.stringValue)
                .replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined()
    }
}
