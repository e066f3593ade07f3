using System.Collections;

namespace MythicDot.Models;

/// <summary>The models the key can use (<c>GET /models</c>): a read-only list that also carries the response metadata.</summary>
public sealed class ModelList : ApiResponse, IReadOnlyList<Model>
{
    private readonly IReadOnlyList<Model> _models;

    /// <summary>Initializes a new instance of the <see cref="ModelList"/> class, for tests.</summary>
    /// <param name="models">The models.</param>
    public ModelList(IEnumerable<Model> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models.ToList();
    }

    /// <inheritdoc />
    public int Count => _models.Count;

    /// <inheritdoc />
    public Model this[int index] => _models[index];

    /// <inheritdoc />
    public IEnumerator<Model> GetEnumerator() => _models.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
