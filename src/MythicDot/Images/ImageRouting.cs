using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Images;

/// <summary>How the API picks a provider for an image generation. An open set: a value the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ImageRoutingConverter))]
public readonly struct ImageRouting : IEquatable<ImageRouting>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ImageRouting"/> struct.</summary>
    /// <param name="value">The routing as the API spells it.</param>
    public ImageRouting(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>optimal</c>, the API's default.</summary>
    public static ImageRouting Optimal { get; } = new("optimal");

    /// <summary>Gets <c>cheapest</c>: prefer the lowest-priced provider.</summary>
    public static ImageRouting Cheapest { get; } = new("cheapest");

    /// <summary>Gets <c>compatible</c>. The API documents the value, not its exact policy; the name suggests a provider that supports every parameter sent.</summary>
    public static ImageRouting Compatible { get; } = new("compatible");

    /// <summary>Gets the routing as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two routings.</summary>
    /// <param name="left">The first routing.</param>
    /// <param name="right">The second routing.</param>
    /// <returns>Whether they are the same routing.</returns>
    public static bool operator ==(ImageRouting left, ImageRouting right) => left.Equals(right);

    /// <summary>Compares two routings.</summary>
    /// <param name="left">The first routing.</param>
    /// <param name="right">The second routing.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ImageRouting left, ImageRouting right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ImageRouting other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ImageRouting other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ImageRouting"/>.</summary>
internal sealed class ImageRoutingConverter : StringValueConverter<ImageRouting>
{
    protected override ImageRouting Create(string value) => new(value);
}
