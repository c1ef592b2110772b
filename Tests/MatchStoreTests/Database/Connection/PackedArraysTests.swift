@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("Arrays decoded in one pass")
struct PackedArraysTests {
    @Test("bigint[] and text[] read back as PostgreSQL sent them, empty ones included")
    func roundTrip() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            let rows = try await database.client.query(
                """
                SELECT '{}'::bigint[], ARRAY[1, -2, 9223372036854775807]::bigint[], '{}'::text[],
                       ARRAY['090101', '通江县', '']::text[], ARRAY['a']::varchar[]
                """
            )
            for try await (empty, numbers, noText, texts, varchars)
                in rows.decode((PackedInt64Array, PackedInt64Array, PackedTextArray, PackedTextArray, PackedTextArray).self) {
                #expect(empty.values.isEmpty && noText.values.isEmpty)
                #expect(numbers.values == [1, -2, Int64.max])
                #expect(texts.values == ["090101", "通江县", ""])
                #expect(varchars.values == ["a"])
            }
        }
    }

    @Test("NULL elements, two dimensions and the wrong element type are refused, not misread")
    func refusals() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            for sql in ["SELECT ARRAY[1, NULL]::bigint[]", "SELECT ARRAY[[1, 2], [3, 4]]::bigint[]", "SELECT ARRAY[1, 2]::int[]"] {
                await #expect(throws: PostgresDecodingError.self, "\(sql)") {
                    for try await _ in try await database.client.query(PostgresQuery(unsafeSQL: sql)).decode(PackedInt64Array.self) {}
                }
            }
            await #expect(throws: PostgresDecodingError.self) {
                for try await _ in try await database.client.query("SELECT ARRAY['a', NULL]::text[]").decode(PackedTextArray.self) {}
            }
        }
    }
}
