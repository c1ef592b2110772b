import MatchStore

extension PageRenderer {
    /// The options of a select or a group of checkboxes for one kind of code: every code of the
    /// vocabulary in its order, labelled from the reader's catalogue (`<prefix>_<code>`), with
    /// `mark` ("selected" or "checked") where `isMarked` says so, and the catalogue's
    /// `<prefix>_<code>_explain` sentence when `explained`.
    func options<Code: VocabularyCode>(
        _ code: Code.Type, _ context: GatewayRequestContext, mark: String = "selected", explained: Bool = false,
        isMarked: (String) -> Bool
    ) -> [[String: Any]] {
        Code.allCases.map { code in
            var option: [String: Any] = ["code": code.rawValue, "label": text(code.catalogueKey, context), mark: isMarked(code.rawValue)]
            if explained { option["explain"] = text(code.catalogueKey + "_explain", context) }
            return option
        }
    }

    /// A stored code's label in the reader's language (`<prefix>_<code>`); the code itself when
    /// it is not in the vocabulary, which the schema's CHECKs make impossible.
    func label<Code: VocabularyCode>(_ code: Code.Type, _ raw: String, _ context: GatewayRequestContext, suffix: String = "") -> String {
        guard let known = Code(rawValue: raw) else { return raw }
        return text(known.catalogueKey + suffix, context)
    }

    /// `label(Code.self, raw)` for one request, so a page's rows stay short.
    func labels(_ context: GatewayRequestContext) -> VocabularyLabels {
        VocabularyLabels(renderer: self, context: context)
    }
}

/// Labels of stored codes in one request's language (`PageRenderer.labels`).
struct VocabularyLabels {
    let renderer: PageRenderer
    let context: GatewayRequestContext

    func callAsFunction<Code: VocabularyCode>(_ code: Code.Type, _ raw: String, suffix: String = "") -> String {
        renderer.label(code, raw, context, suffix: suffix)
    }
}
