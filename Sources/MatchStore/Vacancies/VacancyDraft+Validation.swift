extension VacancyDraft {
    /// Every problem with this draft, each named by its JSON pointer into the API's request
    /// body (`VacancyInput` in openapi.yaml: `externalId`, `region`, `requirements/N/specialty`,
    /// `householdRules/N/region` …); empty when the post can
    /// be stored. With `reference`, region and specialty codes must also exist and be in force.
    ///
    /// The rules mirror the table's CHECK constraints (which stay the last word) and add the
    /// ones a constraint cannot phrase for a person: a household rule without a legal basis,
    /// a mode named twice, a target above the seats. Lengths count Unicode scalars, as
    /// PostgreSQL's `length()` counts characters.
    public func problems(reference: VacancyReference?) -> [FieldProblem] {
        var found = ProblemList()
        checkIdentity(&found)
        checkRegion(regionCode, at: "/region", reference: reference, &found)
        checkNumbers(&found)
        checkChoice(staffingType, StaffingTypeCode.codes, at: "/staffingType", &found)
        checkChoice(minEducation, EducationCode.codes, at: "/minEducation", &found)
        checkChoice(minTitle, TitleCode.codes, at: "/minTitle", &found)
        checkModes(&found)
        checkSpecialties(reference: reference, &found)
        checkIncentives(&found)
        checkHouseholdRules(reference: reference, &found)
        checkControlCharacters(&found)
        return found.items
    }

    private func checkIdentity(_ found: inout ProblemList) {
        if !VacancyLimits.externalIDLength.contains(externalID.unicodeScalars.count) || externalID != externalID.trimmedOfSpaces {
            found.add("/externalId", "the centre's own post id is required: 1 to 64 characters, no surrounding spaces")
        }
        if !VacancyLimits.titleLength.contains(title.trimmedOfSpaces.unicodeScalars.count) {
            found.add("/title", "a title is required, at most 200 characters")
        }
        if !VacancyLimits.descriptionLength.contains(description.unicodeScalars.count) {
            found.add("/description", "at most 5000 characters")
        }
    }

    private func checkNumbers(_ found: inout ProblemList) {
        if !VacancyLimits.seatRange.contains(seats) {
            found.add("/seats", "seats must be 1 to 10000, got \(seats)")
        }
        if let target, !(0...max(seats, 0)).contains(target) {
            found.add("/target", "the target must be 0 to the number of seats (\(seats)), got \(target)")
        }
        if !VacancyLimits.experienceRange.contains(minExperienceYears) {
            found.add("/minExperienceYears", "must be 0 to 60 years, got \(minExperienceYears)")
        }
        if let serviceYears, !VacancyLimits.serviceYearRange.contains(serviceYears) {
            found.add("/serviceYears", "a service commitment is 1 to 10 years (leave it out for none), got \(serviceYears)")
        }
    }

    private func checkModes(_ found: inout ProblemList) {
        if acceptedModes.isEmpty {
            found.add("/acceptedModes", "name at least one accepted mode: \(IntroductionModeCode.codes.joined(separator: ", "))")
        }
        var seen = Set<String>()
        for (index, mode) in acceptedModes.enumerated() {
            checkChoice(mode, IntroductionModeCode.codes, at: "/acceptedModes/\(index)", &found)
            if !seen.insert(mode).inserted { found.add("/acceptedModes/\(index)", "'\(mode)' is named twice") }
        }
    }

    private func checkSpecialties(reference: VacancyReference?, _ found: inout ProblemList) {
        if specialties.count > VacancyLimits.maxSpecialties {
            found.add("/requirements", "at most \(VacancyLimits.maxSpecialties) specialties, got \(specialties.count)")
        }
        var seen = Set<String>()
        for (index, specialty) in specialties.enumerated() {
            let at = "/requirements/\(index)"
            if !Self.isSpecialtyCode(specialty.code) {
                found.add("\(at)/specialty", "'\(specialty.code)' is not a specialty code (six digits, optionally T or K)")
            } else if let reference, !reference.specialties.contains(specialty.code) {
                found.add("\(at)/specialty", "specialty '\(specialty.code)' is not in the specialty catalogue in force")
            }
            if !seen.insert(specialty.code).inserted { found.add("\(at)/specialty", "specialty '\(specialty.code)' is named twice") }
            checkChoice(specialty.acceptedFit, SpecialtyFitCode.codes, at: "\(at)/acceptedFit", &found)
        }
    }

    private func checkIncentives(_ found: inout ProblemList) {
        var seen = Set<String>()
        for (index, incentive) in incentives.enumerated() {
            let at = "/incentives/\(index)"
            checkChoice(incentive.kind, IncentiveKindCode.codes, at: "\(at)/kind", &found)
            if !seen.insert(incentive.kind).inserted { found.add("\(at)/kind", "incentive '\(incentive.kind)' is named twice") }
            if let amount = incentive.amountYuan, !VacancyLimits.amountRange.contains(amount) {
                found.add("\(at)/amountYuan", "an amount is 1 to 10000000 yuan (leave it out for none), got \(amount)")
            }
            if !VacancyLimits.noteLength.contains(incentive.note.unicodeScalars.count) {
                found.add("\(at)/note", "at most 200 characters")
            }
        }
    }

    private func checkHouseholdRules(reference: VacancyReference?, _ found: inout ProblemList) {
        if householdRules.count > VacancyLimits.maxHouseholdRules {
            found.add("/householdRules", "at most \(VacancyLimits.maxHouseholdRules) rules, got \(householdRules.count)")
        }
        for (index, rule) in householdRules.enumerated() {
            let at = "/householdRules/\(index)"
            checkChoice(rule.kind, HouseholdRuleKindCode.codes, at: "\(at)/kind", &found)
            checkRegion(rule.regionCode, at: "\(at)/region", reference: reference, &found)
            let basis = rule.legalBasis.trimmedOfSpaces
            if basis.isEmpty {
                found.add("\(at)/legalBasis", "a household-registration rule must cite its legal basis (the document and article that set it)")
            } else if !VacancyLimits.legalBasisLength.contains(basis.unicodeScalars.count) {
                found.add("\(at)/legalBasis", "the legal basis must be 4 to 500 characters, got \(basis.unicodeScalars.count)")
            }
        }
    }

    /// PostgreSQL text cannot hold U+0000, and no other control character belongs in a post
    /// (`ControlCharacters`); say so at the field instead of failing the write.
    private func checkControlCharacters(_ found: inout ProblemList) {
        var texts: [(String, String)] = [("/externalId", externalID), ("/title", title), ("/description", description)]
        texts += incentives.enumerated().map { ("/incentives/\($0.offset)/note", $0.element.note) }
        texts += householdRules.enumerated().map { ("/householdRules/\($0.offset)/legalBasis", $0.element.legalBasis) }
        for (pointer, text) in texts {
            if let refused = ControlCharacters.first(in: text) {
                found.add(pointer, "contains the control character \(ControlCharacters.name(refused)), which a post cannot hold")
            }
        }
    }

    private func checkRegion(_ code: String, at pointer: String, reference: VacancyReference?, _ found: inout ProblemList) {
        if code.count != 6 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
            found.add(pointer, "'\(code)' is not a six-digit region code (GB/T 2260)")
        } else if let reference, !reference.regions.contains(code) {
            found.add(pointer, "region '\(code)' is not in the region table in force")
        }
    }

    private func checkChoice(_ value: String, _ allowed: [String], at pointer: String, _ found: inout ProblemList) {
        if !allowed.contains(value) {
            found.add(pointer, "'\(value)' is not one of: \(allowed.joined(separator: ", "))")
        }
    }

    static func isSpecialtyCode(_ code: String) -> Bool {
        let scalars = Array(code.unicodeScalars)
        guard (6...8).contains(scalars.count) else { return false }
        return scalars.prefix(6).allSatisfy { ("0"..."9").contains($0) } && scalars.dropFirst(6).allSatisfy { $0 == "T" || $0 == "K" }
    }
}

/// Collects problems in the order they were found.
struct ProblemList {
    private(set) var items: [FieldProblem] = []

    mutating func add(_ pointer: String, _ message: String) {
        items.append(FieldProblem(pointer: pointer, message: message))
    }
}

extension String {
    /// Without leading and trailing whitespace, including the ideographic space (U+3000).
    var trimmedOfSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
