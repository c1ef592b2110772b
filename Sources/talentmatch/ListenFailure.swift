#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `serve` could not open its port: one line naming the address, the port and what to do,
/// instead of `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.
struct ListenFailure: Error, CustomStringConvertible {
    let address: String
    let port: Int
    let errno: Int32

    var description: String {
        let place = "cannot listen on \(address):\(port)"
        return switch errno {
        case EADDRINUSE:
            "\(place): the port is in use (another talentmatch serve?); stop that process or choose another with --port or TALENTMATCH_PORT"
        case EACCES:
            "\(place): not permitted (ports below 1024 need privileges); choose another with --port or TALENTMATCH_PORT"
        case EADDRNOTAVAIL:
            "\(place): no such address on this host; choose another with --host or TALENTMATCH_HOST"
        default:
            "\(place): \(FileSystemFailure.reason(errno))"
        }
    }
}
