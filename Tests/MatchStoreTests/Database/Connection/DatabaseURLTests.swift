import MatchStore
import Testing

@Suite("DATABASE_URL parsing")
struct DatabaseURLTests {
    @Test("a TCP URL gives host, port, user, password, database and sslmode")
    func tcp() throws {
        let settings = try DatabaseURL.parse("postgres://app:s%40cret@db.example:6543/talent?sslmode=require")
        #expect(settings.endpoint == .tcp(host: "db.example", port: 6543, tls: .require))
        #expect(settings.username == "app")
        #expect(settings.password == "s@cret")
        #expect(settings.database == "talent")
        #expect(!settings.redactedURL.contains("cret"), "the password never appears in printable URLs")
    }

    @Test("the port defaults to 5432 and sslmode to prefer")
    func defaults() throws {
        let settings = try DatabaseURL.parse("postgresql://app@localhost/talent")
        #expect(settings.endpoint == .tcp(host: "localhost", port: 5432, tls: .prefer))
    }

    @Test("sslmode keeps libpq's names; verify-full is the mode that checks the certificate")
    func verifyFull() throws {
        let settings = try DatabaseURL.parse("postgres://app@db.example/talent?sslmode=verify-full")
        #expect(settings.endpoint == .tcp(host: "db.example", port: 5432, tls: .verifyFull))
    }

    @Test("host= names a Unix socket directory, as libpq spells it")
    func unixSocket() throws {
        let settings = try DatabaseURL.parse("postgres://postgres@/talent?host=/tmp/pg")
        #expect(settings.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.5432"))
        #expect(try DatabaseURL.parse(settings.redactedURL) == settings, "db url output parses back")
    }

    @Test("bad URLs are refused with the part to fix", arguments: [
        ("mysql://u@h/db", DatabaseURLError.unsupportedScheme("mysql")),
        ("postgres://u@h", .missingDatabase),
        ("postgres://u@h/db?sslmode=verify-ca", .unsupportedSSLMode("verify-ca")),
        ("postgres:///db", .missingHost),
    ])
    func refused(url: String, expected: DatabaseURLError) {
        #expect(throws: expected) { try DatabaseURL.parse(url) }
    }
}
