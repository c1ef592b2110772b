/// Why an office, centre or staff account could not be created or changed. Each case names the
/// field a person fixes (`field`: the CLI option's name without dashes, and the console form's
/// field), so the command line prints it and the console shows it beside the field.
public enum OrganisationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A code is 2 to 40 letters, digits, '-' and '_', starting with a letter or digit.
    case invalidCode(field: String, value: String)
    case codeTaken(field: String, value: String)
    /// A name is 1 to 100 characters.
    case invalidName(value: String)
    case unknownRegion(String)
    /// The region is not below the office that would own it (a province office creates the
    /// offices in its regions; a centre lies in its office's region or below).
    case regionOutside(region: String, officeCode: String)
    case unknownOffice(String)
    case unknownCentre(String)
    case unknownMarket(String)
    /// The deployment has several markets, so a new office must name its own.
    case marketRequired
    /// A sign-in name is 3 to 100 of a-z, 0-9 and . _ @ + -, starting with a letter or digit.
    case invalidLogin(String)
    case loginTaken(String)
    /// The contact for messages is an e-mail address or a mobile number, 3 to 254 characters.
    case invalidContact(String)
    /// The role belongs to the other kind of organisation (a centre editor to an office, …).
    case roleNotForOrganisation(role: StaffRoleCode)
    /// An invitation lasts 1 hour to 30 days.
    case invalidExpiry(hours: Int)
    case unknownStaff(Int64)

    /// The form field (and CLI option) the problem is about.
    public var field: String {
        switch self {
        case .invalidCode(let field, _), .codeTaken(let field, _): field
        case .invalidName: "name"
        case .unknownRegion, .regionOutside: "region"
        case .unknownOffice: "office"
        case .unknownCentre: "centre"
        case .unknownMarket, .marketRequired: "market"
        case .invalidLogin, .loginTaken: "login"
        case .invalidContact: "contact"
        case .roleNotForOrganisation: "role"
        case .invalidExpiry: "expires-in-hours"
        case .unknownStaff: "id"
        }
    }

    public var description: String {
        switch self {
        case .invalidCode(let field, let value):
            "--\(field) '\(value)': a code is 2 to 40 letters, digits, '-' and '_', starting with a letter or digit"
        case .codeTaken(let field, let value): "--\(field) '\(value)': that code is already taken"
        case .invalidName(let value): "--name '\(value)': a name is 1 to 100 characters"
        case .unknownRegion(let code): "--region '\(code)': no region with that six-digit GB/T 2260 code in the reference tables"
        case .regionOutside(let region, let office): "--region '\(region)' is not in office \(office)'s region or below it"
        case .unknownOffice(let code): "no office with code '\(code)'"
        case .unknownCentre(let code): "no centre with code '\(code)'"
        case .unknownMarket(let code): "no market with code '\(code)' (see `talentmatch markets list`)"
        case .marketRequired: "this deployment has several markets: give the office's --market (see `talentmatch markets list`)"
        case .invalidLogin(let value):
            "--login '\(value)': a sign-in name is 3 to 100 of a-z, 0-9 and . _ @ + -, starting with a letter or digit"
        case .loginTaken(let value): "--login '\(value)': someone already signs in with that name"
        case .invalidContact(let value): "--contact '\(value)': give an e-mail address or a mobile number"
        case .roleNotForOrganisation(let role):
            "--role \(role.rawValue) belongs to \(role.organisation == .centre ? "a centre (give --centre)" : "an office (give --office)")"
        case .invalidExpiry(let hours): "--expires-in-hours \(hours): an invitation lasts 1 to 720 hours"
        case .unknownStaff(let id): "no staff account with id \(id)"
        }
    }
}
