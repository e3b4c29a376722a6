namespace MovieRec.Data;

/// <summary>
/// Maps raw ids (sparse, e.g. MovieLens movie ids up to 200,000+) to contiguous indices 0..Count-1 and
/// back. Every model uses one per entity so embedding tables are dense. Indices follow ascending raw id,
/// so the same ids always give the same vocabulary.
/// </summary>
public sealed class IdVocabulary
{
    private readonly int[] _ids;
    private readonly Dictionary<int, int> _indexById;

    private IdVocabulary(int[] sortedDistinctIds)
    {
        _ids = sortedDistinctIds;
        _indexById = new Dictionary<int, int>(_ids.Length);
        for (var i = 0; i < _ids.Length; i++)
        {
            _indexById[_ids[i]] = i;
        }
    }

    /// <summary>Number of distinct ids.</summary>
    public int Count => _ids.Length;

    /// <summary>Raw ids in index order (ascending).</summary>
    public IReadOnlyList<int> Ids => _ids;

    /// <summary>Builds a vocabulary from any ids; duplicates are fine.</summary>
    public static IdVocabulary FromIds(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = new HashSet<int>(ids).ToArray();
        Array.Sort(distinct);
        return new IdVocabulary(distinct);
    }

    /// <summary>The index of a raw id. Throws <see cref="KeyNotFoundException"/> naming the id when unknown.</summary>
    public int IndexOf(int id) => _indexById.TryGetValue(id, out var index)
        ? index
        : throw new KeyNotFoundException($"Id {id} is not in the vocabulary ({Count} ids).");

    /// <summary>The index of a raw id, or false when unknown.</summary>
    public bool TryGetIndex(int id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>True when the id is known.</summary>
    public bool Contains(int id) => _indexById.ContainsKey(id);

    /// <summary>The raw id at an index.</summary>
    public int IdAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _ids[index];
    }

    /// <summary>Indices of many raw ids (throws on the first unknown id).</summary>
    public int[] IndicesOf(ReadOnlySpan<int> ids)
    {
        var result = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            result[i] = IndexOf(ids[i]);
        }

        return result;
    }

    /// <summary>Raw ids of many indices.</summary>
    public int[] IdsAt(ReadOnlySpan<int> indices)
    {
        var result = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = IdAt(indices[i]);
        }

        return result;
    }
}
