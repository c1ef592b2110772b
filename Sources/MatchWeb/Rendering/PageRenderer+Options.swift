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
}
