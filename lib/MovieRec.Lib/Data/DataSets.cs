namespace MovieRec.Data;

/// <summary>Options of <see cref="DataSets.Load(string, int, DataSetsOptions?)"/>. Defaults suit notebooks and the CLI.</summary>
public sealed record DataSetsOptions
{
    /// <summary>
    /// Folder under which synthetic data sets are generated, one subfolder per name and seed
    /// (e.g. synthetic-small-seed42). Default null: artifacts/data under the repository root, or
    /// movierec/data under the system temp folder when there is no repository root.
    /// </summary>
    public string? SyntheticDirectory { get; init; }

    /// <summary>
    /// Reuse a synthetic data set generated earlier into the same folder (same name and seed) instead of
    /// writing it again. Safe because generation is deterministic and the generator renames its files into
    /// place only when all are complete. Default true (the ML-25M shape takes minutes to write).
    /// </summary>
    public bool ReuseGenerated { get; init; } = true;

    /// <summary>How real data sets are found or downloaded. Default: the usual places, downloading when missing.</summary>
    public DataLocatorOptions Locator { get; init; } = new();

    /// <summary>How the files are read. Default: <see cref="MovieLensLoadOptions"/> defaults.</summary>
    public MovieLensLoadOptions Load { get; init; } = new();
}

/// <summary>
/// One switch for "which data set": a notebook's DATA_SET parameter names either a synthetic data set,
/// generated on the spot with <see cref="SyntheticMovieLens"/>, or a real MovieLens data set, found (or
/// downloaded) by <see cref="DataLocator"/>; either way the result is a loaded <see cref="MovieLensDataset"/>.
/// </summary>
public static class DataSets
{
    /// <summary>The synthetic data set shaped like ml-latest-small (<see cref="SyntheticMovieLensOptions.Small"/>).</summary>
    public const string SyntheticSmall = "synthetic-small";

    /// <summary>The synthetic data set shaped like ML-25M (<see cref="SyntheticMovieLensOptions.Ml25mShape"/>; about 700 MB of CSV).</summary>
    public const string SyntheticMl25m = "synthetic-ml25m";

    /// <summary>Names that are generated rather than located.</summary>
    public static IReadOnlyList<string> SyntheticNames { get; } = [SyntheticSmall, SyntheticMl25m];

    /// <summary>
    /// Loads data set <paramref name="name"/>: "synthetic-small" or "synthetic-ml25m" are generated with
    /// <paramref name="seed"/> (or reused, see <see cref="DataSetsOptions.ReuseGenerated"/>); any other name,
    /// e.g. "ml-latest-small" or "ml-25m", is located with <see cref="DataLocator.Locate"/>, which may download
    /// it. <paramref name="seed"/> only matters for synthetic data.
    /// </summary>
    /// <exception cref="DataSetNotFoundException">A real data set is nowhere to be found and could not be downloaded.</exception>
    public static MovieLensDataset Load(string name, int seed = 42, DataSetsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new DataSetsOptions();
        return MovieLensLoader.Load(Locate(name, seed, options), options.Load);
    }

    /// <summary>
    /// The folder <see cref="Load"/> reads for <paramref name="name"/>, generating synthetic data first when
    /// needed. Useful when only the path is wanted (e.g. to pass to the CLI).
    /// </summary>
    public static string Locate(string name, int seed = 42, DataSetsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new DataSetsOptions();
        var synthetic = SyntheticOptions(name);
        if (synthetic is null)
        {
            return DataLocator.Locate(name, options.Locator).Path;
        }

        var root = options.SyntheticDirectory ?? DefaultSyntheticDirectory();
        var directory = Path.GetFullPath(Path.Combine(root, $"{name.ToLowerInvariant()}-seed{seed}"));
        if (!(options.ReuseGenerated && IsComplete(directory)))
        {
            SyntheticMovieLens.Generate(directory, synthetic with { Seed = seed });
        }

        return directory;
    }

    /// <summary>True when <paramref name="name"/> names a generated data set ("synthetic-small", "synthetic-ml25m"; case ignored).</summary>
    public static bool IsSynthetic(string name) => SyntheticOptions(name) is not null;

    private static SyntheticMovieLensOptions? SyntheticOptions(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        SyntheticSmall => SyntheticMovieLensOptions.Small,
        SyntheticMl25m => SyntheticMovieLensOptions.Ml25mShape,
        _ => null,
    };

    /// <summary>The generator renames all four files into place only after all are written: all present means complete.</summary>
    private static bool IsComplete(string directory) =>
        new[] { "ratings.csv", "movies.csv", "tags.csv", "links.csv" }.All(f => File.Exists(Path.Combine(directory, f)));

    private static string DefaultSyntheticDirectory()
    {
        var repositoryRoot = DataLocator.FindRepositoryRoot();
        return repositoryRoot is not null
            ? Path.Combine(repositoryRoot, "artifacts", "data")
            : Path.Combine(Path.GetTempPath(), "movierec", "data");
    }
}
