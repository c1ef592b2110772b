import Foundation
import Hummingbird
import MatchStore

/// "My data": download everything held (JSON), and delete the account, keeping only what
/// must be kept for audit, with the reason stated before and after.
struct DataRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/data") { request, context in
            _ = try gateway.requireCandidate(request, context)
            return page(FormState(), request, context)
        }
        router.get("/data/export.json") { request, context in
            let id = try gateway.requireCandidate(request, context)
            guard let json = try await CandidateDataStore(database: gateway.database).export(candidateID: id, vault: gateway.identityNumbers) else {
                throw HTTPError(.notFound)
            }
            return Response(status: .ok, headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: "attachment; filename=\"talentmatch-my-data.json\"",
            ], body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        router.post("/data/delete") { request, context in
            let id = try gateway.requireCandidate(request, context)
            guard context.form["confirm"] == "yes" else {
                var form = FormState()
                form.fail("confirm", gateway.renderer.text("error_delete_confirm", context))
                return page(form, request, context, status: .unprocessableContent)
            }
            try await CandidateDataStore(database: gateway.database).deleteAccount(candidateID: id, source: gateway.source(request, context))
            context.session?.signOut()
            return .seeOther("/?deleted=1")
        }
    }

    private func page(_ form: FormState, _ request: Request, _ context: GatewayRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["confirm"])
        data["kept"] = CandidateDataStore.retainedRecords.map { ["name": gateway.renderer.text("kept_\($0)", context)] }
        return gateway.renderer.page("data", titleKey: "data_title", data: data, context: context, request: request, status: status)
    }
}
