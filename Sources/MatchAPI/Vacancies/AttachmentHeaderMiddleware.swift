import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Restores `Content-Disposition` on CSV downloads. The generated code percent-encodes every
/// header value it serialises (swift-openapi-generator issue #857), which turns
/// `attachment; filename="x.csv"` into `attachment%3B%20filename…` that no browser reads.
/// The value is ours and ASCII by construction, so decoding it back is exact.
struct AttachmentHeaderMiddleware: ServerMiddleware {
    static let operations: Set<String> = ["exportVacancies", "exportOffers"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        if Self.operations.contains(operationID), let encoded = response.headerFields[.contentDisposition],
           let decoded = encoded.removingPercentEncoding {
            response.headerFields[.contentDisposition] = decoded
        }
        return (response, responseBody)
    }
}
