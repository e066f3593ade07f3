using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /embeddings</c>: validates the request, and answers with vectors derived from the input text alone.</summary>
/// <remarks>
/// Each vector is seeded from the SHA-256 of the text's UTF-8 bytes (never <see cref="string.GetHashCode()"/>, which changes
/// from process to process), drawn uniformly from [-1, 1) by SplitMix64, and scaled to unit length: the same text always gets
/// the same vector, in any process, and different texts different ones. <c>dimensions</c> keeps the first components of the
/// full 1,536, scaled to unit length again. Tokens are counted as words, at least one per input.
/// </remarks>
internal static class EmbeddingsEndpoint
{
    public static Task CreateAsync(EmulatorRequestContext context)
    {
        using var document = JsonRequest.Parse(context, out var invalidBody);
        if (document is null)
        {
            return context.WriteErrorAsync(invalidBody!);
        }

        var root = document.RootElement;
        if (EmulatorError.RequiredString(root, "model", "mythic-embed-3", out var model) is { } invalidModel)
        {
            return context.WriteErrorAsync(invalidModel);
        }

        if (ModelCatalog.Find(model) is not { } info)
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{model}' does not exist.", "model");
        }

        if (!info.Embeds)
        {
            return context.WriteErrorAsync(StatusCodes.Status400BadRequest, ErrorCodes.ParameterInvalid, $"'{model}' is not an embedding model; use mythic-embed-3.", "model");
        }

        var invalid = ReadInputs(root, info.ContextWindow, out var inputs);
        var dimensions = EmulatorDefaults.EmbeddingDimensions;
        var base64 = false;
        invalid ??= ReadDimensions(root, ref dimensions) ?? ReadEncoding(root, ref base64);
        if (invalid is not null)
        {
            return context.WriteErrorAsync(invalid);
        }

        var tokens = inputs.Sum(input => Math.Max(1, CountWords(input)));
        context.State.AddTokens(tokens);
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < inputs.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                writer.WritePropertyName("embedding");
                WriteVector(writer, Vector(inputs[i], dimensions), base64);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", model);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", tokens);
            writer.WriteNumber("total_tokens", tokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>The vector for <paramref name="text"/> (see the class remarks).</summary>
    internal static float[] Vector(string text, int dimensions)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var state = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        var vector = new float[dimensions];
        double sumOfSquares = 0;
        for (var i = 0; i < dimensions; i++)
        {
            // SplitMix64, then the top 53 bits as a double in [0, 1).
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var value = ((z >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
            vector[i] = (float)value;
            sumOfSquares += vector[i] * (double)vector[i];
        }

        var scale = 1 / Math.Sqrt(sumOfSquares);
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }

        return vector;
    }

    private static void WriteVector(Utf8JsonWriter writer, float[] vector, bool base64)
    {
        if (base64)
        {
            var bytes = new byte[vector.Length * sizeof(float)];
            for (var i = 0; i < vector.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
            }

            writer.WriteBase64StringValue(bytes);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in vector)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary><c>input</c>: one non-empty string, or an array of 1 to 2,048 of them, each within the model's tokens.</summary>
    private static EmulatorError? ReadInputs(JsonElement root, int maxTokens, out List<string> inputs)
    {
        inputs = [];
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return EmulatorError.Missing("input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() is >= 1 and <= EmulatorDefaults.MaxEmbeddingInputs)
        {
            foreach (var item in input.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return InvalidInput(string.Create(CultureInfo.InvariantCulture, $"'input[{inputs.Count}]' must be a string."));
                }

                inputs.Add(item.GetString()!);
            }
        }
        else
        {
            return InvalidInput(string.Create(CultureInfo.InvariantCulture, $"'input' must be a string or an array of 1 to {EmulatorDefaults.MaxEmbeddingInputs} strings."));
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length == 0)
            {
                return InvalidInput(string.Create(CultureInfo.InvariantCulture, $"'input[{i}]' is empty."));
            }

            if (CountWords(inputs[i]) > maxTokens)
            {
                return InvalidInput(string.Create(CultureInfo.InvariantCulture, $"'input[{i}]' is longer than the model's {maxTokens} tokens."));
            }
        }

        return null;
    }

    private static EmulatorError? ReadDimensions(JsonElement root, ref int dimensions)
    {
        if (!root.TryGetProperty("dimensions", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out dimensions) && dimensions is >= 1 and <= EmulatorDefaults.EmbeddingDimensions
            ? null
            : EmulatorError.Invalid(ErrorCodes.ParameterInvalid, string.Create(CultureInfo.InvariantCulture, $"'dimensions' must be a whole number from 1 to {EmulatorDefaults.EmbeddingDimensions}."), "dimensions");
    }

    private static EmulatorError? ReadEncoding(JsonElement root, ref bool base64)
    {
        if (!root.TryGetProperty("encoding_format", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        base64 = value.ValueKind == JsonValueKind.String && value.ValueEquals("base64");
        return base64 || (value.ValueKind == JsonValueKind.String && value.ValueEquals("float"))
            ? null
            : EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'encoding_format' must be \"float\" or \"base64\".", "encoding_format");
    }

    private static EmulatorError InvalidInput(string message) => EmulatorError.Invalid(ErrorCodes.ParameterInvalid, message, "input");

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
