/// The `lottery` section of a `talentmatch.instance/2` document:
/// `{"secret": "<64 hex digits>", "commitment": "<64 hex digits>"}`.
extension InstanceSections {
    static func writeLottery(_ lottery: LotteryReveal, _ writer: inout JSONWriter) {
        writer.key("lottery")
        writer.beginObject()
        writer.key("secret"); writer.string(lottery.secretHex)
        writer.key("commitment"); writer.string(lottery.commitment)
        writer.endObject()
    }

    static func readLottery(_ reader: inout JSONReader) throws(InputError) -> LotteryReveal {
        var secret: String?
        var commitment: String?
        try ProfileFields.object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "secret": secret = reader.string(try reader.readString())
            case "commitment": commitment = reader.string(try reader.readString())
            default: try reader.skipValue()
            }
        }
        guard let secret else { throw reader.error("missing 'secret'") }
        guard let commitment else { throw reader.error("missing 'commitment'") }
        return try LotteryReveal(secretHex: secret, commitment: commitment)
    }
}
