namespace MovieRec.Data;

/// <summary>How <see cref="DataLocator"/> found a data set folder.</summary>
public enum DataLocationSource
{
    /// <summary>The path given in <see cref="DataLocatorOptions.Path"/>.</summary>
    ExplicitPath,

    /// <summary>The MOVIELENS_DIR environment variable (the folder itself or its &lt;name&gt;/ subfolder).</summary>
    EnvironmentVariable,

    /// <summary>data/&lt;name&gt; under the repository root.</summary>
    RepositoryData,

    /// <summary>../shared/data/&lt;name&gt; beside the repository root.</summary>
    SharedData,

    /// <summary>The per-user cache folder (~/.cache/movierec/&lt;name&gt;), filled by an earlier download.</summary>
    UserCache,

    /// <summary>Downloaded from GroupLens just now.</summary>
    Downloaded,
}

/// <summary>Where a data set lives and how that was decided.</summary>
/// <param name="Path">Full path of the folder holding the data set's files.</param>
/// <param name="Source">Which rule found it.</param>
public sealed record DataLocation(string Path, DataLocationSource Source)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({Source})";
}

/// <summary>Options of <see cref="DataLocator"/>. Defaults look in the usual places and download when missing.</summary>
public sealed record DataLocatorOptions
{
    /// <summary>The environment variable naming a MovieLens folder: "MOVIELENS_DIR".</summary>
    public const string EnvironmentVariableName = "MOVIELENS_DIR";

    /// <summary>A folder that must hold the data set; when set, nothing else is tried. Default null.</summary>
    public string? Path { get; init; }

    /// <summary>Download from GroupLens when no copy is found. Default true.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>Options of the download (base URL, expected hash, progress). Default: verified download from GroupLens.</summary>
    public MovieLensDownloadOptions Download { get; init; } = new();

    /// <summary>Reads an environment variable. Default <see cref="Environment.GetEnvironmentVariable(string)"/>; tests inject their own.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Folders from which to walk up looking for MovieRec.Lib.sln. Default null: the current
    /// directory, then <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public IReadOnlyList<string>? SearchStartDirectories { get; init; }

    /// <summary>Per-user cache folder. Default null: $XDG_CACHE_HOME/movierec, else ~/.cache/movierec.</summary>
    public string? UserCacheDirectory { get; init; }
}

/// <summary>No copy of a data set was found and none could be downloaded; the message lists every place tried.</summary>
public sealed class DataSetNotFoundException(string name, IReadOnlyList<string> pathsTried, Uri? downloadUri, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The data set asked for.</summary>
    public string Name { get; } = name;

    /// <summary>Every folder looked at, in order, with why it did not qualify.</summary>
    public IReadOnlyList<string> PathsTried { get; } = pathsTried;

    /// <summary>Where the zip can be downloaded by hand.</summary>
    public Uri? DownloadUri { get; } = downloadUri;
}

/// <summary>
/// Finds a MovieLens data set folder so notebooks, tests and the CLI never hard-code a path.
/// Order: (1) <see cref="DataLocatorOptions.Path"/>; (2) MOVIELENS_DIR, a folder that either holds
/// &lt;name&gt;/ or is the data set itself (its folder name is &lt;name&gt; or its README.txt names
/// it); (3) data/&lt;name&gt; under the repository root (the folder with MovieRec.Lib.sln, found by
/// walking up from the current directory and from the application's base directory);
/// (4) ../shared/data/&lt;name&gt; beside that root; (5) the per-user cache ~/.cache/movierec/&lt;name&gt;;
/// (6) a download into data/&lt;name&gt; of the repository root, or into the cache when there is no
/// root. A folder counts only when it holds the data set's required files.
/// </summary>
public static class DataLocator
{
    /// <summary>The solution file that marks the repository root.</summary>
    public const string RepositoryMarker = "MovieRec.Lib.sln";

    /// <summary>Finds (or downloads) data set <paramref name="name"/>.</summary>
    /// <exception cref="DataSetNotFoundException">No copy was found and downloading was not allowed or failed.</exception>
    public static DataLocation Locate(string name = "ml-latest-small", DataLocatorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new DataLocatorOptions();
        var downloadUri = MovieLensDownloader.GetDownloadUri(name, options.Download.BaseUri); // also validates name
        var tried = new List<string>();

        if (options.Path is { } explicitPath)
        {
            var full = System.IO.Path.GetFullPath(explicitPath);
            if (KnownDataSets.LooksLikeDataSet(full, name))
            {
                return new DataLocation(full, DataLocationSource.ExplicitPath);
            }

            tried.Add($"{full} (the explicit Path option): {WhyNot(full, name)}");
            throw NotFound(name, tried, downloadUri, "The folder given as Path does not hold the data set.", null);
        }

        if (options.GetEnvironmentVariable(DataLocatorOptions.EnvironmentVariableName) is { Length: > 0 } environmentDirectory)
        {
            var root = System.IO.Path.GetFullPath(environmentDirectory);
            var nested = System.IO.Path.Combine(root, name);
            if (KnownDataSets.LooksLikeDataSet(nested, name))
            {
                return new DataLocation(nested, DataLocationSource.EnvironmentVariable);
            }

            tried.Add($"{nested} ({DataLocatorOptions.EnvironmentVariableName}/{name}): {WhyNot(nested, name)}");
            if (KnownDataSets.LooksLikeDataSet(root, name) && IsNamed(root, name))
            {
                return new DataLocation(root, DataLocationSource.EnvironmentVariable);
            }

            tried.Add($"{root} ({DataLocatorOptions.EnvironmentVariableName}): " +
                (KnownDataSets.LooksLikeDataSet(root, name)
                    ? $"holds MovieLens files, but neither its folder name nor its README.txt says {name}"
                    : WhyNot(root, name)));
        }

        var repositoryRoot = FindRepositoryRoot(options.SearchStartDirectories);
        if (repositoryRoot is not null)
        {
            var repositoryData = System.IO.Path.Combine(repositoryRoot, "data", name);
            if (KnownDataSets.LooksLikeDataSet(repositoryData, name))
            {
                return new DataLocation(repositoryData, DataLocationSource.RepositoryData);
            }

            tried.Add($"{repositoryData} (data/ of the repository): {WhyNot(repositoryData, name)}");
            var parent = Directory.GetParent(repositoryRoot)?.FullName;
            if (parent is not null)
            {
                var shared = System.IO.Path.Combine(parent, "shared", "data", name);
                if (KnownDataSets.LooksLikeDataSet(shared, name))
                {
                    return new DataLocation(shared, DataLocationSource.SharedData);
                }

                tried.Add($"{shared} (shared/data beside the repository): {WhyNot(shared, name)}");
            }
        }
        else
        {
            tried.Add($"(no repository root: no {RepositoryMarker} above the current or application folder)");
        }

        var cacheRoot = options.UserCacheDirectory ?? DefaultUserCacheDirectory(options.GetEnvironmentVariable);
        var cached = cacheRoot is null ? null : System.IO.Path.Combine(cacheRoot, name);
        if (cached is not null)
        {
            if (KnownDataSets.LooksLikeDataSet(cached, name))
            {
                return new DataLocation(cached, DataLocationSource.UserCache);
            }

            tried.Add($"{cached} (per-user cache): {WhyNot(cached, name)}");
        }

        var destination = repositoryRoot is not null ? System.IO.Path.Combine(repositoryRoot, "data", name) : cached;
        if (!options.AllowDownload || destination is null)
        {
            var why = options.AllowDownload ? "There is nowhere to download to." : "Downloading is turned off (AllowDownload = false).";
            throw NotFound(name, tried, downloadUri, why, null);
        }

        try
        {
            var path = MovieLensDownloader.Download(name, destination, options.Download);
            return new DataLocation(path, DataLocationSource.Downloaded);
        }
        catch (Exception e) when (e is MovieLensDownloadException or IOException or UnauthorizedAccessException)
        {
            throw NotFound(name, tried, downloadUri, $"Downloading into {destination} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// The folder holding MovieRec.Lib.sln, walking up from each start folder in turn (default: the
    /// current directory, then <see cref="AppContext.BaseDirectory"/>), or null.
    /// </summary>
    public static string? FindRepositoryRoot(IReadOnlyList<string>? startDirectories = null)
    {
        foreach (var start in startDirectories ?? [Environment.CurrentDirectory, AppContext.BaseDirectory])
        {
            for (var directory = new DirectoryInfo(System.IO.Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, RepositoryMarker)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    private static string? DefaultUserCacheDirectory(Func<string, string?> getEnvironmentVariable)
    {
        if (getEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
        {
            return System.IO.Path.Combine(xdg, "movierec");
        }

        var home = getEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : System.IO.Path.Combine(home, ".cache", "movierec");
    }

    /// <summary>True when the folder is called <paramref name="name"/> or its GroupLens README.txt says "(name)".</summary>
    private static bool IsNamed(string directory, string name)
    {
        if (string.Equals(System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(directory)), name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var readme = System.IO.Path.Combine(directory, "README.txt");
        if (!File.Exists(readme))
        {
            return false;
        }

        using var reader = new StreamReader(readme);
        var buffer = new char[4096];
        var head = new string(buffer, 0, reader.ReadBlock(buffer));
        return head.Contains($"({name})", StringComparison.OrdinalIgnoreCase);
    }

    private static string WhyNot(string directory, string name)
    {
        if (!Directory.Exists(directory))
        {
            return "does not exist";
        }

        var required = KnownDataSets.Find(name)?.RequiredFiles ?? ["ratings.csv"];
        var missing = required.Where(f => !File.Exists(System.IO.Path.Combine(directory, f))).ToArray();
        return missing.Length > 0 ? $"missing {string.Join(", ", missing)}" : "not recognised";
    }

    private static DataSetNotFoundException NotFound(string name, List<string> tried, Uri downloadUri, string reason, Exception? inner)
    {
        var required = KnownDataSets.Find(name)?.RequiredFiles ?? ["ratings.csv"];
        var message =
            $"MovieLens data set '{name}' was not found. {reason}\n" +
            $"Places tried:\n  {string.Join("\n  ", tried)}\n" +
            $"To fix: download {downloadUri}, unzip it and put the folder {name}/ (with {string.Join(", ", required)} " +
            $"and README.txt) under data/ of the repository, or set {DataLocatorOptions.EnvironmentVariableName} to the " +
            "folder that holds it. See data/README.md.";
        return new DataSetNotFoundException(name, tried, downloadUri, message, inner);
    }
}
