using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MythicDot.Polyfills;

/// <summary>The span and stream overloads of .NET Core 2.1+ that the SDK uses.</summary>
internal static class MemoryPolyfills
{
    public static ReadOnlySpan<T> Trim<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> trimElements)
        where T : IEquatable<T>
    {
        var start = 0;
        while (start < span.Length && trimElements.IndexOf(span[start]) >= 0)
        {
            start++;
        }

        var end = span.Length;
        while (end > start && trimElements.IndexOf(span[end - 1]) >= 0)
        {
            end--;
        }

        return span.Slice(start, end - start);
    }

    extension(BinaryPrimitives)
    {
        public static void ReverseEndianness(ReadOnlySpan<int> source, Span<int> destination)
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReverseEndianness(source[i]);
            }
        }
    }

    extension(GC)
    {
        public static T[] AllocateUninitializedArray<T>(int length) => new T[length];
    }
}
