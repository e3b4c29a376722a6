using MovieRec.Models;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// The training pairs both two-tower losses read, as tensors built once per fit: one entry per (user, item) pair in
/// CSR order (<see cref="EntryUsers"/>, <see cref="EntryItems"/>, optional history weights), each user's slice of
/// them (<see cref="UserOffsets"/>, <see cref="UserLengths"/>), and the per-epoch validation over the whole
/// catalogue that <see cref="TwoTowerTrainingTask"/> and <see cref="UserMultinomialTrainingTask"/> share.
/// </summary>
internal sealed class TwoTowerInteractions : IDisposable
{
    /// <param name="options">Supplies the history-rating exponent and the validation cut-off.</param>
    /// <param name="fit">Training pairs (users × items CSR).</param>
    /// <param name="validation">Held-out pairs scored each epoch, or null for no validation.</param>
    public TwoTowerInteractions(TwoTowerOptions options, SeenItems fit, SeenItems? validation)
    {
        ItemCount = fit.ItemCount;
        var entryUsers = new long[fit.Count];
        for (var u = 0; u < fit.UserCount; u++)
        {
            entryUsers.AsSpan(fit.Offsets[u], fit.Offsets[u + 1] - fit.Offsets[u]).Fill(u);
        }

        EntryUsers = tensor(entryUsers).DetachFromDisposeScope();
        (UserOffsets, UserLengths, EntryItems) = CsrBatch.Tensors(fit);
        if (options.HistoryRatingExponent > 0)
        {
            EntryWeights = tensor(fit.Ratings.Select(r => TwoTowerModel.HistoryWeight(r, options.HistoryRatingExponent)).ToArray())
                .DetachFromDisposeScope();
        }

        AllUsers = arange(fit.UserCount, dtype: ScalarType.Int64).DetachFromDisposeScope();
        AllItems = arange(ItemCount, dtype: ScalarType.Int64).DetachFromDisposeScope();
        if (validation is not null && validation.Count > 0)
        {
            Validator = new RetrievalValidator(
                ItemCount, fit.Offsets, fit.ItemIndices, validation.Offsets, validation.ItemIndices, options.ValidationCutoff);
        }
    }

    /// <summary>Catalogue size N.</summary>
    public int ItemCount { get; }

    /// <summary>[E] user index of every training pair, in CSR order.</summary>
    public Tensor EntryUsers { get; }

    /// <summary>[E] item index of every training pair, in CSR order.</summary>
    public Tensor EntryItems { get; }

    /// <summary>[E] history weight of every pair (rating-based), or null when history pooling is unweighted.</summary>
    public Tensor? EntryWeights { get; }

    /// <summary>[U] first entry of each user.</summary>
    public Tensor UserOffsets { get; }

    /// <summary>[U] number of entries of each user.</summary>
    public Tensor UserLengths { get; }

    /// <summary>[U] 0 … U − 1.</summary>
    public Tensor AllUsers { get; }

    /// <summary>[N] 0 … N − 1.</summary>
    public Tensor AllItems { get; }

    /// <summary>Scores the held-out pairs each epoch, or null without validation.</summary>
    public RetrievalValidator? Validator { get; }

    /// <summary>Every user (whole training history pooled) against every movie, or null without validation.</summary>
    public ValidationResult? Validate(TwoTowerModel model, TwoTowerOptions options)
    {
        if (Validator is null)
        {
            return null;
        }

        var userVectors = model.EncodeUsersFromEntries(AllUsers, EntryUsers, EntryItems, EntryWeights);
        var itemVectors = model.EncodeItems(AllItems);
        var metrics = Validator.Evaluate(userVectors, itemVectors);
        return new ValidationResult($"{options.ValidationMetric}@{Validator.K}", metrics);
    }

    public void Dispose()
    {
        Validator?.Dispose();
        EntryWeights?.Dispose();
        foreach (var t in new[] { EntryUsers, EntryItems, UserOffsets, UserLengths, AllUsers, AllItems })
        {
            t.Dispose();
        }
    }
}
