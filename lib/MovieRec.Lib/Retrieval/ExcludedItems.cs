using MovieRec.Models;

namespace MovieRec.Retrieval;

/// <summary>
/// Items to leave out of each query's results, in CSR form: row q excludes
/// <c>ItemIndices[Offsets[q]..Offsets[q+1]]</c> (any order; duplicates are harmless).
/// </summary>
/// <remarks>
/// The layout is the one <see cref="SeenItems"/> uses, so a model's training matrix can be passed straight
/// through (<see cref="FromSeenItems"/>) without copying.
/// </remarks>
public sealed class ExcludedItems
{
    /// <summary>Wraps the arrays without copying.</summary>
    /// <exception cref="ArgumentException">Offsets do not form a valid CSR layout over <paramref name="itemIndices"/>.</exception>
    public ExcludedItems(int[] offsets, int[] itemIndices)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(itemIndices);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != itemIndices.Length)
        {
            throw new ArgumentException(
                $"Offsets must be non-empty, start at 0 and end at itemIndices.Length ({itemIndices.Length}).", nameof(offsets));
        }

        for (var q = 0; q + 1 < offsets.Length; q++)
        {
            if (offsets[q + 1] < offsets[q])
            {
                throw new ArgumentException($"Offsets must not decrease (row {q}).", nameof(offsets));
            }
        }

        Offsets = offsets;
        ItemIndices = itemIndices;
    }

    /// <summary>Row starts, length rows + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Excluded item indices, all rows concatenated.</summary>
    public int[] ItemIndices { get; }

    /// <summary>Number of rows (queries).</summary>
    public int RowCount => Offsets.Length - 1;

    /// <summary>The excluded items of one row.</summary>
    public ReadOnlySpan<int> RowAt(int row) => ItemIndices.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>Each user's training items (shares the arrays of <paramref name="seen"/>).</summary>
    public static ExcludedItems FromSeenItems(SeenItems seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return new ExcludedItems(seen.Offsets, seen.ItemIndices);
    }
}
