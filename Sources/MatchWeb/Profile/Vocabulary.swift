/// The database's codes for what candidates pick, in display order. Labels and the sentence
/// that explains each introduction mode come from the message catalogues.
enum Vocabulary {
    static let education = ["junior_secondary", "senior_secondary", "associate", "bachelor", "master", "doctorate"]
    static let titles = ["none", "junior", "intermediate", "associate_senior", "senior"]
    static let modes = ["full_transfer", "part_time", "short_term", "remote", "project"]
    static let programmes = ["sanzhiyifu", "western_volunteer", "selected_graduate", "village_official", "special_post_teacher"]
    static let hukouTypes = ["agricultural", "non_agricultural", "resident"]
    static let incentives = ["hardship_allowance", "housing", "settling_in_payment", "spouse_placement", "children_schooling", "promotion_priority"]
    static let designations = ["key_assistance_county", "hardship_area", "western_development"]
    static let maximumSpecialties = 5
}
