/// The cells of one CSV row read as a draft. Cells that cannot be read at all (a word where
/// a number belongs, an item missing its parts) are reported here; everything readable is
/// left to the draft's own validation, so the file and the API refuse the same things.
struct VacancyCSVCells {
    let row: Int
    let fields: [String]
    let positions: [VacancyCSVColumn: Int]
    let headers: [VacancyCSVColumn: String]
    private(set) var problems: [VacancyImportProblem] = []
    private(set) var unreadable: Set<VacancyCSVColumn> = []

    init(row: Int, fields: [String], positions: [VacancyCSVColumn: Int], headers: [VacancyCSVColumn: String]) {
        self.row = row
        self.fields = fields
        self.positions = positions
        self.headers = headers
    }

    mutating func draft() -> VacancyDraft {
        VacancyDraft(
            externalID: text(.externalID), title: text(.title), description: text(.description), regionCode: text(.regionCode),
            seats: number(.seats) ?? 0, target: optionalNumber(.target),
            staffingType: code(.staffingType), minEducation: code(.minEducation, default: "associate"),
            minTitle: code(.minTitle, default: "none"), minExperienceYears: optionalNumber(.minExperienceYears) ?? 0,
            acceptedModes: VacancyCSVValues.splitList(text(.acceptedModes)).map { VacancyCSVValues.code($0, in: .acceptedModes) },
            serviceYears: optionalNumber(.serviceYears), specialties: specialties(), incentives: incentives(),
            householdRules: householdRules()
        )
    }

    mutating func status() -> VacancyStatus? {
        let value = code(.status)
        guard !value.isEmpty else { return nil }
        guard let status = VacancyStatus(rawValue: value) else {
            report(.status, "'\(value)' is not one of: \(VacancyStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return status
    }

    private func text(_ column: VacancyCSVColumn) -> String {
        guard let index = positions[column] else { return "" }
        // An export guards formula-like cells with a quote for spreadsheets; it is not part of the value.
        return CSVWriter.unguarded(fields[index]).trimmedOfSpaces
    }

    private func code(_ column: VacancyCSVColumn, default fallback: String = "") -> String {
        let value = text(column)
        return value.isEmpty ? fallback : VacancyCSVValues.code(value, in: column)
    }

    private mutating func number(_ column: VacancyCSVColumn) -> Int? {
        let value = text(column)
        guard let number = Int(value) else {
            report(column, value.isEmpty ? "a whole number is required" : "'\(value)' is not a whole number")
            return nil
        }
        return number
    }

    private mutating func optionalNumber(_ column: VacancyCSVColumn) -> Int? {
        text(column).isEmpty ? nil : number(column)
    }

    private mutating func specialties() -> [VacancyDraft.Specialty] {
        VacancyCSVValues.splitList(text(.specialties)).map { item in
            let parts = VacancyCSVValues.splitParts(item, count: 2)
            return VacancyDraft.Specialty(code: parts[0], acceptedFit: parts.count > 1 && !parts[1].isEmpty ? parts[1] : "same_class")
        }
    }

    private mutating func incentives() -> [VacancyDraft.Incentive] {
        var result: [VacancyDraft.Incentive] = []
        for (index, item) in VacancyCSVValues.splitList(text(.incentives)).enumerated() {
            let parts = VacancyCSVValues.splitParts(item, count: 3)
            let amountText = parts.count > 1 ? parts[1] : ""
            var amount: Int? = nil
            if !amountText.isEmpty {
                amount = Int(amountText)
                if amount == nil { report(.incentives, "item \(index + 1): amount '\(amountText)' is not a whole number of yuan") }
            }
            result.append(.init(kind: parts[0], amountYuan: amount, note: parts.count > 2 ? parts[2] : ""))
        }
        return result
    }

    private mutating func householdRules() -> [VacancyDraft.HouseholdRule] {
        var result: [VacancyDraft.HouseholdRule] = []
        for (index, item) in VacancyCSVValues.splitList(text(.householdRules)).enumerated() {
            let parts = VacancyCSVValues.splitParts(item, count: 3)
            guard parts.count == 3 else {
                report(.householdRules, "item \(index + 1): write a rule as \(VacancyCSVColumn.householdRules.format); "
                    + "a rule without its legal basis is not allowed")
                continue
            }
            result.append(.init(kind: parts[0], regionCode: parts[1], legalBasis: parts[2]))
        }
        return result
    }

    private mutating func report(_ column: VacancyCSVColumn, _ message: String) {
        unreadable.insert(column)
        problems.append(VacancyImportProblem(row: row, column: headers[column] ?? column.rawValue, message: message))
    }
}
