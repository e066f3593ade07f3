using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /moderations</c>: one result per input, in OpenAI's shape (which MythicDot's mirrors), with every category
/// and its score. Deterministic: an input is flagged in a category when it contains one of the category's trigger words
/// (case-insensitive): <c>kill</c> (violence), <c>hate</c> (hate), <c>harass</c> (harassment), <c>self-harm</c> (self-harm).
/// A flagged category scores 0.98, every other 0.0001.</summary>
internal static class ModerationsEndpoint
{
    /// <summary>The model answered when the request names none.</summary>
    public const string DefaultModel = "omni-moderation-latest";

    private static readonly string[] Categories =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm",
        "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];

    private static readonly (string Word, string Category)[] Triggers =
        [("kill", "violence"), ("hate", "hate"), ("harass", "harassment"), ("self-harm", "self-harm")];

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

        List<string>? texts = input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array when input.GetArrayLength() > 0 && input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
                input.EnumerateArray().Select(i => i.GetString()!).ToList(),
            _ => null,
        };
        if (texts is null)
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'input' must be a string or a non-empty array of strings.", "input"));
        }

        string model;
        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind == JsonValueKind.Null)
        {
            model = DefaultModel;
        }
        else if (modelElement.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(modelElement.GetString()))
        {
            model = modelElement.GetString()!;
        }
        else
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'model' must be a model id.", "model"));
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"modr-emulator-{context.State.NextModerationNumber():D6}");
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("model", model);
            writer.WriteStartArray("results");
            foreach (var text in texts)
            {
                var flagged = Triggers.Where(t => text.Contains(t.Word, StringComparison.OrdinalIgnoreCase)).Select(t => t.Category).ToHashSet(StringComparer.Ordinal);
                writer.WriteStartObject();
                writer.WriteBoolean("flagged", flagged.Count > 0);
                writer.WriteStartObject("categories");
                foreach (var category in Categories)
                {
                    writer.WriteBoolean(category, flagged.Contains(category));
                }

                writer.WriteEndObject();
                writer.WriteStartObject("category_scores");
                foreach (var category in Categories)
                {
                    writer.WriteNumber(category, flagged.Contains(category) ? 0.98 : 0.0001);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("category_applied_input_types");
                foreach (var category in Categories)
                {
                    writer.WriteStartArray(category);
                    if (flagged.Contains(category))
                    {
                        writer.WriteStringValue("text");
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
