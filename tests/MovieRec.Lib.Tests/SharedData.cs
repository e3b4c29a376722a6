namespace MovieRec.Tests;

/// <summary>Where the real MovieLens copy beside the repository lives (../shared/data), when present.</summary>
public static class SharedData
{
    /// <summary>Full path of ../shared/data/ml-latest-small found by walking up from the test binary, or null.</summary>
    public static string? MlLatestSmall { get; } = Find("ml-latest-small");

    private static string? Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(Path.Combine(candidate, "ratings.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}
