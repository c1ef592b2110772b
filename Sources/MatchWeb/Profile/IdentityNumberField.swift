import Foundation
import MatchStore

/// The profile form's optional ID number: what was typed, and whether to remove the one on
/// file. Kept apart from `ProfileForm` because it is sensitive data (PIPL Art. 28–29) with
/// its own consent, its own storage (ADR 0022) and its own display rule: after saving, the
/// page shows only the last four characters.
struct IdentityNumberField {
    /// What the candidate wants done, once the field is valid.
    enum Intent: Equatable {
        case keep
        case replace(ResidentIdentityNumber)
        case remove
    }

    static let name = "id_number"

    var typed = ""
    var remove = false

    init() {}

    init(_ form: FormData) {
        typed = String(form[Self.name].prefix(64))
        remove = form["id_number_remove"] == "yes"
    }

    /// The intent, or nil with the problem recorded beside the field. A number is taken only
    /// with the sensitive-data consent live; removal needs no consent (it is what withdrawing
    /// does anyway).
    func validate(into state: inout FormState, sensitiveConsent: Bool, text: (String, [String: String]) -> String) -> Intent? {
        if typed.isEmpty { return remove ? .remove : .keep }
        guard sensitiveConsent else {
            state.fail(Self.name, text("error_id_number_consent", [:]))
            return nil
        }
        do {
            return .replace(try ResidentIdentityNumber(typed))
        } catch {
            state.fail(Self.name, text(Self.messageKey(error), Self.arguments(error)))
            return nil
        }
    }

    /// The count or position a message names, so the person knows where to look.
    static func arguments(_ problem: ResidentIdentityNumber.Problem) -> [String: String] {
        switch problem {
        case .wrongLength(let count): ["count": String(count)]
        case .invalidCharacter(let position): ["position": String(position)]
        default: [:]
        }
    }

    static func messageKey(_ problem: ResidentIdentityNumber.Problem) -> String {
        switch problem {
        case .wrongLength: "error_id_number_length"
        case .invalidCharacter: "error_id_number_character"
        case .unknownAddressCode: "error_id_number_region"
        case .invalidBirthDate: "error_id_number_birth_date"
        case .checkCharacterMismatch: "error_id_number_check"
        }
    }

    static func messageKey(_ refusal: IdentityNumberRefusal) -> String {
        switch refusal {
        case .consentMissing: "error_id_number_consent"
        case .alreadyRegistered: "error_id_number_taken"
        }
    }
}
