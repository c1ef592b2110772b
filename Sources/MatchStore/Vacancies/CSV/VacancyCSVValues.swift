/// Chinese spellings accepted in enumerated cells beside the English codes. Export always
/// writes the English codes, so a file round-trips exactly whichever spelling it came in.
enum VacancyCSVValues {
    static let aliases: [VacancyCSVColumn: [String: String]] = [
        .staffingType: ["行政编制": "administrative", "事业编制": "institution", "合同制": "contract", "灵活用工": "flexible"],
        .minEducation: ["初中": "junior_secondary", "高中": "senior_secondary", "中专": "senior_secondary", "大专": "associate",
                        "专科": "associate", "本科": "bachelor", "硕士": "master", "研究生": "master", "博士": "doctorate"],
        .minTitle: ["无": "none", "不限": "none", "初级": "junior", "中级": "intermediate", "副高级": "associate_senior", "副高": "associate_senior",
                    "正高级": "senior", "正高": "senior"],
        .acceptedModes: ["全职调入": "full_transfer", "调入": "full_transfer", "兼职": "part_time", "短期服务": "short_term",
                         "短期": "short_term", "远程": "remote", "项目合作": "project", "项目": "project"],
        .status: ["草稿": "draft", "开放": "open", "已开放": "open", "关闭": "closed", "已关闭": "closed"],
    ]

    /// The English code for a cell value (unknown values pass through for validation to name).
    static func code(_ value: String, in column: VacancyCSVColumn) -> String {
        aliases[column]?[value] ?? value
    }

    /// Splits a list cell on `;` or `；`. A backslash escapes a separator or itself, so a
    /// note or legal basis may contain semicolons: `第三条\；第五条`.
    static func splitList(_ cell: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaping = false
        for character in cell {
            if escaping {
                if character != ";" && character != "；" && character != "\\" { current.append("\\") }
                current.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ";" || character == "；" {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaping { current.append("\\") }
        items.append(current)
        return items.map(\.trimmedOfSpaces).filter { !$0.isEmpty }
    }

    /// The inverse of `splitList`: joins items with `;`, escaping what would split them.
    static func joinList(_ items: [String]) -> String {
        items.map { item in
            var escaped = ""
            for character in item {
                if character == "\\" || character == ";" || character == "；" { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }.joined(separator: ";")
    }

    /// Splits an item into at most `count` parts on `:` or `：`; the last part keeps the rest,
    /// so a note or legal basis may contain colons.
    static func splitParts(_ item: String, count: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(item)
        while parts.count < count - 1, let index = rest.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            parts.append(String(rest[..<index]).trimmedOfSpaces)
            rest = rest[rest.index(after: index)...]
        }
        parts.append(String(rest).trimmedOfSpaces)
        return parts
    }
}
