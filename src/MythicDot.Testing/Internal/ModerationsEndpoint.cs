using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /moderations</c>, whose shape the API does not document: a minimal answer that nothing is flagged, so that
/// the SDK's raw escape hatch (<c>SendRequestAsync</c>) has a real endpoint to call.</summary>
internal static class ModerationsEndpoint
{
    public static Task CreateAsync(EmulatorRequestContext context)
    {
        using var document = JsonRequest.Parse(context, out var invalidBody);
        if (document is null)
        {
            return context.WriteErrorAsync(invalidBody!);
        }

        var root = document.RootElement;
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return context.WriteErrorAsync(EmulatorError.Missing("input"));
        }

        var count = input.ValueKind switch
        {
            JsonValueKind.String => 1,
            JsonValueKind.Array when input.GetArrayLength() > 0 && input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) => input.GetArrayLength(),
            _ => 0,
        };
        if (count == 0)
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'input' must be a string or a non-empty array of strings.", "input"));
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"modr-emulator-{context.State.NextModerationNumber():D6}");
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteStartArray("results");
            for (var i = 0; i < count; i++)
            {
                writer.WriteStartObject();
                writer.WriteBoolean("flagged", false);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
