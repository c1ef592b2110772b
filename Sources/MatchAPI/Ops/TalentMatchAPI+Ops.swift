import Foundation
import OpenAPIRuntime

extension TalentMatchAPI {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .plainText(HTTPBody("ok\n"))))
    }

    func getReady(_ input: Operations.GetReady.Input) async throws -> Operations.GetReady.Output {
        let (ready, message) = await Readiness(database: database, migrations: migrations, availability: availability).check()
        return ready ? .ok(.init(body: .plainText(HTTPBody(message)))) : .serviceUnavailable(.init(body: .plainText(HTTPBody(message))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(MetricsSetup.registry.emitToBuffer()))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws -> Operations.GetOpenAPIDocument.Output {
        guard let text = OpenAPIDocument.text else { throw Problem(.internalError, "the contract is missing from the build") }
        return .ok(.init(body: .yaml(HTTPBody(text))))
    }
}
