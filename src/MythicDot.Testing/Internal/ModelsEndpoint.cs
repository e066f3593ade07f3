using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>GET /models</c> and <c>GET /models/{id}</c>.</summary>
internal static class ModelsEndpoint
{
    public static Task ListAsync(EmulatorRequestContext context) =>
        EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var model in ModelCatalog.Models)
            {
                model.Write(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static Task GetAsync(EmulatorRequestContext context)
    {
        var id = context.RouteValue("id") ?? string.Empty;
        if (ModelCatalog.Find(id) is not { } model)
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{id}' does not exist.", "model");
        }

        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, model.Write);
    }
}
