using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CsCheck;
using MythicDot.Serialization;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// The embedding vector converter over random and mutated arrays and base64: the exact floats when valid, a
/// <see cref="JsonException"/> (which the transport turns into an <see cref="ApiError"/>) when not, nothing else.
/// </summary>
public sealed class EmbeddingVectorFuzzTests
{
    /// <summary>A finite float: ordinary, huge, tiny, negative zero, or any finite bit pattern.</summary>
    private static readonly Gen<float> Float = Gen.Frequency(
        (6, Gen.Double[-1, 1].Select(d => (float)d)),
        (1, Gen.Const(float.MaxValue)),
        (1, Gen.Const(float.Epsilon)),
        (1, Gen.Const(-0f)),
        (1, Gen.Int.Uniform.Select(bits => BitConverter.Int32BitsToSingle(bits) is var f && float.IsFinite(f) ? f : 1f)));

    /// <summary>A vector of finite floats: mostly short, one in sixteen up to 2,000 long.</summary>
    private static readonly Gen<float[]> Floats = Gen.Frequency((15, Float.Array[0, 15]), (1, Float.Array[0, 1999]));

    /// <summary>A valid response, its vector as an array (each number written round-trip or to three digits) or base64, then mutated.</summary>
    private static readonly Gen<byte[]> Mutated = FuzzInputs.Mutated(
        Gen.OneOf(
            Gen.Select(Float, Gen.Bool, (f, short3) => f.ToString(short3 ? "E3" : "R", CultureInfo.InvariantCulture)).Array[Gen.Frequency((15, Gen.Int[0, 15]), (1, Gen.Int[0, 1999]))].Select(numbers => "[" + string.Join(",", numbers) + "]"),
            Floats.Select(vector => "\"" + Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) + "\""))
        .Select(embedding => Encoding.UTF8.GetBytes(Response(embedding))));

    [Fact]
    public void Deserialize_GeneratedFloatArrays_ExactVector() =>
        Fuzz.Run("embeddings/array-oracle", 4_000, Floats, vector =>
        {
            var numbers = string.Join(",", vector.Select(f => f.ToString("R", CultureInfo.InvariantCulture)));
            var parsed = Deserialize(Encoding.UTF8.GetBytes(Response("[" + numbers + "]")));

            Assert.Equal(vector, Assert.Single(parsed.Data).Vector.ToArray());
        }, Show);

    [Fact]
    public void Deserialize_GeneratedBase64_ExactVector() =>
        Fuzz.Run("embeddings/base64-oracle", 4_000, Gen.Select(Floats, FuzzInputs.OneIn(3)), input =>
        {
            var (vector, escaped) = input;
            var base64 = Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));

            // Some servers escape '+' and '/'; the converter must unescape them.
            var literal = escaped ? base64.Replace("+", "\\u002B", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal) : base64;
            var parsed = Deserialize(Encoding.UTF8.GetBytes(Response("\"" + literal + "\"")));

            Assert.Equal(vector, Assert.Single(parsed.Data).Vector.ToArray());
        }, input => Show(input.Item1) + (input.Item2 ? " with '+' and '/' escaped" : string.Empty));

    [Fact]
    public void Deserialize_MutatedArraysAndBase64_VectorOrJsonException() =>
        Fuzz.Run("embeddings/mutated", 8_000, Mutated, body =>
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
        // One handler and client for every case, so the cases run one at a time (threads: 1).
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey);
        await Fuzz.RunAsync("embeddings/client", 2_000, TimeSpan.FromSeconds(5), Gen.Select(Mutated, FuzzInputs.Reads(4096)), async input =>
        {
            var (body, reads) = input;
            handler.Next = () => FuzzHandler.Response(HttpStatusCode.OK, new SplitStream(body, reads), "application/json");
            try
            {
                var response = await client.Embeddings.CreateAsync(new("mythic-embed-3", "text"));
                Assert.NotNull(response);
            }
            catch (ApiError)
            {
            }
        }, input => input.Item2 + ": " + Fuzz.Escape(input.Item1), threads: 1);
    }

    private static EmbeddingResponse Deserialize(byte[] body) =>
        JsonSerializer.Deserialize(body, EmbeddingsJsonContext.Default.EmbeddingResponse) ?? throw new JsonException("null");

    private static string Response(string embedding) =>
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + embedding + "}],\"model\":\"mythic-embed-3\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";

    private static string Show(float[] vector) =>
        "[" + string.Join(",", vector.Take(64).Select(f => f.ToString("R", CultureInfo.InvariantCulture))) + (vector.Length > 64 ? $",... ({vector.Length} floats)" : string.Empty) + "]";
}
