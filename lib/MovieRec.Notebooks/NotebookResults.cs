using System.Text.Json;
using System.Text.Json.Serialization;

namespace MovieRec.Notebooks;

/// <summary>
/// Records a notebook's final results (metrics, counts, settings) as JSON, so tests and the headless
/// runner can read back what a run produced without scraping cell outputs.
/// <para>
/// Where it goes: the path in the environment variable <see cref="PathVariable"/> when it is set (the
/// headless runner sets it to <c>&lt;output&gt;/&lt;notebook&gt;.results.json</c>, next to the executed notebook);
/// otherwise <c>artifacts/results/&lt;notebook&gt;.json</c> under the repository root found by walking up from the
/// current directory (notebook hosts run with the notebook's folder as current directory); otherwise nowhere,
/// and the JSON is only returned.
/// </para>
/// </summary>
public static class NotebookResults
{
    /// <summary>The environment variable that names the results file.</summary>
    public const string PathVariable = "MOVIEREC_RESULTS_PATH";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Serializes <paramref name="results"/> (an anonymous object, record or dictionary) and writes it atomically.
    /// Returns the JSON, so the last cell of a notebook can end with this call and show what was recorded.
    /// </summary>
    /// <param name="notebookName">The notebook's file name without extension, e.g. "01-data-exploration".</param>
    /// <param name="results">What to record; property names are kept as written.</param>
    public static string Record(string notebookName, object results)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookName);
        ArgumentNullException.ThrowIfNull(results);
        if (notebookName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{notebookName}' is not a valid file name.", nameof(notebookName));
        }

        var json = JsonSerializer.Serialize(results, results.GetType(), JsonOptions);
        var path = ResolvePath(notebookName);
        if (path is not null)
        {
            WriteAtomically(path, json);
            LastPath = path;
        }

        return json;
    }

    /// <summary>Where the last <see cref="Record"/> call wrote, or null when it only returned the JSON.</summary>
    public static string? LastPath { get; private set; }

    /// <summary>The file <see cref="Record"/> would write for <paramref name="notebookName"/> now, or null.</summary>
    public static string? ResolvePath(string notebookName)
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MovieRec.Lib.sln")))
            {
                return Path.Combine(directory.FullName, "artifacts", "results", notebookName + ".json");
            }
        }

        return null;
    }

    private static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, content + "\n", new System.Text.UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
