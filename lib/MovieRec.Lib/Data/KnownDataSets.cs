using System.Security.Cryptography;

namespace MovieRec.Data;

/// <summary>
/// What the project knows about one GroupLens data set: its layout, the files that must be present,
/// and the SHA-256 of its files where we have verified them ourselves.
/// </summary>
/// <param name="Name">Folder and zip name, e.g. "ml-latest-small".</param>
/// <param name="Format">On-disk layout.</param>
/// <param name="RequiredFiles">Files whose presence marks a folder as holding this data set.</param>
/// <param name="FileSha256">SHA-256 (lower-case hex) of each extracted file, or null when not known.</param>
public sealed record KnownDataSet(
    string Name,
    MovieLensFormat Format,
    IReadOnlyList<string> RequiredFiles,
    IReadOnlyDictionary<string, string>? FileSha256)
{
    /// <summary>True when downloads of this data set can be checked without a user-supplied hash.</summary>
    public bool HasKnownHashes => FileSha256 is { Count: > 0 };
}

/// <summary>
/// The MovieLens data sets the locator and downloader know by name. Only ml-latest-small has
/// per-file hashes (taken from a copy verified by the project, also in data/SHA256SUMS); for the
/// others we have not recorded hashes and do not invent any, so downloading them needs an expected
/// zip SHA-256 from the user or an explicit "allow unverified" choice.
/// </summary>
public static class KnownDataSets
{
    private static readonly string[] CsvFiles = ["ratings.csv", "movies.csv"];

    /// <summary>ml-latest-small: 100,836 ratings by 610 users (the project's default data set).</summary>
    public static KnownDataSet MlLatestSmall { get; } = new(
        "ml-latest-small",
        MovieLensFormat.Csv,
        ["ratings.csv", "movies.csv", "tags.csv", "links.csv"],
        new Dictionary<string, string>
        {
            ["links.csv"] = "97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31",
            ["movies.csv"] = "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07",
            ["ratings.csv"] = "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646",
            ["tags.csv"] = "92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d",
            ["README.txt"] = "63d22ac138e80fae37021797ed8e1b9424b5239dc576a137422adf783ae3f404",
        });

    /// <summary>Every known data set.</summary>
    public static IReadOnlyList<KnownDataSet> All { get; } =
    [
        MlLatestSmall,
        new("ml-32m", MovieLensFormat.Csv, CsvFiles, null),
        new("ml-25m", MovieLensFormat.Csv, CsvFiles, null),
        new("ml-20m", MovieLensFormat.Csv, CsvFiles, null),
        new("ml-1m", MovieLensFormat.Ml1m, ["ratings.dat", "movies.dat"], null),
        new("ml-100k", MovieLensFormat.Ml100k, ["u.data", "u.item"], null),
    ];

    /// <summary>The data set called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static KnownDataSet? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when <paramref name="directory"/> holds the files of data set <paramref name="name"/>:
    /// its required files for a known name, otherwise ratings.csv, ratings.dat or u.data.
    /// </summary>
    public static bool LooksLikeDataSet(string directory, string name)
    {
        if (!Directory.Exists(directory))
        {
            return false;
        }

        if (Find(name) is { } known)
        {
            return known.RequiredFiles.All(f => File.Exists(Path.Combine(directory, f)));
        }

        return File.Exists(Path.Combine(directory, "ratings.csv"))
            || File.Exists(Path.Combine(directory, "ratings.dat"))
            || File.Exists(Path.Combine(directory, "u.data"));
    }

    /// <summary>
    /// Checks the files of <paramref name="directory"/> against <paramref name="expectedSha256"/>
    /// and returns one line per problem (missing file or hash mismatch); empty when all match.
    /// </summary>
    public static IReadOnlyList<string> VerifyFiles(string directory, IReadOnlyDictionary<string, string> expectedSha256)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(expectedSha256);
        var problems = new List<string>();
        foreach (var (file, expected) in expectedSha256.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                problems.Add($"{file}: missing");
                continue;
            }

            var actual = ComputeFileSha256(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file}: SHA-256 {actual}, expected {expected}");
            }
        }

        return problems;
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string ComputeFileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Text in the sha256sum format ("hash  name" per line, names sorted) for the given hashes.</summary>
    public static string FormatSha256Sums(IEnumerable<KeyValuePair<string, string>> hashes) =>
        string.Concat(hashes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value}  {p.Key}\n"));
}
