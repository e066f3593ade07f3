using System.Text.Json.Serialization;
using MythicDot.Files;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for files.</summary>
/// <remarks>One context per area (see <see cref="ModerationsJsonContext"/>); the options are the same in every context.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(FileObject))]
[JsonSerializable(typeof(FileDeletion))]
[JsonSerializable(typeof(Page<FileObject>))]
internal sealed partial class FilesJsonContext : JsonSerializerContext
{
}
