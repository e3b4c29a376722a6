using MovieRec.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// User tower: [user-id embedding (optional) ‖ mean-pooled history item embeddings ‖ genre profile of the
/// history] → MLP → vector. Pooling happens in <see cref="TwoTowerModel"/>, which owns the item embeddings
/// the history is pooled with; this module only sees the pooled features.
/// </summary>
public sealed class UserTower : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Embedding? idEmbedding;
    private readonly Sequential mlp;

    /// <summary>Builds the tower.</summary>
    public UserTower(long userCount, long genreCount, int embeddingDimension, bool useUserIdEmbedding, IReadOnlyList<int> hiddenSizes, double dropout, double initialScale)
        : base(nameof(UserTower))
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        idEmbedding = useUserIdEmbedding ? NeuralLayers.Embedding(userCount, embeddingDimension, initialScale) : null;
        var input = (useUserIdEmbedding ? embeddingDimension : 0) + embeddingDimension + genreCount;
        mlp = NeuralLayers.Mlp(input, hiddenSizes, dropout, embeddingDimension);
        RegisterComponents();
    }

    /// <summary>User vectors (not normalised) from int64 user indices [n], pooled history [n, d] and genre profile [n, genres].</summary>
    public override Tensor forward(Tensor users, Tensor pooledHistory, Tensor genreProfile)
    {
        var features = idEmbedding is null
            ? cat([pooledHistory, genreProfile], 1)
            : cat([IdRows is { IsOpen: true } rows ? rows.Lookup(users) : idEmbedding.forward(users), pooledHistory, genreProfile], 1);
        return mlp.forward(features);
    }

    /// <summary>The user-id embedding table [users, d], or null without one.</summary>
    internal Tensor? IdWeight => idEmbedding?.weight;

    /// <summary>With sparse updates: the row-wise optimizer of <see cref="IdWeight"/>; while it has rows open, ids are read through it.</summary>
    internal LazyAdamTable? IdRows { get; set; }

    /// <summary>
    /// User vectors for users outside training (cold start): the id embedding, when the tower has one, is
    /// replaced by zeros (the centre its N(0, σ²) initialisation starts from).
    /// </summary>
    public Tensor ForwardWithoutId(Tensor pooledHistory, Tensor genreProfile)
    {
        var features = idEmbedding is null
            ? cat([pooledHistory, genreProfile], 1)
            : cat([zeros(pooledHistory.shape[0], idEmbedding.weight!.shape[1]), pooledHistory, genreProfile], 1);
        return mlp.forward(features);
    }
}
