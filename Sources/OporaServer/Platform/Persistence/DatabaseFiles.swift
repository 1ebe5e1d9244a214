import Foundation

/// The SQLite file and its log hold people's files: readable by Opora's user only, like `data.key`.
///
/// SQLite creates `-wal` and `-shm` with the mode of the database file, so creating that file
/// with 0600 before the first connection opens it is enough for new installations; files of an
/// older installation are narrowed on start.
enum DatabaseFiles {
    static func restrict(_ path: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}
