/// Opening one named database of a store, for the stores that live beside the cache (the usage
/// ledger, the request log) and their readers in other processes.
extension LMDBEnvironment {
    /// Opens the store at `path` for writing and creates `name` in it if needed.
    ///
    /// `options` should match the cache store's, since whichever opens the environment first in
    /// this process decides its map size and durability; `readOnly` is ignored.
    static func openWritable(path: String, options: StoreOptions, database name: String) throws(LMDBError) -> (LMDBEnvironment, LMDBDatabase) {
        var configuration = options.lmdbConfiguration
        configuration.readOnly = false
        let environment = try LMDBEnvironment.open(path: path, configuration: configuration)
        do throws(LMDBError) {
            return (environment, try environment.database(name, create: true))
        } catch {
            environment.close()
            throw error
        }
    }

    /// Runs `body` in one read transaction over database `name` of the store at `path`; nil when
    /// the store has no such database yet (nothing was ever written to it).
    ///
    /// Opens read-only, sharing this process's handle if one is open, so it is safe while another
    /// process writes. Within one process, open the writer first: while this holds a read-only
    /// handle, a writable open of the same path here fails.
    static func withReadTransaction<R>(
        path: String,
        database name: String,
        _ body: (LMDBDatabase, borrowing LMDBTransaction) throws(LMDBError) -> R
    ) throws(LMDBError) -> R? {
        try withReadOnlyDatabase(path: path, database: name) { (environment, database) throws(LMDBError) in
            try environment.withTransaction(.read) { (txn) throws(LMDBError) in try body(database, txn) }
        }
    }

    /// ``withReadTransaction(path:database:_:)`` for readers that run several transactions on
    /// one opening: a long scan cut into short snapshots.
    static func withReadOnlyDatabase<R>(
        path: String,
        database name: String,
        _ body: (LMDBEnvironment, LMDBDatabase) throws(LMDBError) -> R
    ) throws(LMDBError) -> R? {
        let environment = try LMDBEnvironment.open(path: path, configuration: LMDBConfiguration(readOnly: true))
        defer { environment.close() }
        let database: LMDBDatabase
        do throws(LMDBError) {
            database = try environment.database(name, create: false)
        } catch .databaseNotFound {
            return nil
        }
        return try body(environment, database)
    }
}
