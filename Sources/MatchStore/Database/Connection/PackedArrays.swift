import NIOCore
import PostgresNIO

/// A one-dimensional `bigint[]` decoded in one pass over its binary form.
///
/// PostgresNIO's generic `[Int64]` decoding resolves generic metadata for every element;
/// the nightly snapshot reads 30M ranking entries, where that was the largest client cost
/// of the candidate read. NULL elements are refused (rankings never hold them).
struct PackedInt64Array: PostgresDecodable, Sendable {
    let values: [Int64]

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        let count = try PackedArrayHeader.read(&buffer, format: format, element: .int8)
        var values: [Int64] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let (length, value) = buffer.readMultipleIntegers(endianness: .big, as: (Int32, Int64).self), length == 8 else {
                throw PostgresDecodingError.Code.failure
            }
            values.append(value)
        }
        self.values = values
    }
}

/// A one-dimensional `text[]` (or `varchar[]`) decoded in one pass; NULL elements are refused.
struct PackedTextArray: PostgresDecodable, Sendable {
    let values: [String]

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        let count = try PackedArrayHeader.read(&buffer, format: format, element: nil)
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = buffer.readInteger(endianness: .big, as: Int32.self), length >= 0,
                  let text = buffer.readString(length: Int(length)) else {
                throw PostgresDecodingError.Code.failure
            }
            values.append(text)
        }
        self.values = values
    }
}

/// The header of PostgreSQL's binary array format: dimensions, a has-nulls flag, the element
/// type, then per dimension its length and lower bound.
private enum PackedArrayHeader {
    /// The element count of a one-dimensional array without NULLs (0 for an empty array).
    static func read(_ buffer: inout ByteBuffer, format: PostgresFormat, element: PostgresDataType?) throws -> Int {
        guard case .binary = format,
              let (dimensions, hasNulls, elementType) = buffer.readMultipleIntegers(endianness: .big, as: (Int32, Int32, UInt32).self),
              hasNulls == 0, element.map({ $0.rawValue == elementType }) ?? true
        else { throw PostgresDecodingError.Code.failure }
        if dimensions == 0 { return 0 }
        guard dimensions == 1, let (count, _) = buffer.readMultipleIntegers(endianness: .big, as: (Int32, Int32).self), count >= 0 else {
            throw PostgresDecodingError.Code.failure
        }
        return Int(count)
    }
}
