import Foundation
import Testing

/// The commands that read or write files, each with its typical mistakes: a file that does not
/// exist, a folder where a file belongs, an output folder that does not exist, a file cut
/// short. Named by the option and the path, never by a Foundation error code.
@Suite("File commands name the path and the problem")
struct FileCommandMistakesTests {
    @Test("solve: a missing input, a folder, a file cut short, a negative seed, an output folder that does not exist")
    func solve() throws {
        let folder = try Mistakes.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let instance = folder + "/i.json"
        let generated = try CommandLine.run(["generate", "--candidates", "30", "--posts", "5", "--output", instance])
        #expect(generated.status == 0, "\(generated.stderr)")
        let whole = try Data(contentsOf: URL(fileURLWithPath: instance))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: folder + "/cut.json"))

        expectRefused(try CommandLine.run(["solve", "--input", folder + "/missing.json"]), status: 2, mentioning: "--input \(folder)/missing.json: no such file")
        expectRefused(try CommandLine.run(["solve", "--input", folder]), status: 2, mentioning: "is a folder, not a file")
        expectRefused(try CommandLine.run(["solve", "--input", folder + "/cut.json"]), status: 2, mentioning: "the file is not complete JSON")
        expectRefused(try CommandLine.run(["solve", "--input", instance, "--seed", "-1"]), status: 2, mentioning: "--seed -1: must be a whole number")
        expectRefused(try CommandLine.run(["solve", "--input", instance, "--output", folder + "/no/such/r.json"]),
                      status: 2, mentioning: "--output \(folder)/no/such/r.json: the folder \(folder)/no/such does not exist")
        expectRefused(try CommandLine.run(["solve", "--input", instance, "--output", folder]), status: 2, mentioning: "is a folder")
        let solved = try CommandLine.run(["solve", "--input", instance, "--seed", "7", "--output", folder + "/r.json"])
        #expect(solved.status == 0, "\(solved.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["cut.json", "i.json", "r.json"], "no partial files left")
    }

    @Test("solve: an output folder this user may not write is a failure of the environment (exit 1), naming the folder")
    func unwritableOutput() throws {
        let folder = try Mistakes.folder()
        let locked = folder + "/locked"
        defer {
            chmod(locked, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let instance = folder + "/i.json"
        let generated = try CommandLine.run(["generate", "--candidates", "30", "--posts", "5", "--output", instance])
        #expect(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        chmod(folder, 0o755)
        chmod(instance, 0o644)
        // Root may write into any folder, so as root the command runs as `nobody`, who may not.
        let arguments = ["solve", "--input", instance, "--output", locked + "/r.json"]
        let result = getuid() == 0
            ? try CommandLine.run(executable: URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", CommandLine.executable.path] + arguments)
            : try CommandLine.run(arguments)
        expectRefused(result, status: 1, mentioning: "cannot write to the folder \(locked): permission denied")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty, "nothing written")
    }

    @Test("generate: an output folder that does not exist, a reference folder that does not exist, and TALENTMATCH_SCHEMA_DIR obeyed")
    func generate() throws {
        let folder = try Mistakes.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        expectRefused(try CommandLine.run(["generate", "--candidates", "10", "--posts", "2", "--output", "/no/such/dir/i.json"]),
                      status: 2, mentioning: "the folder /no/such/dir does not exist")
        expectRefused(try CommandLine.run(["generate", "--candidates", "10", "--posts", "2", "--reference-dir", "/nope", "--output", folder + "/i.json"]),
                      status: 2, mentioning: "--reference-dir /nope: no such folder")
        // Run from a folder with no Schema/: the reference tables come from TALENTMATCH_SCHEMA_DIR.
        let elsewhere = try CommandLine.run(["generate", "--candidates", "10", "--posts", "2", "--output", folder + "/i.json"],
                                            environment: ["TALENTMATCH_SCHEMA_DIR": "/nope"], in: folder)
        expectRefused(elsewhere, status: 2, mentioning: "/nope/reference")
        expectRefused(try CommandLine.run(["generate", "--candidates", "10", "--posts", "0", "--output", folder + "/i.json"]),
                      status: 2, mentioning: "--posts 0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing was written")
    }

    @Test("export: an output folder that does not exist is refused before the database is asked; an unknown run does not exist")
    func export() async throws {
        expectRefused(try CommandLine.run(["export", "run", "1", "--format", "csv", "--output", "/no/such/dir/x.csv"], environment: Mistakes.unreachable),
                      status: 2, mentioning: "--output /no/such/dir/x.csv: the folder /no/such/dir does not exist")
        expectRefused(try CommandLine.run(["export", "snapshot", "1", "--output", "/tmp"], environment: Mistakes.unreachable),
                      status: 2, mentioning: "--output /tmp: is a folder")
        let environment = try await Mistakes.demoDatabase(policy: false)
        expectRefused(try CommandLine.run(["export", "run", "9999"], environment: environment), status: 2, mentioning: "no committed run 9999")
        expectRefused(try CommandLine.run(["export", "snapshot", "9999"], environment: environment), status: 2, mentioning: "no committed run 9999")
    }

    @Test("reference import: an impossible --effective-date and a missing file are refused before anything is loaded")
    func referenceImport() async throws {
        let folder = try Mistakes.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/regions.csv"
        try "code,name,level,parent_code\n510000,四川省,province,\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let base = ["reference", "import", "--table", "regions", "--edition", "test", "--source", "test"]
        for date in ["2026-13-45", "2026-02-30"] {
            expectRefused(try CommandLine.run(base + ["--file", csv, "--effective-date", date], environment: Mistakes.unreachable),
                          status: 2, mentioning: "--effective-date \(date): not a real day")
        }
        expectRefused(try CommandLine.run(base + ["--file", folder + "/missing.csv", "--effective-date", "2026-12-31"], environment: Mistakes.unreachable),
                      status: 2, mentioning: "--file \(folder)/missing.csv: no such file")
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: folder + "/latin.csv"))
        expectRefused(try CommandLine.run(base + ["--file", folder + "/latin.csv", "--effective-date", "2026-12-31"], environment: Mistakes.unreachable),
                      status: 2, mentioning: "is not UTF-8 text")
        let environment = try await Mistakes.demoDatabase(policy: false)
        let editions = try await Mistakes.count("SELECT count(*) FROM reference_editions", environment)
        let bad = try CommandLine.run(base + ["--file", csv, "--effective-date", "2026-02-30"], environment: environment)
        #expect(bad.status == 2)
        #expect(try await Mistakes.count("SELECT count(*) FROM reference_editions", environment) == editions, "nothing was imported")
    }

    @Test("keys: an output folder that does not exist; rotate's next steps match the runbook's")
    func keys() throws {
        let folder = try Mistakes.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        expectRefused(try CommandLine.run(["keys", "generate", "--output", folder + "/no/keys"]),
                      status: 2, mentioning: "the folder \(folder)/no does not exist")
        let file = folder + "/keys"
        #expect(try CommandLine.run(["keys", "generate", "--output", file]).status == 0)
        expectRefused(try CommandLine.run(["keys", "generate", "--output", file]), status: 2, mentioning: "refusing to overwrite")
        let rotate = try CommandLine.run(["keys", "rotate"], environment: ["TALENTMATCH_ID_NUMBER_KEYS_FILE": file])
        #expect(rotate.stdout.contains("install this file wherever serve runs and restart those servers, then run `talentmatch keys rekey`"))
        let hash = try CommandLine.run(["keys", "rotate", "--hash-key"], environment: ["TALENTMATCH_ID_NUMBER_KEYS_FILE": file])
        #expect(hash.stdout.contains("with every server still stopped: `talentmatch keys rekey`, then install this file"), "\(hash.stdout)")
        expectRefused(try CommandLine.run(["keys", "rotate"], environment: ["TALENTMATCH_ID_NUMBER_KEYS_FILE": folder + "/none"]),
                      status: 1, mentioning: "\(folder)/none does not exist")
    }
}
