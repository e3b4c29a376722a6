using System.Diagnostics;
using System.Globalization;

namespace MovieRec.NotebookRunner;

/// <summary>
/// Executes .ipynb notebooks headless, cell by cell, in the order given: parameter overrides are injected after
/// the cell tagged "parameters", the first failing cell stops the run with a <see cref="NotebookCellFailedException"/>
/// ("notebook X, cell N: error"), and each notebook's executed .ipynb and a self-contained HTML page (plotly.js
/// embedded once) are written to the output folder — also when a cell failed, so the failure can be read in context.
/// <para>
/// Process-wide state is involved (current directory = the notebook's folder, as in VS Code; the results path
/// environment variable; formatter settings), so notebooks run one at a time and callers must not run two
/// runners in one process concurrently.
/// </para>
/// </summary>
public static class NotebookRunner
{
    /// <summary>The environment variable through which a notebook's results file is named (see MovieRec.Notebooks.NotebookResults).</summary>
    public const string ResultsPathVariable = "MOVIEREC_RESULTS_PATH";

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs <paramref name="notebookPaths"/> in order; stops at the first failure.</summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAsync(IReadOnlyList<string> notebookPaths, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        if (notebookPaths.Count == 0)
        {
            throw new ArgumentException("No notebook to run.", nameof(notebookPaths));
        }

        options ??= new NotebookRunOptions();
        var documents = notebookPaths.Select(NotebookDocument.Load).ToArray();
        CheckParametersAreDeclared(documents, options.Parameters);
        var results = new List<NotebookRunResult>(documents.Length);
        foreach (var document in documents)
        {
            results.Add(await RunOneAsync(document, options, cancellationToken));
        }

        return results;
    }

    /// <summary>
    /// Every override must be declared in the parameters cell of at least one notebook of the run (a typo must not
    /// pass silently) and parse as the declared type: both checked before any kernel starts.
    /// </summary>
    private static void CheckParametersAreDeclared(IReadOnlyList<NotebookDocument> documents, IReadOnlyDictionary<string, string> parameters)
    {
        var declared = documents
            .SelectMany(d => d.Cells.Where(c => c.Tags.Contains(ParameterOverrides.ParametersTag)))
            .SelectMany(c => ParameterOverrides.FindDeclarations(c.Source))
            .Select(d => d.Name)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = parameters.Keys.Where(k => !declared.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"Parameter(s) {string.Join(", ", unknown)} are not declared in the \"parameters\" cell of any notebook run " +
                $"({string.Join(", ", documents.Select(d => d.Name))}). Declared: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Order(StringComparer.Ordinal)))}.",
                nameof(parameters));
        }

        foreach (var document in documents)
        {
            foreach (var cell in document.Cells.Where(c => c.Tags.Contains(ParameterOverrides.ParametersTag)))
            {
                ParameterOverrides.ToCode(ParameterOverrides.FindDeclarations(cell.Source), parameters, document.Name);
            }
        }
    }

    private static async Task<NotebookRunResult> RunOneAsync(NotebookDocument document, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(outputDirectory);
        await OneAtATime.WaitAsync(cancellationToken);
        var resultsPath = Path.Combine(outputDirectory, document.Name + ".results.json");
        var previousDirectory = Directory.GetCurrentDirectory();
        var previousResultsPath = Environment.GetEnvironmentVariable(ResultsPathVariable);
        var stopwatch = Stopwatch.StartNew();
        var executed = 0;
        NotebookCellFailedException? failure = null;
        try
        {
            File.Delete(resultsPath);
            Directory.SetCurrentDirectory(Path.GetDirectoryName(document.Path)!);
            Environment.SetEnvironmentVariable(ResultsPathVariable, resultsPath);
            options.Log?.WriteLine($"notebook {document.Name}: starting");
            using var session = new KernelSession();
            foreach (var cell in document.Cells.ToArray())
            {
                cell.ResetOutputs();
            }

            foreach (var cell in document.Cells.ToArray())
            {
                if (!cell.IsCode || string.IsNullOrWhiteSpace(cell.Source))
                {
                    continue;
                }

                if (cell.KernelName is not ("csharp" or "C#" or "c#"))
                {
                    failure = new NotebookCellFailedException(document.Name, cell.Number, cell.FirstLine,
                        $"the cell's kernel is '{cell.KernelName}'; the runner runs C# cells only.");
                    break;
                }

                failure = await RunCellAsync(session, document, cell, cell.Source, ++executed, options, cancellationToken);
                if (failure is not null)
                {
                    break;
                }

                if (cell.Tags.Contains(ParameterOverrides.ParametersTag) && options.Parameters.Count > 0)
                {
                    var (code, unknown) = ParameterOverrides.ToCode(ParameterOverrides.FindDeclarations(cell.Source), options.Parameters, document.Name);
                    if (unknown.Count > 0)
                    {
                        options.Log?.WriteLine($"notebook {document.Name}: does not declare {string.Join(", ", unknown)}; left as is");
                    }

                    var injected = document.InsertCodeCellAfter(cell, code, ParameterOverrides.InjectedTag);
                    failure = await RunCellAsync(session, document, injected, code, ++executed, options, cancellationToken, reportAs: cell);
                    if (failure is not null)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            Environment.SetEnvironmentVariable(ResultsPathVariable, previousResultsPath);
            OneAtATime.Release();
        }

        var executedPath = Path.Combine(outputDirectory, document.Name + ".ipynb");
        var htmlPath = Path.Combine(outputDirectory, document.Name + ".html");
        AtomicFile.WriteAllText(executedPath, document.ToJson());
        AtomicFile.WriteAllText(htmlPath, HtmlReport.Render(document));
        stopwatch.Stop();
        options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notebook {document.Name}: {(failure is null ? "done" : "FAILED")} in {stopwatch.Elapsed.TotalSeconds:F1} s -> {executedPath}, {htmlPath}"));
        if (failure is not null)
        {
            throw failure;
        }

        return new NotebookRunResult(document.Name, executedPath, htmlPath, File.Exists(resultsPath) ? resultsPath : null, stopwatch.Elapsed, executed);
    }

    private static async Task<NotebookCellFailedException?> RunCellAsync(KernelSession session, NotebookDocument document, NotebookCell cell, string code,
        int executionCount, NotebookRunOptions options, CancellationToken cancellationToken, NotebookCell? reportAs = null)
    {
        var cellLabel = reportAs is null ? $"cell {cell.Number}" : $"parameters injected after cell {reportAs.Number}";
        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CellTimeout);
        string? error;
        try
        {
            var result = await session.SubmitAsync(code, timeout.Token).WaitAsync(timeout.Token);
            cell.SetExecutionCount(executionCount);
            error = CellOutputs.Append(cell, result, executionCount);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"timed out after {options.CellTimeout.TotalSeconds:F0} s";
        }

        options.Log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notebook {document.Name}, {cellLabel}: {(error is null ? "ok" : "failed")} ({stopwatch.Elapsed.TotalSeconds:F1} s)"));
        if (error is not null && error.Contains("CS0006", StringComparison.Ordinal))
        {
            error += "\n(A referenced library is missing: build the solution in Release first, dotnet build MovieRec.Lib.sln -c Release.)";
        }

        return error is null
            ? null
            : new NotebookCellFailedException(document.Name, (reportAs ?? cell).Number, reportAs is null ? cell.FirstLine : "injected parameters", error.Trim());
    }
}
