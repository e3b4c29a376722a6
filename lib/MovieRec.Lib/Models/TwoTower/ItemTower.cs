using MovieRec.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// Item tower: [movie-id embedding ‖ genre multi-hot ‖ release-year-bucket embedding] → MLP → vector.
/// The feature tables are buffers, so they travel with the weights and a checkpoint of another catalogue
/// fails to load with a shape error instead of silently mixing movies.
/// </summary>
public sealed class ItemTower : nn.Module<Tensor, Tensor>
{
    private readonly Embedding idEmbedding;
    private readonly Embedding yearEmbedding;
    private readonly Sequential mlp;
    private readonly Tensor genres;
    private readonly Tensor years;

    /// <summary>Builds the tower for the items of <paramref name="features"/>.</summary>
    public ItemTower(ItemFeatureTable features, int embeddingDimension, int yearEmbeddingDimension, IReadOnlyList<int> hiddenSizes, double dropout, double initialScale)
        : base(nameof(ItemTower))
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ItemCount = features.ItemCount;
        GenreCount = features.Genres.Length;
        idEmbedding = NeuralLayers.Embedding(ItemCount, embeddingDimension, initialScale);
        yearEmbedding = NeuralLayers.Embedding(features.YearBucketCount, yearEmbeddingDimension, initialScale);
        genres = tensor(features.GenreMultiHot(), [ItemCount, GenreCount]);
        years = tensor(features.YearBuckets.Select(b => (long)b).ToArray(), [ItemCount]);
        mlp = NeuralLayers.Mlp(embeddingDimension + GenreCount + yearEmbeddingDimension, hiddenSizes, dropout, embeddingDimension);
        RegisterComponents();
    }

    /// <summary>Number of items.</summary>
    public long ItemCount { get; }

    /// <summary>Number of genre columns.</summary>
    public long GenreCount { get; }

    /// <summary>Item vectors (not normalised) for int64 item indices of shape [n].</summary>
    public override Tensor forward(Tensor items)
    {
        var features = cat([idEmbedding.forward(items), genres.index_select(0, items), yearEmbedding.forward(years.index_select(0, items))], 1);
        return mlp.forward(features);
    }

    /// <summary>The raw id embeddings of items of any shape ([…] → […, d]); the user tower pools these when shared.</summary>
    public Tensor IdEmbeddings(Tensor items) => idEmbedding.forward(items);

    /// <summary>Genre multi-hot rows of items of any shape ([…] → […, genres]).</summary>
    public Tensor GenresOf(Tensor items)
    {
        var shape = items.shape.Append(GenreCount).ToArray();
        return genres.index_select(0, items.reshape(-1)).view(shape);
    }
}
