#if canImport(Glibc)
import Glibc
#endif

/// How many malloc arenas glibc may make.
///
/// glibc gives threads that contend for the heap arenas of their own, up to eight per core;
/// NIO's event loops and the concurrency pool then spread a large fleet's small, long-lived
/// objects over many half-empty arenas. Two arenas kept `bench --devices 10000` at 179 MiB
/// resident instead of 225 MiB, at the same CPU. `MALLOC_ARENA_MAX` in the environment wins.
enum MallocArenas {
    static let maximum: Int32 = 2
    /// `M_ARENA_MAX` of `<malloc.h>`, which Swift's Glibc module does not bring.
    private static let arenaMaxParameter: Int32 = -8

    /// Applies the limit, unless the environment sets one; call before threads start.
    static func limit() {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil,
              let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")  // RTLD_DEFAULT
        else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMaxParameter, maximum)
        #endif
    }
}
