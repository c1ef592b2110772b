import MatchStore

/// The demo's candidates (fictional people, real codes). Most rank the urban district
/// 巴州区 (511902) first, as real candidates do, which is what caps and floors are for.
struct DemoCandidate: Sendable {
    let name: String
    let contact: String
    let education: String
    let title: String
    let experienceYears: Int
    let hukou: String
    let current: String
    let modes: [String]
    let programmes: [String]
    let hardshipWilling: Bool
    let specialty: String
    let ranking: [String]

    private static func make(
        _ number: Int, _ name: String, _ specialty: String, _ education: String, _ years: Int, hukou: String,
        current: String = "510107", modes: [String] = ["full_transfer"], programmes: [String] = [],
        title: String = "none", hardship: Bool = false, ranking: [Int]
    ) -> DemoCandidate {
        DemoCandidate(
            name: name, contact: "demo\(number)@example.cn", education: education, title: title, experienceYears: years,
            hukou: hukou, current: current, modes: modes, programmes: programmes, hardshipWilling: hardship,
            specialty: specialty, ranking: ranking.map { "BZ-2026-00\($0)" }
        )
    }

    /// People who rank posts of both offices (their ids name posts by external id).
    static let crossing: [DemoCandidate] = [
        make(25, "冯磊", "082802", "master", 6, hukou: "510821", ranking: []).ranking(["GY-2026-001", "BZ-2026-008", "BZ-2026-001"]),
        make(26, "韩梅", "090101", "bachelor", 3, hukou: "511922", ranking: []).ranking(["BZ-2026-002", "GY-2026-002"]),
        make(27, "唐欣", "020301K", "bachelor", 5, hukou: "510802", ranking: []).ranking(["GY-2026-003", "BZ-2026-004"]),
        make(28, "曹阳", "020301K", "master", 2, hukou: "510104", modes: ["full_transfer", "remote"], ranking: [])
            .ranking(["GY-2026-003", "BZ-2026-004"]),
        make(29, "邓琳", "090102", "associate", 8, hukou: "510824", ranking: []).ranking(["GY-2026-002", "BZ-2026-002", "BZ-2026-007"]),
        make(30, "许晨", "082801", "bachelor", 4, hukou: "511921", hardship: true, ranking: []).ranking(["BZ-2026-001", "GY-2026-001"]),
    ]

    static let all: [DemoCandidate] = [
        make(1, "李明远", "082802", "master", 3, hukou: "511921", ranking: [8, 1]),
        make(2, "王晓雪", "082802", "bachelor", 1, hukou: "510104", programmes: ["western_volunteer"], hardship: true, ranking: [8, 1]),
        make(3, "张建国", "082801", "bachelor", 6, hukou: "511902", title: "intermediate", ranking: [1, 8]),
        make(4, "陈思远", "090101", "bachelor", 2, hukou: "511922", modes: ["full_transfer", "part_time"], programmes: ["sanzhiyifu"], hardship: true, ranking: [2]),
        make(5, "刘芳", "090102", "associate", 4, hukou: "510623", ranking: [2, 7]),
        make(6, "杨帆", "090101", "master", 0, hukou: "500101", modes: ["project"], ranking: [2]),
        make(7, "赵婷", "030101K", "master", 5, hukou: "510105", modes: ["remote", "part_time"], title: "intermediate", ranking: [3]),
        make(8, "黄磊", "030101K", "bachelor", 2, hukou: "511923", programmes: ["selected_graduate"], ranking: [3, 6]),
        make(9, "周杰", "020301K", "master", 4, hukou: "510104", ranking: [4]),
        make(10, "吴倩", "020302", "bachelor", 1, hukou: "511902", ranking: [4, 7]),
        make(11, "徐浩", "020101", "bachelor", 3, hukou: "510903", ranking: [4]),
        make(12, "孙悦", "120103", "bachelor", 5, hukou: "511903", title: "junior", ranking: [4, 5]),
        make(13, "胡斌", "120103", "master", 2, hukou: "510181", modes: ["project", "full_transfer"], ranking: [5]),
        make(14, "朱丽", "120105", "bachelor", 0, hukou: "511921", programmes: ["village_official"], hardship: true, ranking: [5, 1]),
        make(15, "高峰", "030503", "bachelor", 3, hukou: "511921", programmes: ["selected_graduate"], hardship: true, ranking: [6]),
        make(16, "林静", "030503", "master", 1, hukou: "510104", ranking: [6]),
        make(17, "何强", "120204", "associate", 7, hukou: "511922", title: "junior", ranking: [7]),
        make(18, "郭敏", "120204", "bachelor", 2, hukou: "510107", modes: ["part_time"], ranking: [7, 4]),
        make(19, "马超", "120203K", "bachelor", 4, hukou: "511923", ranking: [4, 7]),
        make(20, "罗娟", "082802", "bachelor", 2, hukou: "511923", programmes: ["sanzhiyifu"], hardship: true, ranking: [1, 8]),
        make(21, "梁宇", "090101", "associate", 1, hukou: "511921", programmes: ["special_post_teacher"], ranking: [2]),
        make(22, "宋佳", "030101K", "bachelor", 0, hukou: "510104", ranking: [4, 3]),
        make(23, "郑凯", "120103", "bachelor", 3, hukou: "511902", ranking: [5]),
        make(24, "谢雨", "020301K", "bachelor", 1, hukou: "510106", modes: ["full_transfer", "remote"], ranking: []),
    ]
}

extension DemoCandidate {
    /// The same person ranking posts by external id, of either office.
    func ranking(_ posts: [String]) -> DemoCandidate {
        DemoCandidate(name: name, contact: contact, education: education, title: title, experienceYears: experienceYears, hukou: hukou,
                      current: current, modes: modes, programmes: programmes, hardshipWilling: hardshipWilling, specialty: specialty,
                      ranking: posts)
    }

    var seed: CandidateProfileRecord {
        CandidateProfileRecord(
            fullName: name, contact: contact, education: education, title: title, experienceYears: experienceYears,
            hukouRegion: hukou, hukouType: nil, currentRegion: current, acceptedModes: modes, programmes: programmes,
            hardshipWilling: hardshipWilling, specialties: [specialty], complete: true
        )
    }
}
