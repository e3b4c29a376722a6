namespace MovieRec.NotebookRunner;

/// <summary>What one notebook run produced.</summary>
/// <param name="NotebookName">File name without extension.</param>
/// <param name="ExecutedNotebookPath">The .ipynb with outputs.</param>
/// <param name="HtmlPath">The self-contained HTML page.</param>
/// <param name="ResultsPath">The results JSON the notebook recorded, or null when it recorded none.</param>
/// <param name="Elapsed">Wall time of the run, kernel start included.</param>
/// <param name="CellsExecuted">Code cells run (injected parameters included).</param>
public sealed record NotebookRunResult(string NotebookName, string ExecutedNotebookPath, string HtmlPath, string? ResultsPath, TimeSpan Elapsed, int CellsExecuted);
