/// One step of the path from the document root to the value being read, kept so that any
/// error can name its place as a JSON pointer.
enum JSONPathStep: Sendable {
    case key(String)
    case index(Int)
}

extension [JSONPathStep] {
    /// The RFC 6901 pointer for this path, e.g. `/vacancies/17/capacity`.
    var pointer: String {
        map { step in
            switch step {
            case .key(let name): "/" + InputError.token(name)
            case .index(let index): "/\(index)"
            }
        }.joined()
    }
}
