import Foundation

import Hummingbird
import HummingbirdTesting


/// A minimal browser for handler tests: keeps cookies, reads the CSRF token from the last
/// page, and submits forms the way a browser does (urlencoded body, token included).
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""
    var language: String?
    var forwardedFor: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
        func setCookies() -> [String] { headers[values: .setCookie] }
    }

    mutating func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, body: nil, headers: extra)
    }

    /// Posts a form with the current CSRF token (unless `csrf` is given, "" meaning none).
    mutating func post(_ uri: String, _ fields: [(String, String)], csrf token: String? = nil) async throws -> Page {
        var pairs = fields
        let token = token ?? csrf
        if !token.isEmpty { pairs.append(("_csrf", token)) }
        let body = pairs.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return try await send(uri, method: .post, body: body, headers: [.contentType: "application/x-www-form-urlencoded"])
    }

    /// Posts a multipart form (a file upload) with the current CSRF token, as a browser does.
    mutating func postMultipart(_ uri: String, fields: [(String, String)], file: (name: String, filename: String, content: String)) async throws -> Page {
        let boundary = "----walk" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var body = ""
        for (name, value) in fields + [("_csrf", csrf)] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        return try await send(uri, method: .post, body: body, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"])
    }

    /// Follows one redirect (303) with a GET, as browsers do after a POST.
    mutating func follow(_ page: Page) async throws -> Page {
        guard let location = page.location else { return page }
        return try await get(location)
    }

    private mutating func send(_ uri: String, method: HTTPRequest.Method, body: String?, headers extra: HTTPFields) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let language { headers[.acceptLanguage] = language }
        if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            if line.lowercased().contains("max-age=0") || line.contains("Expires=Thu, 01 Jan 1970") {
                cookies[name] = nil
            } else {
                cookies[name] = String(pair[1])
            }
        }
        let text = String(buffer: response.body)
        if let match = text.firstMatch(of: /name="_csrf" value="([^"]+)"/) { csrf = String(match.1) }
        return Page(status: response.status, headers: response.headers, body: text)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
