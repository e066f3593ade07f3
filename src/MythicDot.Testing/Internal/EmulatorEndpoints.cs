using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MythicDot.Testing.Internal;

/// <summary>The one place the emulator's endpoints are declared.</summary>
/// <remarks>
/// To add an endpoint, add a handler taking an <see cref="EmulatorRequestContext"/> (its body is already read, the key already
/// checked, faults already served) and map it here. Paths are relative to <c>/v1</c>.
/// </remarks>
internal static class EmulatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup(EmulatorDefaults.ApiBasePath);
        v1.MapPost("chat/completions", Handle(ChatCompletionsEndpoint.CreateAsync));
        v1.MapPost("embeddings", Handle(EmbeddingsEndpoint.CreateAsync));
        v1.MapPost("images/generations", Handle(ImagesEndpoint.GenerateAsync));
        v1.MapPost("messages", Handle(MessagesEndpoint.CreateAsync));
        v1.MapPost("messages/count_tokens", Handle(MessagesEndpoint.CountTokensAsync));
        v1.MapPost("moderations", Handle(ModerationsEndpoint.CreateAsync));
        v1.MapPost("responses", Handle(ResponsesEndpoint.CreateAsync));
        v1.MapGet("responses/{id}", Handle(ResponsesEndpoint.GetAsync));
        v1.MapDelete("responses/{id}", Handle(ResponsesEndpoint.DeleteAsync));
        v1.MapGet("models", Handle(ModelsEndpoint.ListAsync));
        v1.MapGet("models/{id}", Handle(ModelsEndpoint.GetAsync));
        v1.MapPost("files", Handle(FilesEndpoint.UploadAsync));
        v1.MapGet("files", Handle(FilesEndpoint.ListAsync));
        v1.MapGet("files/{id}", Handle(FilesEndpoint.GetAsync));
        v1.MapDelete("files/{id}", Handle(FilesEndpoint.DeleteAsync));
        v1.MapGet("files/{id}/content", Handle(FilesEndpoint.ContentAsync));
        v1.MapPost("batches", Handle(BatchesEndpoint.CreateAsync));
        v1.MapGet("batches", Handle(BatchesEndpoint.ListAsync));
        v1.MapGet("batches/{id}", Handle(BatchesEndpoint.GetAsync));
        v1.MapPost("batches/{id}/cancel", Handle(BatchesEndpoint.CancelAsync));
        v1.MapGet("realtime", Handle(RealtimeEndpoint.AcceptAsync));
        AdminEndpoints.Map(v1, Handle);

        // Anything else, wrong method included: the API's 404.
        app.Map("/{**path}", Handle(NotFoundAsync));
    }

    private static RequestDelegate Handle(Func<EmulatorRequestContext, Task> handler) =>
        http => handler(EmulatorRequestContext.Of(http));

    private static Task NotFoundAsync(EmulatorRequestContext context)
    {
        var request = context.Http.Request;
        return context.WriteErrorAsync(
            StatusCodes.Status404NotFound,
            ErrorCodes.ResourceNotFound,
            $"No endpoint {request.Method} {request.PathBase}{request.Path} in the MythicDot emulator.");
    }
}
