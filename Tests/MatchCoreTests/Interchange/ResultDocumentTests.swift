import PropertyBased
import Testing
@testable import MatchCore

@Suite("Result document")
struct ResultDocumentTests {
    @Test("Same input and seed give byte-identical results")
    func byteIdentical() throws {
        let first = try Documents.resultText(InstanceDocumentTests.example)
        let second = try Documents.resultText(InstanceDocumentTests.example)
        #expect(first == second)
        #expect(first.hasPrefix(#"{"format":"talentmatch.result/1","seed":42,"#))
    }

    @Test("Golden file: the issue's example")
    func golden() throws {
        let text = try Documents.resultText(InstanceDocumentTests.example)
        #expect(text == GoldenResults.issueExample + "\n")
    }

    @Test("Timings appear only when asked for")
    func timings() throws {
        let document = try Documents.decode(InstanceDocumentTests.example)
        let outcome = MatchEngine.solve(document.instance)
        let report = Verifier.verify(document.instance, assignment: outcome.assignment)
        let timed = ResultDocument.encode(instance: document.instance, outcome: outcome, verification: report)
        #expect(String(decoding: timed, as: UTF8.self).contains(#""seconds":{"invert":"#))
        let untimed = ResultDocument.encode(
            instance: document.instance, outcome: outcome, verification: report, options: .init(includeTimings: false)
        )
        #expect(!String(decoding: untimed, as: UTF8.self).contains("seconds"))
    }

    @Test("The writer escapes strings and writes numbers in one fixed form")
    func writer() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a\"b"); writer.string("line\nnext\u{1}")
        writer.key("n"); writer.beginArray(); writer.int(-12); writer.double(74); writer.double(71.2); writer.double(1e-5); writer.endArray()
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a\"b":"line\nnext\u0001","n":[-12,74.0,71.2,1e-05]}"#)
    }

    /// The writer's fast path for 4-decimal values must spell every number as `description`
    /// does, or stored snapshots would hash differently from the documents they claim to be.
    @Test("Numbers are spelt exactly as Double.description, on 4-decimal and arbitrary values")
    func numbersAsDescription() async {
        let values = Gen<Double>.oneOf(
            Gen.int(in: -1_000_000_000_000 ... 1_000_000_000_000).map { Double($0) / 10_000 },
            Gen.int(in: -100_000 ... 100_000).map { Double($0) },
            Gen.double(in: -1e14 ... 1e14),
            Gen.double(in: -1e-3 ... 1e-3),
            Gen<Double>.always(-0.0), Gen<Double>.always(0.0), Gen<Double>.always(1e9), Gen<Double>.always(99_999_999.9999)
        )
        await propertyCheck(count: 20_000, input: values) { value in
            var writer = JSONWriter()
            writer.beginArray(); writer.double(value); writer.endArray()
            #expect(String(decoding: writer.bytes, as: UTF8.self) == "[\(value.description)]")
        }
    }
}
