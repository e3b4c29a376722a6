using MovieRec.Models;
using static TorchSharp.torch;

namespace MovieRec.Training;

/// <summary>
/// The entries of a batch of users in a CSR layout (each user's items stored contiguously from its offset), as tensors:
/// a ragged gather without a per-user managed loop, shared by every training task that needs all of a batch user's
/// training items (full-catalogue losses, seen-item masks).
/// </summary>
internal static class CsrBatch
{
    /// <summary>
    /// <paramref name="seen"/>'s CSR rows as the int64 tensors <see cref="Entries"/> reads: each user's start and number
    /// of entries, and every entry's item. Detached from any dispose scope: the caller owns and disposes them.
    /// </summary>
    public static (Tensor Offsets, Tensor Lengths, Tensor Items) Tensors(SeenItems seen)
    {
        var starts = new long[seen.UserCount];
        var lengths = new long[seen.UserCount];
        for (var u = 0; u < seen.UserCount; u++)
        {
            starts[u] = seen.Offsets[u];
            lengths[u] = seen.Offsets[u + 1] - seen.Offsets[u];
        }

        return (tensor(starts).DetachFromDisposeScope(), tensor(lengths).DetachFromDisposeScope(),
            tensor(seen.ItemIndices.Select(i => (long)i).ToArray()).DetachFromDisposeScope());
    }

    /// <summary>
    /// For batch <paramref name="users"/> (indices into <paramref name="offsets"/> and <paramref name="lengths"/>): entry
    /// e belongs to batch row <c>Rows[e]</c> and sits at CSR position <c>Positions[e]</c>; a row's entries are in CSR order.
    /// </summary>
    /// <param name="users">[rows] user indices (int64).</param>
    /// <param name="offsets">[users] start of each user's entries (int64).</param>
    /// <param name="lengths">[users] number of each user's entries (int64).</param>
    public static (Tensor Rows, Tensor Positions) Entries(Tensor users, Tensor offsets, Tensor lengths)
    {
        var batchLengths = lengths.index_select(0, users);
        var total = batchLengths.sum().item<long>();
        var rows = arange(users.shape[0], dtype: ScalarType.Int64).repeat_interleave(batchLengths, output_size: total);
        var rowStarts = batchLengths.cumsum(0) - batchLengths;
        var slot = arange(total, dtype: ScalarType.Int64) - rowStarts.repeat_interleave(batchLengths, output_size: total);
        return (rows, slot + offsets.index_select(0, users).repeat_interleave(batchLengths, output_size: total));
    }

    /// <summary>
    /// A [<paramref name="rowCount"/>, <paramref name="columnCount"/>] boolean mask, true at every (rows[e], columns[e]):
    /// e.g. the batch users' training movies from <see cref="Entries"/>, to leave them out of a full-catalogue loss.
    /// Built as one scatter into a flat vector (row · columns + column), without a per-entry loop.
    /// </summary>
    /// <param name="rows">[entries] batch row of each entry (int64).</param>
    /// <param name="columns">[entries] column (item index) of each entry (int64).</param>
    /// <param name="rowCount">Rows of the mask (the batch size).</param>
    /// <param name="columnCount">Columns of the mask (the catalogue size).</param>
    public static Tensor Mask(Tensor rows, Tensor columns, long rowCount, long columnCount) =>
        zeros(rowCount * columnCount, dtype: ScalarType.Bool)
            .index_fill_(0, (rows * columnCount) + columns, true)
            .view(rowCount, columnCount);
}
