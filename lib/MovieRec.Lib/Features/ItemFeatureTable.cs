using MovieRec.Data;

namespace MovieRec.Features;

/// <summary>
/// Content features of the catalogue, one row per item index of an <see cref="IdVocabulary"/>: genres as
/// a multi-hot row and the release year as a bucket. Genre 0 is "(no genres listed)", set for movies with
/// no genre and for movies without metadata, so every item has at least one active genre; year bucket 0
/// means "unknown". Plain arrays, so the table can be saved as JSON with a model.
/// </summary>
public sealed record ItemFeatureTable
{
    /// <summary>Name of genre 0.</summary>
    public const string NoGenre = "(no genres listed)";

    /// <summary>Genre names; index 0 is <see cref="NoGenre"/>, the rest ascending (ordinal).</summary>
    public required string[] Genres { get; init; }

    /// <summary>Row starts of <see cref="GenreIndices"/>, length items + 1.</summary>
    public required int[] GenreOffsets { get; init; }

    /// <summary>Active genre indices of each item.</summary>
    public required int[] GenreIndices { get; init; }

    /// <summary>Release-year bucket of each item; 0 = unknown.</summary>
    public required int[] YearBuckets { get; init; }

    /// <summary>First year of bucket 1.</summary>
    public required int FirstYear { get; init; }

    /// <summary>Years per bucket.</summary>
    public required int BucketWidth { get; init; }

    /// <summary>Number of year buckets including the unknown bucket 0.</summary>
    public required int YearBucketCount { get; init; }

    /// <summary>Number of items (rows).</summary>
    public int ItemCount => YearBuckets.Length;

    /// <summary>
    /// Builds the table for the catalogue <paramref name="items"/>. Movies not in the catalogue are ignored;
    /// catalogue items missing from <paramref name="movies"/> (or all, when it is null) get genre 0 and year 0.
    /// </summary>
    public static ItemFeatureTable Build(IdVocabulary items, IReadOnlyList<Movie>? movies, int yearBucketWidth = 5)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(yearBucketWidth, 1);
        var byItem = new Movie?[items.Count];
        foreach (var movie in movies ?? [])
        {
            if (items.TryGetIndex(movie.MovieId, out var index))
            {
                byItem[index] = movie;
            }
        }

        var genreNames = byItem.Where(m => m is not null).SelectMany(m => m!.Genres)
            .Where(g => g != NoGenre).Distinct().Order(StringComparer.Ordinal).ToList();
        genreNames.Insert(0, NoGenre);
        var genreIndex = genreNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

        var years = byItem.Where(m => m?.Year is not null).Select(m => m!.Year!.Value).ToList();
        var firstYear = years.Count == 0 ? 0 : years.Min() - (((years.Min() % yearBucketWidth) + yearBucketWidth) % yearBucketWidth);
        var lastBucket = years.Count == 0 ? 0 : 1 + ((years.Max() - firstYear) / yearBucketWidth);

        var offsets = new int[items.Count + 1];
        var genreIndices = new List<int>();
        var buckets = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var movie = byItem[i];
            var active = movie?.Genres.Where(g => g != NoGenre).Select(g => genreIndex[g]).Distinct().Order().ToList() ?? [];
            genreIndices.AddRange(active.Count == 0 ? [0] : active);
            offsets[i + 1] = genreIndices.Count;
            buckets[i] = movie?.Year is { } year ? 1 + ((year - firstYear) / yearBucketWidth) : 0;
        }

        return new ItemFeatureTable
        {
            Genres = genreNames.ToArray(),
            GenreOffsets = offsets,
            GenreIndices = genreIndices.ToArray(),
            YearBuckets = buckets,
            FirstYear = firstYear,
            BucketWidth = yearBucketWidth,
            YearBucketCount = lastBucket + 1,
        };
    }

    /// <summary>Items × genres multi-hot matrix, row-major (1 where the item has the genre).</summary>
    public float[] GenreMultiHot()
    {
        var matrix = new float[(long)ItemCount * Genres.Length];
        for (var i = 0; i < ItemCount; i++)
        {
            for (var p = GenreOffsets[i]; p < GenreOffsets[i + 1]; p++)
            {
                matrix[((long)i * Genres.Length) + GenreIndices[p]] = 1f;
            }
        }

        return matrix;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when the arrays are inconsistent (e.g. a corrupt file).</summary>
    public void Check(string source)
    {
        if (Genres is null || Genres.Length == 0 || GenreOffsets is null || GenreIndices is null || YearBuckets is null ||
            GenreOffsets.Length != YearBuckets.Length + 1 || GenreOffsets[0] != 0 || GenreOffsets[^1] != GenreIndices.Length ||
            GenreIndices.Any(g => g < 0 || g >= Genres.Length) || YearBuckets.Any(b => b < 0 || b >= YearBucketCount) || BucketWidth < 1)
        {
            throw new InvalidDataException($"{source}: the item feature table is inconsistent.");
        }
    }
}
