/// xoshiro256** seeded through SplitMix64(42): values checked against an independent
/// transcription of the reference C code (Blackman & Vigna).
enum FrozenVectors {
    static let xoshiroSeed42: [UInt64] = [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009]
}
