using MovieRec.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// The history part of an SVD++ / FISM-style user vector: n_u^−β · Σ_{j ∈ I_u} y_j over the user's training movies
/// I_u, with its own movie table y. Added to a free user embedding it gives a factor model the item-to-item structure
/// that item-kNN and EASE exploit: two users who rated the same movies start from the same vector, and a movie's y row
/// is learned from every user who rated it. While training, each history movie can be dropped with probability ρ
/// (Mult-DAE's input dropout, inverted: the kept rows are scaled by 1/(1 − ρ), so the expected vector is the full
/// history's, which inference uses).
/// </summary>
/// <remarks>
/// The histories are not weights: they are set with <see cref="SetHistory"/> from the training data (rebuilt from the
/// saved ratings on load), so only y is saved. A user with no history gets a zero vector. In evaluation mode without
/// gradients every user's vector is computed once and cached: Recommend's parallel rows then only index it (cheaper,
/// and no tensor arithmetic — whose temporary alpha Scalars failed libtorch's "toFloat" check under those parallel
/// calls). The cache is dropped by <see cref="SetHistory"/> and by any training-mode forward (weights change only
/// through training steps); after editing y by hand, call <see cref="SetHistory"/> again.
/// </remarks>
public sealed class UserHistoryEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding history_item;
    private readonly double weightExponent;
    private readonly double dropout;
    private Tensor? offsets;
    private Tensor? lengths;
    private Tensor? items;

    /// <summary>[users, d] every user's vector, built on the first forward without gradients in evaluation mode (see <see cref="forward"/>).</summary>
    private Tensor? cache;
    private readonly Lock cacheLock = new();

    /// <param name="itemCount">Movies (rows of y).</param>
    /// <param name="dimension">Width of y (the user vector it is added to).</param>
    /// <param name="initialScale">Standard deviation of y's initial rows.</param>
    /// <param name="weightExponent">β of the n_u^−β normalisation (0 = sum, 1 = mean).</param>
    /// <param name="dropout">ρ, the probability of dropping each history movie during training (0 = none).</param>
    public UserHistoryEncoder(long itemCount, long dimension, double initialScale, double weightExponent, double dropout)
        : base(nameof(UserHistoryEncoder))
    {
        if (weightExponent is < 0 or > 1 || double.IsNaN(weightExponent))
        {
            throw new ArgumentException("weightExponent must be in [0, 1].", nameof(weightExponent));
        }

        if (dropout is < 0 or >= 1 || double.IsNaN(dropout))
        {
            throw new ArgumentException("dropout must be in [0, 1).", nameof(dropout));
        }

        history_item = NeuralLayers.Embedding(itemCount, dimension, initialScale);
        this.weightExponent = weightExponent;
        this.dropout = dropout;
        RegisterComponents();
    }

    /// <summary>The y table ([items, d]).</summary>
    public Tensor ItemWeights => history_item.weight!;

    /// <summary>Uses <paramref name="history"/>'s rows as the users' movie sets from now on (replacing any earlier ones).</summary>
    /// <exception cref="ArgumentException"><paramref name="history"/> has another catalogue size.</exception>
    public void SetHistory(SeenItems history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.ItemCount != history_item.weight!.shape[0])
        {
            throw new ArgumentException($"The history has {history.ItemCount} movies, the encoder {history_item.weight!.shape[0]}.", nameof(history));
        }

        DropCache();
        offsets?.Dispose();
        lengths?.Dispose();
        items?.Dispose();
        (offsets, lengths, items) = CsrBatch.Tensors(history);
    }

    /// <summary>The history vectors of <paramref name="users"/> ([n] → [n, d]); a user index may repeat.</summary>
    /// <exception cref="InvalidOperationException"><see cref="SetHistory"/> was not called.</exception>
    public override Tensor forward(Tensor users)
    {
        if (offsets is null || lengths is null || items is null)
        {
            throw new InvalidOperationException("UserHistoryEncoder: call SetHistory before scoring.");
        }

        if (training)
        {
            DropCache();
        }
        else if (!is_grad_enabled())
        {
            Tensor all;
            lock (cacheLock)
            {
                if (cache is null)
                {
                    using var scope = NewDisposeScope();
                    cache = Vectors(arange(lengths.shape[0], dtype: ScalarType.Int64)).DetachFromDisposeScope();
                }

                all = cache;
            }

            return all.index_select(0, users);
        }

        return Vectors(users);
    }

    private void DropCache()
    {
        lock (cacheLock)
        {
            cache?.Dispose();
            cache = null;
        }
    }

    /// <summary>The vectors computed from the histories (with dropout while training).</summary>
    private Tensor Vectors(Tensor users)
    {
        // Pair scoring repeats one user per movie: sum each distinct user's history once.
        var (distinct, inverse, _) = users.unique(sorted: true, return_inverse: true);
        var rows = distinct.shape[0];
        var (rowIds, positions) = CsrBatch.Entries(distinct, offsets!, lengths!);
        var vectors = history_item.forward(items!.index_select(0, positions));
        if (training && dropout > 0)
        {
            // One keep/drop draw per history movie (not per coordinate), from the global generator (seeded by Fit).
            var keep = bernoulli(full(rowIds.shape[0], 1 - dropout, dtype: ScalarType.Float32)) / (1 - dropout);
            vectors = vectors * keep.unsqueeze(1);
        }

        var sums = zeros(rows, vectors.shape[1], dtype: vectors.dtype).index_add(0, rowIds, vectors, 1);
        var weights = lengths!.index_select(0, distinct).to_type(ScalarType.Float32).clamp_min(1).pow(-weightExponent);
        return (sums * weights.unsqueeze(1)).index_select(0, inverse!);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            cache?.Dispose();
            offsets?.Dispose();
            lengths?.Dispose();
            items?.Dispose();
        }

        base.Dispose(disposing);
    }
}
