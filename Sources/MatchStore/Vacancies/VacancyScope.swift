/// Whose posts a read covers: a centre's own, or every post in an office's region and the
/// regions below it (the same rule row-level security applies). Writes are centre-only.
///
/// Each query spells the condition out with both ids as binds, one of them NULL:
/// `v.centre_id = $centre OR v.region_code LIKE <the office's region prefix>%`.
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
