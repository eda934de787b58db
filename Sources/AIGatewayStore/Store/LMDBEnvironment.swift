import CLMDB
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an ``LMDBEnvironment`` is opened.
struct LMDBConfiguration: Sendable, Equatable {
    enum Durability: Sendable, Equatable {
        /// `MDB_NOMETASYNC`: a system crash may undo the last commit but never breaks integrity;
        /// a process crash loses nothing that was committed.
        case noMetaSync
        /// Every commit syncs data and meta page before it returns.
        case full
    }

    var initialMapSize: Int = 64 << 20
    var maxMapSize: Int = 1 << 40
    var maxDatabases: Int = 16
    var readOnly: Bool = false
    var durability: Durability = .noMetaSync
}

enum LMDBAccess: Sendable {
    case read, write
}

/// A named database inside an environment. The handle stays valid until the environment closes.
struct LMDBDatabase: Sendable, Hashable {
    let name: String
    let dbi: MDB_dbi
}

/// One open LMDB environment (a directory holding `data.mdb` and `lock.mdb`).
///
/// LMDB forbids opening one environment twice in a process, so ``open(path:configuration:)``
/// goes through a process-wide registry keyed by the real path: a second open shares the handle,
/// and the environment closes when its last user calls ``close()``.
///
/// `@unchecked Sendable` because: the `MDB_env` pointer is set once in `init` and freed only by
/// the last `close()`; LMDB allows transactions on one environment from any thread, and
/// `MDB_NOTLS` ties read slots to transactions instead of threads (Swift tasks move between
/// threads); `mdb_env_set_mapsize`, which must not run while any transaction of this process is
/// live, is guarded by `resizeLock` (every transaction holds it shared, a resize exclusively);
/// all other mutable state is behind `Mutex`es.
///
/// Lock order: registry → `state`; `databases` → `resizeLock` → `state`/`readPool`;
/// a resize holds `resizeLock` exclusively and then takes only `state` and `readPool`.
/// `resizeLock` prefers readers (the platform default), so a resize waits for a gap in reads.
final class LMDBEnvironment: @unchecked Sendable {
    let path: String
    let configuration: LMDBConfiguration
    private let handle: OpaquePointer
    private let resizeLock: UnsafeMutablePointer<pthread_rwlock_t>
    private let state: Mutex<State>
    /// Reset read transactions kept for reuse: `mdb_txn_renew` skips the reader-table lock.
    private let readPool = Mutex<[ResetTransaction]>([])
    private let databases = Mutex<[String: LMDBDatabase]>([:])
    private static let readPoolLimit = 16

    /// A reset read transaction, owned by whoever holds it: the pool or one `withTransaction`.
    private struct ResetTransaction: @unchecked Sendable {
        let handle: OpaquePointer
    }

    private struct State {
        var users = 1
        var closed = false
        var mapSize: Int
    }

    private static let registry = Mutex<[String: LMDBEnvironment]>([:])

    /// Opens (or shares) the environment at `path`, creating the directory unless read-only.
    static func open(path: String, configuration: LMDBConfiguration) throws(LMDBError) -> LMDBEnvironment {
        let directory = try prepareDirectory(path, readOnly: configuration.readOnly)
        return try registry.withLock { (environments) throws(LMDBError) -> LMDBEnvironment in
            if let shared = environments[directory] {
                if shared.configuration.readOnly && !configuration.readOnly {
                    throw LMDBError.openedReadOnly(path: directory)
                }
                shared.state.withLock { $0.users += 1 }
                return shared
            }
            let environment = try LMDBEnvironment(directory: directory, configuration: configuration)
            environments[directory] = environment
            return environment
        }
    }

    private init(directory: String, configuration: LMDBConfiguration) throws(LMDBError) {
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        guard let env else { throw LMDBError.failed(call: "mdb_env_create", code: EINVAL) }
        do throws(LMDBError) {
            try check(mdb_env_set_maxdbs(env, MDB_dbi(configuration.maxDatabases)), "mdb_env_set_maxdbs")
            try check(mdb_env_set_mapsize(env, configuration.initialMapSize), "mdb_env_set_mapsize")
            var flags = UInt32(MDB_NOTLS)
            if configuration.readOnly { flags |= UInt32(MDB_RDONLY) }
            if configuration.durability == .noMetaSync { flags |= UInt32(MDB_NOMETASYNC) }
            let rc = mdb_env_open(env, directory, flags, 0o644)
            if rc != MDB_SUCCESS {
                if rc == EACCES || rc == EROFS, !configuration.readOnly {
                    throw LMDBError.directoryNotWritable(path: directory)
                }
                throw LMDBError.openFailed(path: directory, code: rc, readOnly: configuration.readOnly)
            }
        } catch {
            mdb_env_close(env)
            throw error
        }
        // Reader slots left by killed processes would pin old pages forever; clear them.
        var staleReaders: Int32 = 0
        mdb_reader_check(env, &staleReaders)
        var info = MDB_envinfo()
        mdb_env_info(env, &info)
        self.path = directory
        self.configuration = configuration
        self.handle = env
        self.state = Mutex(State(mapSize: info.me_mapsize))
        self.resizeLock = .allocate(capacity: 1)
        resizeLock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(resizeLock, nil)
    }

    deinit {
        assert(state.withLock { $0.closed }, "LMDBEnvironment at \(path) deinitialised without close()")
    }

    /// Releases this user's share; the last one closes the environment.
    func close() {
        Self.registry.withLock { environments in
            let last = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.users -= 1
                if state.users == 0 { state.closed = true }
                return state.closed
            }
            guard last else { return }
            environments[path] = nil
            pthread_rwlock_wrlock(resizeLock)
            for txn in readPool.withLock({ pool in defer { pool = [] }; return pool }) { mdb_txn_abort(txn.handle) }
            mdb_env_close(handle)
            pthread_rwlock_unlock(resizeLock)
            pthread_rwlock_destroy(resizeLock)
            resizeLock.deallocate()
        }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// The current size of this process's memory map.
    var mapSize: Int { state.withLock { $0.mapSize } }

    /// Opens a named database, creating it in a write environment if `create` is set.
    ///
    /// Database opens are serialised: LMDB forbids opening one from two transactions at once.
    /// (`databases` is its own lock, never held by a resize, so taking the transaction lock
    /// while holding it cannot deadlock against one.)
    func database(_ name: String, create: Bool = true) throws(LMDBError) -> LMDBDatabase {
        if let known = databases.withLock({ $0[name] }) { return known }
        return try databases.withLock { (databases) throws(LMDBError) -> LMDBDatabase in
            if let known = databases[name] { return known }
            let write = create && !configuration.readOnly
            pthread_rwlock_rdlock(resizeLock)
            defer { pthread_rwlock_unlock(resizeLock) }
            guard !isClosed else { throw LMDBError.closed }
            var txn: OpaquePointer?
            try check(mdb_txn_begin(handle, nil, write ? 0 : UInt32(MDB_RDONLY), &txn), "mdb_txn_begin")
            var dbi: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, name, write ? UInt32(MDB_CREATE) : 0, &dbi)
            guard rc == MDB_SUCCESS else {
                mdb_txn_abort(txn)
                if rc == MDB_NOTFOUND { throw LMDBError.databaseNotFound(name: name) }
                throw LMDBError.failed(call: "mdb_dbi_open", code: rc)
            }
            // Even a read-only transaction must commit for the handle to outlive it.
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
            let database = LMDBDatabase(name: name, dbi: dbi)
            databases[name] = database
            return database
        }
    }

    /// Runs `body` in a transaction: a write commits when `body` returns and aborts when it throws;
    /// a read just ends. Never call it from inside another transaction's closure.
    ///
    /// A write that fills the map is aborted, the map grows (doubling, up to the configured
    /// maximum), and `body` runs again from the start, so it must not have side effects outside
    /// the transaction. At the maximum it throws ``LMDBError/mapAtMaximum(bytes:)``.
    /// Bytes read inside `body` point into the map: copy them out before returning.
    func withTransaction<R>(
        _ access: LMDBAccess,
        _ body: (borrowing LMDBTransaction) throws(LMDBError) -> R
    ) throws(LMDBError) -> R {
        if access == .write && configuration.readOnly { throw LMDBError.openedReadOnly(path: path) }
        while true {
            let observedMapSize = mapSize
            pthread_rwlock_rdlock(resizeLock)
            if isClosed {
                pthread_rwlock_unlock(resizeLock)
                throw LMDBError.closed
            }
            let begun = access == .read ? beginRead() : beginWrite()
            let txn: OpaquePointer
            switch begun {
            case .success(let handle):
                txn = handle
            case .failure(let error):
                pthread_rwlock_unlock(resizeLock)
                if error.code == MDB_MAP_RESIZED {
                    try adoptResizedMap()
                    continue
                }
                throw error
            }
            let result: R
            do {
                result = try body(LMDBTransaction(handle: txn, isWrite: access == .write))
            } catch {
                if access == .read { endRead(txn) } else { mdb_txn_abort(txn) }
                pthread_rwlock_unlock(resizeLock)
                if access == .write && error.code == MDB_MAP_FULL {
                    try grow(from: observedMapSize)
                    continue
                }
                throw error
            }
            guard access == .write else {
                endRead(txn)
                pthread_rwlock_unlock(resizeLock)
                return result
            }
            // The commit frees the transaction whether or not it succeeds.
            let rc = mdb_txn_commit(txn)
            pthread_rwlock_unlock(resizeLock)
            if rc == MDB_MAP_FULL {
                try grow(from: observedMapSize)
                continue
            }
            try check(rc, "mdb_txn_commit")
            return result
        }
    }

    private func beginWrite() -> Result<OpaquePointer, LMDBError> {
        var txn: OpaquePointer?
        let rc = mdb_txn_begin(handle, nil, 0, &txn)
        guard rc == MDB_SUCCESS, let txn else { return .failure(.failed(call: "mdb_txn_begin", code: rc)) }
        return .success(txn)
    }

    private func beginRead() -> Result<OpaquePointer, LMDBError> {
        if let pooled = readPool.withLock({ $0.popLast() })?.handle {
            let rc = mdb_txn_renew(pooled)
            if rc == MDB_SUCCESS { return .success(pooled) }
            mdb_txn_abort(pooled)
            return .failure(.failed(call: "mdb_txn_renew", code: rc))
        }
        var txn: OpaquePointer?
        let rc = mdb_txn_begin(handle, nil, UInt32(MDB_RDONLY), &txn)
        guard rc == MDB_SUCCESS, let txn else { return .failure(.failed(call: "mdb_txn_begin", code: rc)) }
        return .success(txn)
    }

    private func endRead(_ txn: OpaquePointer) {
        mdb_txn_reset(txn)
        let kept = readPool.withLock { pool -> Bool in
            guard pool.count < Self.readPoolLimit else { return false }
            pool.append(ResetTransaction(handle: txn))
            return true
        }
        if !kept { mdb_txn_abort(txn) }
    }

    /// Another process grew the map: adopt its size (`mdb_env_set_mapsize(env, 0)`).
    private func adoptResizedMap() throws(LMDBError) {
        try resize { _ throws(LMDBError) in
            try check(mdb_env_set_mapsize(handle, 0), "mdb_env_set_mapsize")
        }
    }

    /// Doubles the map, unless another thread already grew it since `observed`.
    private func grow(from observed: Int) throws(LMDBError) {
        let maximum = configuration.maxMapSize
        try resize { (current) throws(LMDBError) in
            guard current == observed else { return }
            // Adopt a larger size another process may have set before doubling our own.
            try check(mdb_env_set_mapsize(handle, 0), "mdb_env_set_mapsize")
            var info = MDB_envinfo()
            mdb_env_info(handle, &info)
            let base = max(info.me_mapsize, observed)
            if base > observed { return }
            guard base < maximum else { throw LMDBError.mapAtMaximum(bytes: maximum) }
            try check(mdb_env_set_mapsize(handle, min(base * 2, maximum)), "mdb_env_set_mapsize")
        }
    }

    /// Runs `change` with every transaction of this process excluded, then records the new size.
    private func resize(_ change: (Int) throws(LMDBError) -> Void) throws(LMDBError) {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        guard !isClosed else { throw LMDBError.closed }
        // Pooled read transactions are reset, but drop them anyway so none spans a remap.
        for txn in readPool.withLock({ pool in defer { pool = [] }; return pool }) { mdb_txn_abort(txn.handle) }
        try change(mapSize)
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        state.withLock { $0.mapSize = info.me_mapsize }
    }

    /// Bytes of the map in use: pages up to the high-water mark minus those on the free list.
    ///
    /// The high-water mark never falls, so a map at its maximum is judged by this figure. It walks
    /// the free list (database 0, as `mdb_stat -f` does): cheap, but not for every write.
    func usedBytes() throws(LMDBError) -> Int {
        try withTransaction(.read) { (txn) throws(LMDBError) -> Int in
            var info = MDB_envinfo()
            try check(mdb_env_info(handle, &info), "mdb_env_info")
            var stat = MDB_stat()
            try check(mdb_env_stat(handle, &stat), "mdb_env_stat")
            var cursor: OpaquePointer?
            try check(mdb_cursor_open(txn.handle, 0, &cursor), "mdb_cursor_open")
            defer { mdb_cursor_close(cursor) }
            var key = MDB_val()
            var value = MDB_val()
            var freePages = 0
            var rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST)
            while rc == MDB_SUCCESS {
                // Each free-list value is a page-number array whose first element is its count.
                if value.mv_size >= MemoryLayout<Int>.size, let data = value.mv_data {
                    freePages += data.loadUnaligned(as: Int.self)
                }
                rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
            }
            if rc != MDB_NOTFOUND { try check(rc, "mdb_cursor_get") }
            return max(0, info.me_last_pgno + 1 - freePages) * Int(stat.ms_psize)
        }
    }

    /// Size of `data.mdb` on disk.
    var fileSize: Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/data.mdb")
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Checks the store directory, creating it (with parents) for a writer; returns its real path.
    private static func prepareDirectory(_ path: String, readOnly: Bool) throws(LMDBError) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw LMDBError.pathIsFile(path: path) }
        } else if readOnly {
            throw LMDBError.noEnvironment(path: path)
        } else {
            try createDirectories(path)
        }
        guard let resolved = realpath(path, nil) else {
            throw LMDBError.directoryNotCreated(path: path, reason: String(cString: strerror(errno)))
        }
        defer { free(resolved) }
        let directory = String(cString: resolved)
        if readOnly {
            if access(directory + "/data.mdb", R_OK) != 0 { throw LMDBError.noEnvironment(path: directory) }
        } else {
            if access(directory, W_OK) != 0 { throw LMDBError.directoryNotWritable(path: directory) }
            for file in ["/data.mdb", "/lock.mdb"] where access(directory + file, F_OK) == 0 {
                if access(directory + file, W_OK) != 0 { throw LMDBError.directoryNotWritable(path: directory) }
            }
        }
        return directory
    }

    private static func createDirectories(_ path: String) throws(LMDBError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw LMDBError.directoryNotCreated(path: path, reason: String(cString: strerror(errno)))
            }
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw LMDBError.directoryNotCreated(path: path, reason: "a path component is not a directory")
        }
    }
}
