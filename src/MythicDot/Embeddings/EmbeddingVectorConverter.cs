using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Embeddings;

/// <summary>
/// Reads an embedding into a <see cref="float"/> array: from a JSON array of numbers, or from a base64 string of
/// little-endian float32 values (what <c>encoding_format: base64</c> returns). Writes a JSON array of numbers.
/// </summary>
/// <remarks>
/// Numbers are parsed straight to <see cref="float"/> into a pooled scratch buffer sized by the last vector read, so the
/// only allocation per vector is the exact-size result.
/// </remarks>
internal sealed class EmbeddingVectorConverter : JsonConverter<ReadOnlyMemory<float>>
{
    private const int MinimumScratch = 256;

    // The length of the last vector read: a model returns vectors of one size, so the next scratch buffer fits at once.
    private static int s_lengthHint = 1536;

    public override ReadOnlyMemory<float> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.StartArray => ReadNumbers(ref reader),
            JsonTokenType.String => ReadBase64(ref reader),
            _ => throw new JsonException($"Expected an array of numbers or a base64 string for 'embedding', got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<float> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var number in value.Span)
        {
            writer.WriteNumberValue(number);
        }

        writer.WriteEndArray();
    }

    private static float[] ReadNumbers(ref Utf8JsonReader reader)
    {
        var scratch = ArrayPool<float>.Shared.Rent(Math.Max(s_lengthHint, MinimumScratch));
        var count = 0;
        try
        {
            // The serializer buffers a whole value before calling a converter, so Read() cannot run dry here.
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out var number) || !float.IsFinite(number))
                {
                    throw new JsonException($"Element {count} of 'embedding' is not a finite float32 number.");
                }

                if (count == scratch.Length)
                {
                    var larger = ArrayPool<float>.Shared.Rent(scratch.Length * 2);
                    scratch.AsSpan().CopyTo(larger);
                    ArrayPool<float>.Shared.Return(scratch);
                    scratch = larger;
                }

                scratch[count++] = number;
            }

            if (count == 0)
            {
                return [];
            }

            s_lengthHint = count;
            var vector = GC.AllocateUninitializedArray<float>(count);
            scratch.AsSpan(0, count).CopyTo(vector);
            return vector;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader)
    {
        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> base64;
            if (!reader.HasValueSequence && !reader.ValueIsEscaped)
            {
                base64 = reader.ValueSpan;
            }
            else
            {
                // Escaped ('\u002B' for '+', '\/' for '/') or split across segments: unescape into a scratch buffer.
                var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                rented = ArrayPool<byte>.Shared.Rent(length);
                base64 = rented.AsSpan(0, reader.CopyString(rented));
            }

            var padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
            var byteCount = Base64.GetMaxDecodedFromUtf8Length(base64.Length) - padding;
            if (base64.Length % 4 != 0 || byteCount % sizeof(float) != 0)
            {
                throw new JsonException("The base64 'embedding' is not a whole number of float32 values.");
            }

            var vector = GC.AllocateUninitializedArray<float>(byteCount / sizeof(float));
            var status = Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out var written);
            if (status != OperationStatus.Done || written != byteCount)
            {
                throw new JsonException("The 'embedding' string is not valid base64.");
            }

            if (!BitConverter.IsLittleEndian)
            {
                var bits = MemoryMarshal.Cast<float, int>(vector.AsSpan());
                BinaryPrimitives.ReverseEndianness(bits, bits);
            }

            // As in the array form: NaN or infinity in a vector is corrupt data, not a value to compute with.
            foreach (var number in vector)
            {
                if (!float.IsFinite(number))
                {
                    throw new JsonException("The base64 'embedding' holds a value that is not a finite float32 number.");
                }
            }

            return vector;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
