using MovieRec.Features;
using MovieRec.Training;
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
    private readonly Tensor? popularity;

    /// <summary>
    /// Builds the tower for the items of <paramref name="features"/>; <paramref name="popularity"/> is one value
    /// per item (a scaled log count) fed to the MLP, or null for no popularity feature.
    /// </summary>
    public ItemTower(
        ItemFeatureTable features, int embeddingDimension, int yearEmbeddingDimension, IReadOnlyList<int> hiddenSizes, double dropout, double initialScale,
        float[]? popularity = null)
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
        if (popularity is not null)
        {
            if (popularity.Length != ItemCount)
            {
                throw new ArgumentException($"{popularity.Length} popularity values for {ItemCount} items.", nameof(popularity));
            }

            this.popularity = tensor(popularity, [ItemCount, 1]);
        }

        var input = embeddingDimension + GenreCount + yearEmbeddingDimension + (popularity is null ? 0 : 1);
        mlp = NeuralLayers.Mlp(input, hiddenSizes, dropout, embeddingDimension);
        RegisterComponents();
    }

    /// <summary>Number of items.</summary>
    public long ItemCount { get; }

    /// <summary>Number of genre columns.</summary>
    public long GenreCount { get; }

    /// <summary>Item vectors (not normalised) for int64 item indices of shape [n].</summary>
    public override Tensor forward(Tensor items)
    {
        var idVectors = IdEmbeddings(items);
        var genreRows = genres.index_select(0, items);
        var yearVectors = yearEmbedding.forward(years.index_select(0, items));
        var features = popularity is null
            ? cat([idVectors, genreRows, yearVectors], 1)
            : cat([idVectors, genreRows, yearVectors, popularity.index_select(0, items)], 1);
        return mlp.forward(features);
    }

    /// <summary>The raw id embeddings of items of any shape ([…] → […, d]); the user tower pools these when shared.</summary>
    public Tensor IdEmbeddings(Tensor items) => IdRows is { IsOpen: true } rows ? rows.Lookup(items) : idEmbedding.forward(items);

    /// <summary>The movie-id embedding table [items, d].</summary>
    internal Tensor IdWeight => idEmbedding.weight!;

    /// <summary>With sparse updates: the row-wise optimizer of <see cref="IdWeight"/>; while it has rows open, ids are read through it.</summary>
    internal LazyAdamTable? IdRows { get; set; }

    /// <summary>Genre multi-hot rows of items of any shape ([…] → […, genres]).</summary>
    public Tensor GenresOf(Tensor items)
    {
        var shape = items.shape.Append(GenreCount).ToArray();
        return genres.index_select(0, items.reshape(-1)).view(shape);
    }
}
