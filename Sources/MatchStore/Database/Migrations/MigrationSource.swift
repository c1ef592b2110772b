import Foundation

/// Reads the migrations in a `Schema/` folder, in version order.
public struct MigrationSource: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Every `NNNN_*.sql` file, checked for duplicate versions. Other files are ignored.
    public func load() throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableDirectory(directory)
        }
        var byVersion: [Int: Migration] = [:]
        for fileName in names.sorted() {
            guard let (version, name) = Migration.parseFileName(fileName) else { continue }
            let path = directory + "/" + fileName
            guard let sql = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .unreadableFile(fileName)
            }
            if let existing = byVersion[version] {
                throw .duplicateVersion(version, existing.fileName, fileName)
            }
            byVersion[version] = Migration(version: version, name: name, fileName: fileName, sql: sql)
        }
        return byVersion.values.sorted { $0.version < $1.version }
    }
}
