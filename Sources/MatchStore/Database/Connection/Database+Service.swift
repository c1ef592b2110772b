import ServiceLifecycle

/// A server runs its pools as services beside the HTTP server: the pool serves queries only
/// while `run()` runs, and stops when the service group shuts down.
extension Database: Service {
    public func run() async {
        await client.run()
    }
}
