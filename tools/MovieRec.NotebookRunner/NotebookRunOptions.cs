namespace MovieRec.NotebookRunner;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks. Defaults are what <c>movierec notebooks</c> uses.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Where executed notebooks, HTML pages and results go. Default: artifacts/notebooks under the current directory.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "notebooks");

    /// <summary>Parameter overrides (NAME → VALUE as typed), injected after each notebook's "parameters" cell.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Longest time one cell may run before the run fails. Default: 10 minutes.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Progress lines ("notebook 01, cell 3 … 0.4 s"); null for silence. Default: none.</summary>
    public TextWriter? Log { get; init; }
}
