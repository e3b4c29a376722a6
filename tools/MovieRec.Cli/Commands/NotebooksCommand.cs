using System.Diagnostics;
using System.Globalization;
using MovieRec.NotebookRunner;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec notebooks [NOTEBOOK.ipynb ...] [--only PREFIX] [--param NAME=VALUE ...] [--output DIR]</c>:
/// runs the numbered notebooks of notebooks/ (or the files given) headless, in order, and writes each executed
/// notebook, an offline HTML page and the recorded results to the output folder (default artifacts/notebooks).
/// Exit code 0 when every cell ran, 1 when a cell failed (the message names notebook and cell), 2 for bad usage.
/// </summary>
internal static class NotebooksCommand
{
    private const string Usage =
        "usage: movierec notebooks [NOTEBOOK.ipynb ...] [--only PREFIX] [--param NAME=VALUE ...] [--output DIR] [--cell-timeout MINUTES] [--quiet]\n" +
        "  Runs notebooks/NN-*.ipynb in order (or the files given), cell by cell, on the default data.\n" +
        "  --only PREFIX      run only notebooks whose file name starts with PREFIX (e.g. 01); repeatable\n" +
        "  --param NAME=VALUE override a value of the cell tagged \"parameters\" (e.g. EPOCHS=2); repeatable\n" +
        "  --output DIR       where executed notebooks, HTML pages and results go (default artifacts/notebooks)\n" +
        "  --cell-timeout MIN stop a cell that runs longer than this many minutes (default 30: training cells take minutes)\n" +
        "  --quiet            no progress lines";

    public static int Run(string[] args)
    {
        var files = new List<string>();
        var only = new List<string>();
        var assignments = new List<string>();
        string? output = null;
        var quiet = false;
        var cellTimeoutMinutes = DefaultCellTimeoutMinutes;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case "--only":
                    only.Add(Value(args, ref i));
                    break;
                case "--param" or "-p":
                    assignments.Add(Value(args, ref i));
                    break;
                case "--output" or "-o":
                    output = Value(args, ref i);
                    break;
                case "--cell-timeout":
                    var text = Value(args, ref i);
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out cellTimeoutMinutes) || !(cellTimeoutMinutes > 0))
                    {
                        throw new ArgumentException($"--cell-timeout needs a positive number of minutes, not '{text}'.");
                    }

                    break;
                case "--quiet" or "-q":
                    quiet = true;
                    break;
                case var option when option.StartsWith('-'):
                    throw new ArgumentException($"unknown option '{option}'.\n{Usage}");
                default:
                    files.Add(args[i]);
                    break;
            }
        }

        var repositoryRoot = FindRepositoryRoot();
        if (files.Count == 0)
        {
            var folder = Path.Combine(repositoryRoot ?? Directory.GetCurrentDirectory(), "notebooks");
            files.AddRange(NumberedNotebooks(folder));
            if (files.Count == 0)
            {
                throw new InvalidOperationException($"No numbered notebooks (NN-name.ipynb) in {folder}.");
            }
        }

        if (only.Count > 0)
        {
            files = files.Where(f => only.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList();
            if (files.Count == 0)
            {
                throw new ArgumentException($"--only {string.Join(", ", only)} matches no notebook.");
            }
        }

        var options = new NotebookRunOptions
        {
            OutputDirectory = Path.GetFullPath(output ?? Path.Combine(repositoryRoot ?? Directory.GetCurrentDirectory(), "artifacts", "notebooks")),
            Parameters = ParameterOverrides.Parse(assignments),
            Log = quiet ? null : Console.Out,
            CellTimeout = TimeSpan.FromMinutes(cellTimeoutMinutes),
        };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var results = NotebookRunner.NotebookRunner.RunAsync(files, options).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{results.Count} notebook(s) ran in {stopwatch.Elapsed.TotalSeconds:F1} s; output in {options.OutputDirectory}"));
            PrintLeaderboard(results);
            return 0;
        }
        catch (NotebookCellFailedException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine($"The executed notebook with the error is in {options.OutputDirectory}.");
            return 1;
        }
        catch (InvalidDataException ex)
        {
            // Not a notebook (bad JSON, no cells): the message names the file.
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// When the evaluation notebook ran, prints the leaderboard it recorded (its results file's "Leaderboard") as a table:
    /// the main job's closing summary.
    /// </summary>
    private static void PrintLeaderboard(IReadOnlyList<NotebookRunResult> results)
    {
        var evaluation = results.LastOrDefault(r => r.NotebookName.StartsWith(EvaluationNotebookPrefix, StringComparison.Ordinal) && r.ResultsPath is not null);
        if (evaluation is null)
        {
            return;
        }

        var rows = MovieRec.Evaluation.Leaderboard.ReadResults(evaluation.ResultsPath!);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Leaderboard ({evaluation.NotebookName}, {rows[0].Users:N0} users, top-{rows[0].K}, best NDCG first; details in {evaluation.HtmlPath}):"));
        Console.Write(MovieRec.Evaluation.Leaderboard.ToText(rows));
    }

    /// <summary>
    /// Default cell time limit. The runner's own default (10 minutes) is too short for the cell of 03/04 that trains
    /// every model on a shared, loaded 2-core machine; the limit only guards against a hung kernel.
    /// </summary>
    internal const double DefaultCellTimeoutMinutes = 30;

    /// <summary>The notebook whose recorded leaderboard closes the main job.</summary>
    internal const string EvaluationNotebookPrefix = "04-evaluation";

    /// <summary>notebooks/NN-*.ipynb sorted by name; _template and other unnumbered files are not part of the run.</summary>
    internal static IEnumerable<string> NumberedNotebooks(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb")
                .Where(f => Path.GetFileName(f) is [>= '0' and <= '9', >= '0' and <= '9', '-', ..])
                .Order(StringComparer.Ordinal)
            : [];

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MovieRec.Lib.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
        }

        return args[++i];
    }
}
