using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MythicDot.Serialization;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// The embedding vector converter over random and mutated arrays and base64: the exact floats when valid, a
/// <see cref="JsonException"/> (which the transport turns into an <see cref="ApiError"/>) when not, nothing else.
/// </summary>
public sealed class EmbeddingVectorFuzzTests
{
    [Fact]
    public void Deserialize_GeneratedFloatArrays_ExactVector() =>
        Fuzz.Run("embeddings/array-oracle", 4_000, r => RandomFloats(r), (vector, _) =>
        {
            var numbers = string.Join(",", vector.Select(f => f.ToString("R", CultureInfo.InvariantCulture)));
            var parsed = Deserialize(Encoding.UTF8.GetBytes(Response("[" + numbers + "]")));

            Assert.Equal(vector, Assert.Single(parsed.Data).Vector.ToArray());
        }, Show);

    [Fact]
    public void Deserialize_GeneratedBase64_ExactVector() =>
        Fuzz.Run("embeddings/base64-oracle", 4_000, r => RandomFloats(r), (vector, random) =>
        {
            var base64 = Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));

            // Some servers escape '+' and '/'; the converter must unescape them.
            var literal = random.Next(3) == 0 ? base64.Replace("+", "\\u002B", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal) : base64;
            var parsed = Deserialize(Encoding.UTF8.GetBytes(Response("\"" + literal + "\"")));

            Assert.Equal(vector, Assert.Single(parsed.Data).Vector.ToArray());
        }, Show);

    [Fact]
    public void Deserialize_MutatedArraysAndBase64_VectorOrJsonException() =>
        Fuzz.Run("embeddings/mutated", 8_000, Mutated, (body, _) =>
        {
            try
            {
                var parsed = Deserialize(body);
                foreach (var embedding in parsed.Data ?? [])
                {
                    Assert.All((embedding?.Vector ?? default).ToArray(), f => Assert.True(float.IsFinite(f)));
                }
            }
            catch (JsonException)
            {
                // The documented failure: the transport maps it to ApiError.
            }
        });

    [Fact]
    public async Task CreateAsync_MutatedResponses_ResponseOrApiError()
    {
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey);
        await Fuzz.RunAsync("embeddings/client", 2_000, TimeSpan.FromSeconds(5), Mutated, async (body, random) =>
        {
            handler.Next = () => FuzzHandler.Response(HttpStatusCode.OK, new SplitStream(body, random), "application/json");
            try
            {
                var response = await client.Embeddings.CreateAsync(new("mythic-embed-3", "text"));
                Assert.NotNull(response);
            }
            catch (ApiError)
            {
            }
        });
    }

    private static EmbeddingResponse Deserialize(byte[] body) =>
        JsonSerializer.Deserialize(body, EmbeddingsJsonContext.Default.EmbeddingResponse) ?? throw new JsonException("null");

    private static string Response(string embedding) =>
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + embedding + "}],\"model\":\"mythic-embed-3\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";

    private static byte[] Mutated(Random random)
    {
        var vector = RandomFloats(random);
        var embedding = random.Next(2) == 0
            ? "[" + string.Join(",", vector.Select(f => f.ToString(random.Next(2) == 0 ? "R" : "E3", CultureInfo.InvariantCulture))) + "]"
            : "\"" + Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) + "\"";
        return FuzzInputs.Mutate(random, Encoding.UTF8.GetBytes(Response(embedding)));
    }

    /// <summary>A vector of finite floats: ordinary, tiny, huge, negative zero, subnormal.</summary>
    private static float[] RandomFloats(Random random)
    {
        var vector = new float[random.Next(0, random.Next(16) == 0 ? 2000 : 16)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = random.Next(10) switch
            {
                0 => float.MaxValue,
                1 => float.Epsilon,
                2 => -0f,
                3 => BitConverter.Int32BitsToSingle(random.Next()) is var f && float.IsFinite(f) ? f : 1f,
                _ => (float)(random.NextDouble() * 2 - 1),
            };
        }

        return vector;
    }

    private static string Show(float[] vector) =>
        "[" + string.Join(",", vector.Take(64).Select(f => f.ToString("R", CultureInfo.InvariantCulture))) + (vector.Length > 64 ? $",... ({vector.Length} floats)" : string.Empty) + "]";
}
