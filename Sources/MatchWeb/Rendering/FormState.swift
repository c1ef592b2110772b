/// A form's values and errors for re-rendering: every field keeps what the person typed, and
/// each error sits beside its field (templates tie it with aria-describedby).
struct FormState {
    var values: [String: String] = [:]
    private(set) var errors: [(field: String, message: String)] = []

    init(values: [String: String] = [:]) {
        self.values = values
    }

    var isValid: Bool { errors.isEmpty }

    mutating func fail(_ field: String, _ message: String) {
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append((field, message))
    }

    func error(_ field: String) -> String? {
        errors.first { $0.field == field }?.message
    }

    /// `f.<field>.value` / `f.<field>.error` for the template, and `errors` for the summary.
    func templateData(fields: [String]) -> [String: Any] {
        var fieldData: [String: Any] = [:]
        for field in Set(fields).union(values.keys) {
            var entry: [String: Any] = ["value": values[field] ?? ""]
            if let message = error(field) { entry["error"] = message }
            fieldData[field] = entry
        }
        return ["f": fieldData, "errors": errors.map { ["field": $0.field, "message": $0.message] }, "has_errors": !errors.isEmpty]
    }
}
