import PostgresNIO

/// Whose posts a read covers: a centre's own, or every post in an office's region and the
/// regions below it (the same rule row-level security applies). Writes are centre-only.
///
/// Queries state the condition with both ids as binds, one of them NULL:
/// `v.centre_id = $centre OR v.region_code LIKE <the office's region prefix>%`, the same text for
/// both kinds of scope, so a prepared statement serves both.
public enum VacancyScope: Sendable, Equatable {
    case centre(Int64)
    case office(Int64)

    var centreID: Int64? {
        if case .centre(let id) = self { return id }
        return nil
    }

    var officeID: Int64? {
        if case .office(let id) = self { return id }
        return nil
    }
}

extension PostgresQuery.StringInterpolation {
    /// The scope's condition on posts aliased `v`, in parentheses, with its two ids as binds.
    mutating func appendInterpolation(postsIn scope: VacancyScope) {
        appendLiteral("(v.centre_id = ")
        appendInterpolation(scope.centreID)
        appendLiteral("::int8 OR v.region_code LIKE (SELECT r.prefix || '%' FROM offices o JOIN regions r ON r.code = o.region_code WHERE o.id = ")
        appendInterpolation(scope.officeID)
        appendLiteral("::int8))")
    }
}
